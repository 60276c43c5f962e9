package dev.preflight.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.preflight.api.Texts;
import dev.preflight.results.ResultsDiff;
import dev.preflight.results.TenantSummary;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.owasp.encoder.Encode;

/**
 * {@code preflight diff} output: text for people and HTML to send around, in the texts' language;
 * JSON for machines, always English. The findings' messages are shown as the results hold them.
 */
public final class DiffReport {

    private static final String NL = System.lineSeparator();

    private DiffReport() {
    }

    /** The headline: counts of changed, worse, better, added and removed tenants. */
    public static String headline(ResultsDiff d, Texts texts) {
        long changed = d.changes().size() - d.added() - d.removed();
        return texts.get("diff.headline", changed, d.newTenants(), d.worse(), d.better(), d.added(), d.removed());
    }

    /** The text form in the texts' language. */
    public static String text(ResultsDiff d, Texts texts, Style style) {
        StringBuilder out = new StringBuilder();
        out.append(style.bold(texts.get("diff.text.title", headline(d, texts)))).append(NL);
        for (ResultsDiff.TenantChange c : d.changes()) {
            out.append(NL).append("  ").append(SafeText.clean(c.label()));
            if (c.tenantId() != null && !c.tenantId().equals(c.label())) {
                out.append(" (").append(SafeText.clean(c.tenantId())).append(')');
            }
            out.append(": ");
            switch (c.direction()) {
                case ADDED -> out.append(texts.get("diff.added", PageStyle.verdictText(texts, c.newVerdict())));
                case REMOVED -> out.append(texts.get("diff.removed", PageStyle.verdictText(texts, c.oldVerdict())));
                default -> out.append(c.oldVerdict().equals(c.newVerdict()) ? PageStyle.verdictText(texts, c.newVerdict())
                        : PageStyle.verdictText(texts, c.oldVerdict()) + " -> " + PageStyle.verdictText(texts, c.newVerdict()));
            }
            String dir = direction(c, texts);
            out.append("  [").append(c.direction() == ResultsDiff.Direction.WORSE ? style.red(dir)
                    : c.direction() == ResultsDiff.Direction.BETTER ? style.green(dir) : dir).append(']').append(NL);
            if (c.direction() == ResultsDiff.Direction.ADDED) {
                continue;
            }
            for (TenantSummary.Finding f : c.added()) {
                out.append("    + ").append(finding(f, texts)).append(NL);
            }
            for (TenantSummary.Finding f : c.resolved()) {
                out.append("    - ").append(finding(f, texts)).append(NL);
            }
            for (ResultsDiff.SeverityChange s : c.severityChanged()) {
                out.append("    ~ ").append(s.finding().checkId()).append(' ').append(severity(s.from(), texts)).append(" -> ")
                        .append(severity(s.finding().severity(), texts))
                        .append(s.finding().subject() == null ? "" : " " + SafeText.clean(s.finding().subject())).append(NL);
            }
            for (String id : c.newlyNotEvaluated()) {
                out.append("    ? ").append(texts.get("diff.notEvaluated", id)).append(NL);
            }
            for (String id : c.nowEvaluated()) {
                out.append("    ! ").append(texts.get("diff.evaluatedAgain", id)).append(NL);
            }
        }
        return out.toString();
    }

    private static String finding(TenantSummary.Finding f, Texts texts) {
        String text = f.checkId() + " " + severity(f.severity(), texts) + (f.subject() == null ? "" : " " + SafeText.clean(f.subject())) + ": "
                + SafeText.clean(f.message());
        return f.waived() ? texts.get("diff.waived", text) : text;
    }

    /** A severity's word (ERROR, 错误); a code without a text as it is. */
    private static String severity(String code, Texts texts) {
        return code == null ? "" : texts.getOr("severity." + code, code);
    }

    /** How a tenant changed, in a word: worse, 变差. */
    private static String direction(ResultsDiff.TenantChange c, Texts texts) {
        return texts.get("diff.change." + c.direction().name());
    }

