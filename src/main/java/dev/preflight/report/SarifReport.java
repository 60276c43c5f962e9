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
            driver(g, toolVersion);
            g.writeArrayFieldStart("rules");
            Map<String, Integer> ruleIndex = new HashMap<>();
            for (CheckResult c : r.checks()) {
                ruleIndex.put(c.id(), ruleIndex.size());
                CheckInfo ci = info.get(c.id());
                rule(g, c.id(), c.title(), c.area(), c.docUrl(), ci == null || ci.severities().isEmpty() ? null : ci.severities().get(0));
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
                    result(g, r, f, ruleIndex.get(c.id()), artifactUri, locations, 0, 0, null);
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

    /**
     * One result. {@code locations} null: the finding is located at the artifact only (an imported
     * collection); else at its subject, {@code lineOffset} lines below the start of the artifact
     * (a record of a JSON Lines file starts on its own line). {@code artifactIndex} -1: none.
     */
    private static void result(JsonGenerator g, Report r, Finding f, int ruleIndex, String artifactUri, FactLocations locations,
            int artifactIndex, long lineOffset, JsonWriting extra) throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", f.checkId());
        if (ruleIndex >= 0) {
            g.writeNumberField("ruleIndex", ruleIndex);
        }
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
        if (artifactIndex >= 0) {
            g.writeNumberField("index", artifactIndex);
        }
        g.writeEndObject();
        if (locations != null) {
            FactLocations.Position at = locations.at(f.subjectPath());
            g.writeObjectFieldStart("region");
            g.writeNumberField("startLine", lineOffset + at.line());
            g.writeNumberField("startColumn", at.column());
            g.writeEndObject();
        }
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
        if (extra != null) {
            extra.write(g);
        }
        g.writeEndObject();
    }

    private static void driver(JsonGenerator g, String toolVersion) throws IOException {
        g.writeStringField("name", "Preflight");
        g.writeStringField("version", toolVersion);
        g.writeStringField("informationUri", INFORMATION_URI);
    }

    private static void rule(JsonGenerator g, String id, String title, String area, String docUrl, Severity defaultSeverity) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("name", id.replace("-", ""));
        g.writeObjectFieldStart("shortDescription");
        g.writeStringField("text", title);
        g.writeEndObject();
        if (docUrl != null && (docUrl.startsWith("https://") || docUrl.startsWith("http://"))) {
            g.writeStringField("helpUri", docUrl);
        }
        if (defaultSeverity != null) {
            g.writeObjectFieldStart("defaultConfiguration");
            g.writeStringField("level", level(defaultSeverity));
            g.writeEndObject();
        }
        g.writeObjectFieldStart("properties");
        g.writeStringField("area", area);
        g.writeArrayFieldStart("tags");
        g.writeString("entra-id");
        g.writeString("password-writeback");
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A path as SARIF names an artifact: a relative path with forward slashes, or a file: URI; {@code -} is {@code stdin}. */
    public static String artifactUri(String path) {
        if (path.equals("-")) {
            return "stdin";
        }
        java.nio.file.Path p = java.nio.file.Path.of(path);
        if (p.isAbsolute()) {
            return p.toUri().toASCIIString();
        }
        try {
            return new java.net.URI(null, null, path.replace(java.io.File.separatorChar, '/'), null).toASCIIString();
        } catch (java.net.URISyntaxException e) {
            return p.toAbsolutePath().toUri().toASCIIString();
        }
    }

    /** One JSON value written by {@code body} with a generator of its own, as text. */
    private static String value(JsonWriting body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private interface JsonWriting {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * The start of a fleet's SARIF log ({@code batch --format sarif}): one run whose rules are the
     * catalogue's checks, up to the opening of its results. {@link #fleetResults} follow, separated
     * by {@link #FLEET_SEPARATOR}, and {@link #fleetEnd} closes it: a log of any number of tenants is
     * written as the batch streams.
     */
    public static String fleetStart(List<CheckInfo> catalogue, String toolVersion) {
        String tool = value(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("driver");
            driver(g, toolVersion);
            g.writeArrayFieldStart("rules");
            for (CheckInfo c : catalogue) {
                rule(g, c.id(), c.title(), c.area(), c.docUrl(), c.severities().isEmpty() ? null : c.severities().get(0));
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        });
        return "{\"$schema\":\"" + SCHEMA + "\",\"version\":\"2.1.0\",\"runs\":[{\"tool\":" + tool + ",\n\"results\":[\n";
    }

    /** What separates two fragments of {@link #fleetResults}. */
    public static final String FLEET_SEPARATOR = ",\n";

    /**
     * The results of one tenant of a fleet, comma-separated (empty when it has no finding), each
     * located in its input record: {@code artifactUri} the input file, {@code locations} the
     * record's own positions (null to name the file only, as for an imported collection) and
     * {@code firstLine} the record's line in that file (1 for a file holding one tenant). A result's
     * {@code properties} name the tenant and the record's origin.
     */
    public static String fleetResults(Report r, List<CheckInfo> catalogue, String origin, String artifactUri, FactLocations locations, long firstLine) {
        Map<String, Integer> ruleIndex = new HashMap<>();
        catalogue.forEach(c -> ruleIndex.put(c.id(), ruleIndex.size()));
        StringBuilder sb = new StringBuilder();
        for (CheckResult c : r.checks()) {
            for (Finding f : c.findings()) {
                if (sb.length() > 0) {
                    sb.append(FLEET_SEPARATOR);
                }
                // The tenant and the record, for a reader of many tenants' results.
                JsonWriting tenant = g -> {
                    g.writeObjectFieldStart("properties");
                    g.writeStringField("origin", origin);
                    if (r.tenant().tenantId() != null) {
                        g.writeStringField("tenantId", r.tenant().tenantId());
                    }
                    if (r.tenant().displayName() != null) {
                        g.writeStringField("tenantName", r.tenant().displayName());
                    }
                    g.writeStringField("verdict", r.verdict().name());
                    g.writeEndObject();
                };
                sb.append(value(g -> result(g, r, f, ruleIndex.getOrDefault(c.id(), -1), artifactUri, locations, -1, firstLine - 1, tenant)));
            }
        }
        return sb.toString();
    }

    /** A record of a fleet that could not be evaluated: a tool notification located in its input. */
    public record FleetProblem(String origin, String artifactUri, long line, int column, String message) {
    }

    /** The end of a fleet's SARIF log: the records not evaluated as notifications, the verdict counts. */
    public static String fleetEnd(List<FleetProblem> problems, Map<String, Long> verdicts) {
        String invocations = value(g -> {
            g.writeStartArray();
            g.writeStartObject();
            g.writeBooleanField("executionSuccessful", problems.isEmpty());
            g.writeArrayFieldStart("toolExecutionNotifications");
            for (FleetProblem p : problems) {
                g.writeStartObject();
                g.writeStringField("level", "error");
                g.writeObjectFieldStart("message");
                g.writeStringField("text", p.origin() + ": " + p.message());
                g.writeEndObject();
                g.writeArrayFieldStart("locations");
                g.writeStartObject();
                g.writeObjectFieldStart("physicalLocation");
                g.writeObjectFieldStart("artifactLocation");
                g.writeStringField("uri", p.artifactUri());
                g.writeEndObject();
                if (p.line() > 0) {
                    g.writeObjectFieldStart("region");
                    g.writeNumberField("startLine", p.line());
                    if (p.column() > 0) {
                        g.writeNumberField("startColumn", p.column());
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
        });
        String properties = value(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("verdicts");
            for (Map.Entry<String, Long> e : new java.util.TreeMap<>(verdicts).entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        });
        return "\n],\n\"invocations\":" + invocations + ",\n\"properties\":" + properties + "}]}\n";
    }

    private static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }
}
