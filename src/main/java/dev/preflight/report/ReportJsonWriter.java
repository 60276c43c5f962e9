package dev.preflight.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.preflight.api.CheckResult;
import dev.preflight.api.Finding;
import dev.preflight.api.MissingFact;
import dev.preflight.api.Report;
import dev.preflight.api.Status;
import dev.preflight.api.Waiver;
import dev.preflight.api.WaiverOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes reports as compact JSON with Jackson's streaming generator, field for field what the
 * report schema describes (a test holds it to the reflective serialisation byte for byte). Most
 * checks of most tenants pass, and a passing check's JSON depends only on the check: it is written
 * once and then copied, which makes a batch of reports cheap to write. Thread-safe.
 */
public final class ReportJsonWriter {

    private static final JsonFactory JSON = new JsonFactory();
    /** A buffer grown past this by a huge report is not kept for the thread's life. */
    private static final int KEPT_BUFFER_BYTES = 256 * 1024;

    /** A passing check without notes, as bytes, with the strings it was made from. */
    private record PassEntry(String area, String title, String docUrl, com.fasterxml.jackson.core.io.SerializedString json) {
    }

    private final ConcurrentHashMap<String, PassEntry> passing = new ConcurrentHashMap<>();
    /**
     * Each thread's line buffer, kept between reports. Not Jackson's {@code ByteArrayBuilder}: once a
     * report outgrew it, its next block was half the size, and every later line was written in ever
     * smaller blocks and copied together again. This one keeps the size it grew to.
     */
    private final ThreadLocal<ByteArrayOutputStream> buffers = ThreadLocal.withInitial(() -> new ByteArrayOutputStream(16 * 1024));

    /** The report as UTF-8 JSON bytes, with an {@code origin} field first when it is not null. */
    public byte[] write(Report report, String origin) {
        return write(report, origin, false);
    }

    /** The report as one line of JSON Lines: {@link #write(Report, String)} and a newline, in one array. */
    public byte[] writeLine(Report report, String origin) {
        return write(report, origin, true);
    }

