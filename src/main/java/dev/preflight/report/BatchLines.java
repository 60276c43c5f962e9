package dev.preflight.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.preflight.api.CheckResult;
import dev.preflight.api.Finding;
import dev.preflight.api.InvalidFactsException;
import dev.preflight.api.Report;
import dev.preflight.api.Status;
import dev.preflight.batch.BatchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines {@code preflight batch} writes for each record. JSON Lines: the record's report (the
 * same object as {@code evaluate --format json}) with its {@code origin} first, or an {@code error}
 * object for a record that could not be evaluated. CSV: one row per tenant and failing or
 * unevaluated check (one row for a tenant where every check passed), for spreadsheets.
 */
public final class BatchLines {

    /** The CSV columns. */
    public static final List<String> CSV_COLUMNS = List.of("origin", "tenantId", "displayName", "verdict", "checkId", "status",
            "severity", "findings", "subject", "message", "remediation", "docUrl");

    private static final JsonFactory JSON = new JsonFactory();
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING) // quote only what needs it
            .build();
    private static final CsvSchema SCHEMA = schema();
    private static final ObjectWriter ROWS = CSV.writer(SCHEMA);

    private final ReportJsonWriter reports = new ReportJsonWriter();

    private static CsvSchema schema() {
        CsvSchema.Builder b = CsvSchema.builder();
        CSV_COLUMNS.forEach(b::addColumn);
        return b.build().withoutHeader();
    }

    /** The CSV header line. */
    public static byte[] csvHeader() {
        return (String.join(",", CSV_COLUMNS) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** One JSON line, newline included. */
    public byte[] jsonLine(BatchResult result) {
        if (result instanceof BatchResult.Evaluated e) {
            return reports.writeLine(e.report(), e.origin());
        }
        byte[] body = errorObject(result);
        byte[] line = java.util.Arrays.copyOf(body, body.length + 1);
        line[body.length] = '\n';
        return line;
    }

    private static byte[] errorObject(BatchResult result) {
        ByteArrayBuilder buf = new ByteArrayBuilder(512);
        try (JsonGenerator g = JSON.createGenerator(buf)) {
            g.writeStartObject();
            g.writeStringField("origin", result.origin());
            if (result instanceof BatchResult.Read r) {
                g.writeObjectFieldStart("tenant");
                if (r.tenantId() != null) {
                    g.writeStringField("tenantId", r.tenantId());
                }
                g.writeEndObject();
                g.writeBooleanField("valid", true);
            } else if (result instanceof BatchResult.Invalid i) {
                g.writeObjectFieldStart("tenant");
                if (i.tenantId() != null) {
                    g.writeStringField("tenantId", i.tenantId());
                }
                g.writeEndObject();
                InvalidFactsException x = i.error();
                g.writeObjectFieldStart("error");
                g.writeStringField("kind", "invalid-input");
                g.writeStringField("path", x.path());
                g.writeNumberField("line", x.line());
                g.writeNumberField("column", x.column());
                g.writeStringField("message", x.problem());
                g.writeEndObject();
            } else if (result instanceof BatchResult.Failed f) {
                g.writeObjectFieldStart("tenant");
                g.writeEndObject();
                g.writeObjectFieldStart("error");
                g.writeStringField("kind", "evaluation-failed");
                g.writeStringField("message", f.message());
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    /** The CSV rows of one record, newlines included. */
    public byte[] csvRows(BatchResult result) {
        List<List<String>> rows = new ArrayList<>();
        if (result instanceof BatchResult.Evaluated e) {
            Report r = e.report();
            String tenantId = r.tenant().tenantId();
            String name = r.tenant().displayName();
            for (CheckResult c : r.checks()) {
                if (c.status() == Status.PASS) {
                    continue;
                }
                Finding first = c.findings().isEmpty() ? null : c.findings().get(0);
                String message = first != null ? first.message()
                        : c.status() == Status.NOT_EVALUATED ? "missing: " + String.join("; ", c.missing().stream().map(Object::toString).toList())
                        : "a rule of this check failed while running";
                rows.add(row(e.origin(), tenantId, name, r.verdict().name(), c.id(), c.status().name(),
                        c.severity() == null ? "" : c.severity().name(), String.valueOf(c.findings().size()),
                        first == null ? "" : first.subject(), message, first == null ? "" : first.remediation(), c.docUrl()));
            }
            if (rows.isEmpty()) {
                rows.add(row(e.origin(), tenantId, name, r.verdict().name(), "", "", "", "0", "", "", "", ""));
            }
        } else if (result instanceof BatchResult.Read r) {
            rows.add(row(r.origin(), r.tenantId(), "", "VALID", "", "", "", "", "", "", "", ""));
        } else if (result instanceof BatchResult.Invalid i) {
            rows.add(row(i.origin(), i.tenantId(), "", "INVALID", "", "", "", "", i.error().path(), i.error().getMessage(), "", ""));
        } else if (result instanceof BatchResult.Failed f) {
            rows.add(row(f.origin(), "", "", "FAILED", "", "", "", "", "", f.message(), "", ""));
        }
        try {
            return ROWS.writeValueAsBytes(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> row(String... cells) {
        List<String> out = new ArrayList<>(cells.length);
        for (String c : cells) {
            out.add(c == null ? "" : SpreadsheetSafe.cell(c));
        }
        return out;
    }
}
