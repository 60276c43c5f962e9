package dev.preflight.batch;

import java.nio.charset.StandardCharsets;

/**
 * One input record: a tenant's facts as JSON, and where it came from.
 *
 * @param source the file it came from ({@code tenants.jsonl}, {@code exports/contoso.json}, {@code -} for standard input)
 * @param line   its line in that file for JSON Lines (from 1), or 0 when the record is the whole file
 * @param json   the record's JSON: UTF-8 bytes, or UTF-16 with a byte-order mark; {@code null} when it was too long to read
 */
public record BatchRecord(String source, long line, byte[] json) {

    /** A record from JSON text. */
    public static BatchRecord of(String source, long line, String json) {
        return new BatchRecord(source, line, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A record too long to read ({@code json} is {@code null}): reported as invalid, not kept in memory. */
    static BatchRecord tooLong(String source, long line) {
        return new BatchRecord(source, line, null);
    }

    /** Whether the record was too long to read. */
    public boolean tooLong() {
        return json == null;
    }

    /** Where the record is, for people: {@code tenants.jsonl:17}, or the file name. */
    public String origin() {
        return line > 0 ? source + ":" + line : source;
    }
}