    /** The JSON form. */
    public static String json(ResultsDiff d) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("oldTenants", d.oldTenants());
            g.writeNumberField("newTenants", d.newTenants());
            g.writeNumberField("changed", d.changes().size() - d.added() - d.removed());
            g.writeNumberField("worse", d.worse());
            g.writeNumberField("better", d.better());
            g.writeNumberField("added", d.added());
            g.writeNumberField("removed", d.removed());
            g.writeEndObject();
            g.writeArrayFieldStart("tenants");
            for (ResultsDiff.TenantChange c : d.changes()) {
                g.writeStartObject();
                optional(g, "tenantId", c.tenantId());
                g.writeStringField("label", c.label());
                optional(g, "oldVerdict", c.oldVerdict());
                optional(g, "newVerdict", c.newVerdict());
                g.writeStringField("change", c.direction().name().toLowerCase(Locale.ROOT));
                findings(g, "new", c.added());
                findings(g, "resolved", c.resolved());
                g.writeArrayFieldStart("severityChanged");
                for (ResultsDiff.SeverityChange s : c.severityChanged()) {
                    g.writeStartObject();
                    g.writeStringField("checkId", s.finding().checkId());
                    optional(g, "subject", s.finding().subject());
                    g.writeStringField("from", s.from());
                    g.writeStringField("to", s.finding().severity());
                    g.writeStringField("message", s.finding().message());
                    g.writeEndObject();
                }
                g.writeEndArray();
                strings(g, "newlyNotEvaluated", c.newlyNotEvaluated());
                strings(g, "evaluatedAgain", c.nowEvaluated());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + NL;
    }

