package dev.preflight.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.preflight.api.CheckInfo;
import dev.preflight.api.CheckResult;
import dev.preflight.api.Finding;
import dev.preflight.api.MissingFact;
import dev.preflight.api.Report;
import dev.preflight.api.Severity;
import dev.preflight.api.Status;
import dev.preflight.api.Waiver;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report as SARIF 2.1.0, for code-scanning tools: one rule per check of the catalogue (with its
 * documentation as help link), one result per finding, located in the facts file at the line and
 * column of the finding's subject ({@link FactLocations}), so that the tool shows it on the input.
 * Waived findings are results with an accepted external suppression; checks that could not be
 * evaluated are tool notifications.
 */
public final class SarifReport {

    private static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    private static final String INFORMATION_URI = "https://learn.microsoft.com/entra/identity/authentication/tutorial-enable-sspr-writeback";

    private SarifReport() {
    }

    /**
     * The SARIF log.
     *
     * @param r           the report
     * @param catalogue   the checks (for each rule's default level), or an empty list
     * @param artifactUri the facts file as a URI reference (a relative path with {@code /}), as code scanning shows it
     * @param locations   where each value of the facts file is
     * @param toolVersion Preflight's version
     */
    public static String render(Report r, List<CheckInfo> catalogue, String artifactUri, FactLocations locations, String toolVersion) {
        Map<String, CheckInfo> info = new HashMap<>();
        catalogue.forEach(c -> info.put(c.id(), c));
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeStringField("$schema", SCHEMA);
            g.writeStringField("version", "2.1.0");
            g.writeArrayFieldStart("runs");
            g.writeStartObject();
            g.writeObjectFieldStart("tool");
            g.writeObjectFieldStart("driver");
            g.writeStringField("name", "Preflight");
            g.writeStringField("version", toolVersion);
            g.writeStringField("informationUri", INFORMATION_URI);
            g.writeArrayFieldStart("rules");
            Map<String, Integer> ruleIndex = new HashMap<>();
            for (CheckResult c : r.checks()) {
                ruleIndex.put(c.id(), ruleIndex.size());
                g.writeStartObject();
                g.writeStringField("id", c.id());
                g.writeStringField("name", c.id().replace("-", ""));
                g.writeObjectFieldStart("shortDescription");
                g.writeStringField("text", c.title());
                g.writeEndObject();
                if (c.docUrl() != null && (c.docUrl().startsWith("https://") || c.docUrl().startsWith("http://"))) {
                    g.writeStringField("helpUri", c.docUrl());
                }
                CheckInfo ci = info.get(c.id());
                if (ci != null && !ci.severities().isEmpty()) {
                    g.writeObjectFieldStart("defaultConfiguration");
                    g.writeStringField("level", level(ci.severities().get(0)));
                    g.writeEndObject();
                }
                g.writeObjectFieldStart("properties");
                g.writeStringField("area", c.area());
                g.writeArrayFieldStart("tags");
                g.writeString("entra-id");
                g.writeString("password-writeback");
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();

            g.writeArrayFieldStart("invocations");
            g.writeStartObject();
            g.writeBooleanField("executionSuccessful", r.errors().isEmpty());
            g.writeArrayFieldStart("toolExecutionNotifications");
            for (CheckResult c : r.checks()) {
                if (c.status() == Status.NOT_EVALUATED || c.status() == Status.ERROR) {
                    g.writeStartObject();
                    g.writeStringField("level", c.status() == Status.ERROR ? "error" : "warning");
                    g.writeObjectFieldStart("message");
                    g.writeStringField("text", c.status() == Status.ERROR
                            ? c.id() + " could not be judged: a rule failed or the evaluation was stopped"
                            : c.id() + " not evaluated: missing " + c.missing().stream().map(MissingFact::toString).collect(Collectors.joining("; ")));
                    g.writeEndObject();
                    g.writeObjectFieldStart("associatedRule");
                    g.writeStringField("id", c.id());
                    g.writeNumberField("index", ruleIndex.get(c.id()));
                    g.writeEndObject();
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();

            g.writeArrayFieldStart("artifacts");
            g.writeStartObject();
            g.writeObjectFieldStart("location");
            g.writeStringField("uri", artifactUri);
            g.writeEndObject();
            g.writeStringField("mimeType", "application/json");
            g.writeEndObject();
            g.writeEndArray();

            g.writeArrayFieldStart("results");
            for (CheckResult c : r.checks()) {
                for (Finding f : c.findings()) {
                    result(g, r, f, ruleIndex.get(c.id()), artifactUri, locations);
                }
            }
            g.writeEndArray();

            g.writeObjectFieldStart("properties");
            g.writeStringField("verdict", r.verdict().name());
            g.writeStringField("verdictLine", r.verdictLine());
            if (r.tenant().tenantId() != null) {
                g.writeStringField("tenantId", r.tenant().tenantId());
            }
            if (r.tenant().displayName() != null) {
                g.writeStringField("tenantName", r.tenant().displayName());
            }
            g.writeStringField("referenceTime", r.referenceTime().toString());
            g.writeStringField("rules", r.rules().hash());
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + System.lineSeparator();
    }

    private static void result(JsonGenerator g, Report r, Finding f, int ruleIndex, String artifactUri, FactLocations locations) throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", f.checkId());
        g.writeNumberField("ruleIndex", ruleIndex);
        g.writeStringField("level", level(f.severity()));
        g.writeObjectFieldStart("message");
        StringBuilder text = new StringBuilder(f.message());
        if (f.remediation() != null) {
            text.append(" Fix: ").append(f.remediation());
        }
        g.writeStringField("text", text.toString());
        g.writeEndObject();
        g.writeArrayFieldStart("locations");
        g.writeStartObject();
        g.writeObjectFieldStart("physicalLocation");
        g.writeObjectFieldStart("artifactLocation");
        g.writeStringField("uri", artifactUri);
        g.writeNumberField("index", 0);
        g.writeEndObject();
        FactLocations.Position at = locations.at(f.subjectPath());
        g.writeObjectFieldStart("region");
        g.writeNumberField("startLine", at.line());
        g.writeNumberField("startColumn", at.column());
        g.writeEndObject();
        g.writeEndObject();
        if (f.subjectPath() != null) {
            g.writeArrayFieldStart("logicalLocations");
            g.writeStartObject();
            if (f.subject() != null) {
                g.writeStringField("name", f.subject());
            }
            g.writeStringField("fullyQualifiedName", f.subjectPath());
            g.writeStringField("kind", "object");
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndArray();
        g.writeObjectFieldStart("partialFingerprints");
        // Keyed like `diff`: the check and the subject, never the message text.
        g.writeStringField("preflightFinding/v1", f.checkId() + "|" + (f.subject() == null ? "" : f.subject().toLowerCase(java.util.Locale.ROOT)));
        g.writeEndObject();
        Waiver w = r.waivers() == null ? null : r.waivers().waiverFor(f);
        if (w != null) {
            g.writeArrayFieldStart("suppressions");
            g.writeStartObject();
            g.writeStringField("kind", "external");
            g.writeStringField("status", "accepted");
            g.writeStringField("justification", w.reason() + " (owner " + w.owner() + ", until " + w.expires()
                    + (w.ticket() == null ? "" : ", " + w.ticket()) + ")");
            if (w.origin() != null) {
                g.writeObjectFieldStart("properties");
                g.writeStringField("waiver", w.origin());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }
}
