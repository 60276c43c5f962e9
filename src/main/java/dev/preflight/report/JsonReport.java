package dev.preflight.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.preflight.api.Report;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Writes a {@link Report} as JSON: the machine contract, described by {@code schema/report.schema.json}. */
public final class JsonReport {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
    private static final ObjectWriter COMPACT = MAPPER.writer();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private JsonReport() {
    }

    private static final ReportJsonWriter FAST = new ReportJsonWriter();

    /** The report as one line of JSON. */
    public static String toJson(Report report) {
        return new String(FAST.write(report, null), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The report as one line of UTF-8 JSON, with an {@code origin} field first when given (a batch line). */
    public static byte[] toJsonBytes(Report report, String origin) {
        return FAST.write(report, origin);
    }

    /** The reflective serialisation the fast writer must match, for tests. */
    static String toJsonReflectively(Report report) {
        try {
            return COMPACT.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report is always serialisable", e);
        }
    }

    /** The report as indented JSON: the same fields as {@link #toJson}, re-indented. */
    public static String toPrettyJson(Report report) {
        try {
            return PRETTY.writeValueAsString(MAPPER.readTree(FAST.write(report, null)));
        } catch (IOException e) {
            throw new IllegalStateException("a report is always serialisable", e);
        }
    }

    /** Writes the report to the stream (not closed). */
    public static void write(Report report, OutputStream out, boolean pretty) {
        try {
            out.write((pretty ? toPrettyJson(report) : toJson(report)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mapper, for writers that embed reports in other JSON (batch lines). */
    public static JsonMapper mapper() {
        return MAPPER.copy();
    }
}