    private static void findings(JsonGenerator g, String name, List<TenantSummary.Finding> list) throws IOException {
        g.writeArrayFieldStart(name);
        for (TenantSummary.Finding f : list) {
            g.writeStartObject();
            g.writeStringField("checkId", f.checkId());
            optional(g, "subject", f.subject());
            g.writeStringField("severity", f.severity());
            g.writeStringField("message", f.message());
            if (f.waived()) {
                g.writeBooleanField("waived", true);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void strings(JsonGenerator g, String name, List<String> list) throws IOException {
        g.writeArrayFieldStart(name);
        for (String s : list) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    private static void optional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    /** The HTML form in the texts' language: a self-contained page that runs no script. */
    /**
     * The roll-up by check, before the tenant rows: for each check, in how many tenants it is newly
     * failing, resolved, or changed in severity, most tenants first ("PWB-LIC-004: 40 tenants newly failing").
     */
    private static void rollUp(StringBuilder h, ResultsDiff d, Texts texts) {
        java.util.Map<String, long[]> byCheck = new java.util.TreeMap<>();
        for (ResultsDiff.TenantChange c : d.changes()) {
            java.util.Set<String> added = new java.util.HashSet<>();
            java.util.Set<String> resolved = new java.util.HashSet<>();
            java.util.Set<String> changed = new java.util.HashSet<>();
            c.added().forEach(f -> added.add(f.checkId()));
            c.resolved().forEach(f -> resolved.add(f.checkId()));
            c.severityChanged().forEach(s -> changed.add(s.finding().checkId()));
            added.forEach(id -> byCheck.computeIfAbsent(id, k -> new long[3])[0]++);
            resolved.forEach(id -> byCheck.computeIfAbsent(id, k -> new long[3])[1]++);
            changed.forEach(id -> byCheck.computeIfAbsent(id, k -> new long[3])[2]++);
        }
        if (byCheck.isEmpty()) {
            return;
        }
        List<java.util.Map.Entry<String, long[]>> rows = new java.util.ArrayList<>(byCheck.entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue()[0] + b.getValue()[1] + b.getValue()[2], a.getValue()[0] + a.getValue()[1] + a.getValue()[2]));
        h.append("<h2>").append(Encode.forHtml(texts.get("diff.rollup"))).append("</h2>\n<table id=\"rollup\">\n<thead><tr>");
        for (String column : new String[] {"check", "new", "resolved", "changed"}) {
            h.append("<th>").append(Encode.forHtml(texts.get("diff.rollup.column." + column))).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (java.util.Map.Entry<String, long[]> r : rows) {
            h.append("<tr><td class=\"nowrap\">").append(Encode.forHtml(r.getKey())).append("</td>");
            String[] classes = {"c-ERROR", "c-PASS", "c-WARNING"};
            for (int k = 0; k < 3; k++) {
                long n = r.getValue()[k];
                h.append("<td class=\"").append(n > 0 ? classes[k] : "muted").append("\">").append(n > 0 ? Encode.forHtml(texts.get("diff.rollup.tenants", n)) : "").append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    public static String html(ResultsDiff d, String oldName, String newName, Texts texts) {
        StringBuilder h = new StringBuilder(16 * 1024);
        PageStyle.head(h, texts.get("diff.title"), null, texts);
        h.append("<body><main>\n<h1>").append(Encode.forHtml(texts.get("diff.heading"))).append("</h1>\n<p class=\"meta\">")
                .append(Encode.forHtml(oldName)).append(" &rarr; ").append(Encode.forHtml(newName)).append("</p>\n");
        String banner = d.worse() > 0 ? "NOT_ELIGIBLE" : d.better() > 0 ? "ELIGIBLE" : "INVALID";
        h.append("<div class=\"banner v-").append(banner).append("\"><b>").append(Encode.forHtml(headline(d, texts))).append("</b></div>\n");
        rollUp(h, d, texts);
        h.append("<h2>").append(Encode.forHtml(texts.get("diff.tenants"))).append("</h2>\n<table id=\"tenants\">\n<thead><tr>");
        for (String column : new String[] {"tenant", "verdict", "change", "findings"}) {
            h.append("<th>").append(Encode.forHtml(texts.get("diff.column." + column))).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (ResultsDiff.TenantChange c : d.changes()) {
            h.append("<tr><td>").append(Encode.forHtml(c.label()));
            if (c.tenantId() != null && !c.tenantId().equals(c.label())) {
                h.append("<br><span class=\"muted small\">").append(Encode.forHtml(c.tenantId())).append("</span>");
            }
            h.append("</td><td class=\"nowrap\">").append(Encode.forHtml(c.oldVerdict() == null ? "-" : PageStyle.verdictText(texts, c.oldVerdict())))
                    .append(" &rarr; ").append(Encode.forHtml(c.newVerdict() == null ? "-" : PageStyle.verdictText(texts, c.newVerdict())))
                    .append("</td><td class=\"").append(c.direction() == ResultsDiff.Direction.WORSE ? "c-ERROR"
                            : c.direction() == ResultsDiff.Direction.BETTER ? "c-PASS" : "muted").append("\">")
                    .append(Encode.forHtml(direction(c, texts))).append("</td><td><ul>");
            for (TenantSummary.Finding f : c.added()) {
                h.append("<li>").append(Encode.forHtml(texts.get("diff.new"))).append(' ').append(pill(f.severity(), texts)).append(' ')
                        .append(Encode.forHtml(f.checkId())).append(": ").append(Encode.forHtml(f.message())).append("</li>");
            }
            for (TenantSummary.Finding f : c.resolved()) {
                h.append("<li>").append(Encode.forHtml(texts.get("diff.resolved"))).append(" <s>").append(Encode.forHtml(f.checkId())).append(": ")
                        .append(Encode.forHtml(f.message())).append("</s></li>");
            }
            for (ResultsDiff.SeverityChange s : c.severityChanged()) {
                h.append("<li>").append(Encode.forHtml(s.finding().checkId())).append(' ').append(pill(s.from(), texts)).append(" &rarr; ")
                        .append(pill(s.finding().severity(), texts)).append(' ')
                        .append(Encode.forHtml(s.finding().subject() == null ? "" : s.finding().subject())).append("</li>");
            }
            for (String id : c.newlyNotEvaluated()) {
                h.append("<li>").append(Encode.forHtml(texts.get("diff.notEvaluated", id))).append("</li>");
            }
            for (String id : c.nowEvaluated()) {
                h.append("<li>").append(Encode.forHtml(texts.get("diff.evaluatedAgain", id))).append("</li>");
            }
            h.append("</ul></td></tr>\n");
        }
        h.append("</tbody></table>\n</main></body></html>\n");
        return h.toString();
    }

    private static String pill(String severity, Texts texts) {
        String s = severity == null ? "INFO" : severity;
        return "<span class=\"pill s-" + Encode.forHtmlAttribute(s) + "\">" + Encode.forHtml(severity(s, texts)) + "</span>";
    }
}
