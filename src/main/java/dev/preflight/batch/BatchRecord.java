package dev.preflight.batch;

import dev.preflight.collection.ImportResult;
import java.nio.charset.StandardCharsets;

/**
 * One input record: a tenant's facts as JSON, and where it came from.
 *
 * @param source    the file it came from ({@code tenants.jsonl}, {@code exports/contoso.json}, {@code -} for standard input)
 * @param line      its line in that file for JSON Lines (from 1), or 0 when the record is the whole file
 * @param json      the record's JSON: UTF-8 bytes, or UTF-16 with a byte-order mark; {@code null} when it was too long to read
 *                  or is an unusable collection
 * @param imported  for a collection (a .zip, or a folder holding manifest.json), its import; otherwise {@code null}
 * @param unusable  for a collection that cannot be read at all, why; otherwise {@code null}
 */
public record BatchRecord(String source, long line, byte[] json, ImportResult imported, String unusable) {

    /** A record of facts. */
    public BatchRecord(String source, long line, byte[] json) {
        this(source, line, json, null, null);
    }

    /** A record from JSON text. */
    public static BatchRecord of(String source, long line, String json) {
        return new BatchRecord(source, line, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A record too long to read ({@code json} is {@code null}): reported as invalid, not kept in memory. */
    static BatchRecord tooLong(String source, long line) {
        return new BatchRecord(source, line, null);
    }

    /** An imported collection: its facts, with the import kept for the report's missing-fact sources. */
    static BatchRecord collection(String source, ImportResult imported) {
        return new BatchRecord(source, 0, imported.toJson().getBytes(StandardCharsets.UTF_8), imported, null);
    }

    /** A collection that cannot be read at all: an error record. */
    static BatchRecord unusableCollection(String source, String why) {
        return new BatchRecord(source, 0, null, null, why);
    }

    /** Whether the record was too long to read. */
    public boolean tooLong() {
        return json == null && unusable == null;
    }

    /** Where the record is, for people: {@code tenants.jsonl:17}, or the file name. */
    public String origin() {
        return line > 0 ? source + ":" + line : source;
    }
}