    private byte[] write(Report report, String origin, boolean newline) {
        ByteArrayOutputStream buf = buffers.get();
        buf.reset();
        try (JsonGenerator g = JSON.createGenerator(buf)) {
            g.writeStartObject();
            if (origin != null) {
                g.writeStringField("origin", origin);
            }
            fields(g, report);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (newline) {
            buf.write('\n'); // here rather than by copying the whole line again to add it
        }
        byte[] out = buf.toByteArray();
        if (buf.size() > KEPT_BUFFER_BYTES) {
            buffers.remove();
        }
        return out;
    }

    private void fields(JsonGenerator g, Report r) throws IOException {
        g.writeNumberField("schemaVersion", r.schemaVersion());
        g.writeObjectFieldStart("tenant");
        optional(g, "tenantId", r.tenant().tenantId());
        optional(g, "displayName", r.tenant().displayName());
        optional(g, "cloud", r.tenant().cloud());
        g.writeEndObject();
        g.writeStringField("verdict", r.verdict().name());
        g.writeStringField("referenceTime", r.referenceTime().toString());
        g.writeStringField("referenceTimeSource", r.referenceTimeSource());
        Report.Summary s = r.summary();
        g.writeObjectFieldStart("summary");
        g.writeNumberField("checks", s.checks());
        g.writeNumberField("passed", s.passed());
        g.writeNumberField("errors", s.errors());
        g.writeNumberField("warnings", s.warnings());
        g.writeNumberField("info", s.info());
        g.writeNumberField("notEvaluated", s.notEvaluated());
        g.writeNumberField("evaluationErrors", s.evaluationErrors());
        g.writeEndObject();
        g.writeObjectFieldStart("rules");
        g.writeStringField("source", r.rules().source());
        g.writeStringField("hash", r.rules().hash());
        g.writeNumberField("checks", r.rules().checks());
        g.writeEndObject();
        g.writeArrayFieldStart("checks");
        for (CheckResult c : r.checks()) {
            if (c.status() == Status.PASS && c.notes().isEmpty()) {
                g.writeRawValue(passEntry(c).json); // its UTF-8 bytes are encoded once and copied
            } else {
                check(g, c, r.waivers());
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("errors");
        for (Report.EvaluationError e : r.errors()) {
            g.writeStartObject();
            g.writeStringField("rule", e.rule());
            optional(g, "checkId", e.checkId());
            g.writeStringField("message", e.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (r.waivers() != null) {
            WaiverJson.write(g, r.waivers());
        }
        if (!r.nextSteps().isEmpty()) {
            nextSteps(g, r.nextSteps());
        }
    }

    /** What would complete the evaluation: stable action names, files, permissions and paths, in English like the rest. */
    private static void nextSteps(JsonGenerator g, java.util.List<dev.preflight.api.NextStep> steps) throws IOException {
        g.writeArrayFieldStart("nextSteps");
        for (dev.preflight.api.NextStep s : steps) {
            g.writeStartObject();
            g.writeStringField("action", s.action().name());
            optional(g, "file", s.file());
            optional(g, "need", s.need());
            optional(g, "command", s.command());
            optional(g, "reason", s.reason());
            g.writeArrayFieldStart("questions");
            for (dev.preflight.api.NextStep.Question q : s.questions()) {
                g.writeStartObject();
                g.writeStringField("path", q.path());
                optional(g, "subject", q.subject());
                g.writeStringField("field", q.field());
                g.writeEndObject();
            }
            g.writeEndArray();
            strings(g, "paths", s.paths());
            strings(g, "checks", s.checks());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void strings(JsonGenerator g, String name, java.util.List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private PassEntry passEntry(CheckResult c) throws IOException {
        PassEntry e = passing.get(c.id());
        if (e != null && e.area.equals(c.area()) && e.title.equals(c.title()) && e.docUrl.equals(c.docUrl())) {
            return e;
        }
        ByteArrayBuilder b = new ByteArrayBuilder(256);
        try (JsonGenerator g = JSON.createGenerator(b)) {
            check(g, c, null);
        }
        e = new PassEntry(c.area(), c.title(), c.docUrl(),
                new com.fasterxml.jackson.core.io.SerializedString(new String(b.toByteArray(), java.nio.charset.StandardCharsets.UTF_8)));
        passing.put(c.id(), e);
        return e;
    }

    private static void check(JsonGenerator g, CheckResult c, WaiverOutcome waivers) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", c.id());
        g.writeStringField("area", c.area());
        g.writeStringField("title", c.title());
        g.writeStringField("status", c.status().name());
        if (c.severity() != null) {
            g.writeStringField("severity", c.severity().name());
        }
        g.writeStringField("docUrl", c.docUrl());
        g.writeArrayFieldStart("findings");
        for (Finding f : c.findings()) {
            g.writeStartObject();
            g.writeStringField("checkId", f.checkId());
            g.writeStringField("severity", f.severity().name());
            optional(g, "subject", f.subject());
            optional(g, "subjectPath", f.subjectPath());
            g.writeStringField("message", f.message());
            g.writeArrayFieldStart("evidence");
            for (String ev : f.evidence()) {
                g.writeString(ev);
            }
            g.writeEndArray();
            optional(g, "expected", f.expected());
            optional(g, "remediation", f.remediation());
            g.writeStringField("docUrl", f.docUrl());
            if (f.key() != null) {
                // The same in every language: what machines group findings by.
                g.writeStringField("key", f.key());
                g.writeArrayFieldStart("arguments");
                for (Object a : f.arguments()) {
                    if (a instanceof Number n) {
                        g.writeNumber(n.toString());
                    } else if (a instanceof Boolean b) {
                        g.writeBoolean(b);
                    } else {
                        g.writeString(String.valueOf(a));
                    }
                }
                g.writeEndArray();
            }
            Waiver w = waivers == null ? null : waivers.waiverFor(f);
            if (w != null) {
                g.writeFieldName("waived");
                WaiverJson.waiver(g, w);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("missing");
        for (MissingFact m : c.missing()) {
            g.writeStartObject();
            g.writeStringField("path", m.path());
            g.writeStringField("reason", m.reason());
            optional(g, "source", m.source());
            optional(g, "subject", m.subject());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("notes");
        for (String n : c.notes()) {
            g.writeString(n);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
