package dev.preflight.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.preflight.results.ResultsDiff;
import dev.preflight.results.TenantSummary;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.owasp.encoder.Encode;

/** {@code preflight diff} output: text for people, JSON for machines, HTML to send around. */
public final class DiffReport {

    private static final String NL = System.lineSeparator();

    private DiffReport() {
    }

    /** The headline: counts of changed, worse, better, added and removed tenants. */
    public static String headline(ResultsDiff d) {
        long changed = d.changes().size() - d.added() - d.removed();
        return String.format(Locale.ROOT, "%d of %d tenants changed (%d worse, %d better), %d added, %d removed",
                changed, d.newTenants(), d.worse(), d.better(), d.added(), d.removed());
    }

    /** The text form. */
    public static String text(ResultsDiff d, Style style) {
        StringBuilder out = new StringBuilder();
        out.append(style.bold("preflight diff: " + headline(d))).append(NL);
        for (ResultsDiff.TenantChange c : d.changes()) {
            out.append(NL).append("  ").append(SafeText.clean(c.label()));
            if (c.tenantId() != null && !c.tenantId().equals(c.label())) {
                out.append(" (").append(SafeText.clean(c.tenantId())).append(')');
            }
            out.append(": ");
            switch (c.direction()) {
                case ADDED -> out.append("added, ").append(PageStyle.verdictText(c.newVerdict()));
                case REMOVED -> out.append("removed (was ").append(PageStyle.verdictText(c.oldVerdict())).append(')');
                default -> out.append(c.oldVerdict().equals(c.newVerdict()) ? PageStyle.verdictText(c.newVerdict())
                        : PageStyle.verdictText(c.oldVerdict()) + " -> " + PageStyle.verdictText(c.newVerdict()));
            }
            String dir = c.direction().name().toLowerCase(Locale.ROOT);
            out.append("  [").append(c.direction() == ResultsDiff.Direction.WORSE ? style.red(dir)
                    : c.direction() == ResultsDiff.Direction.BETTER ? style.green(dir) : dir).append(']').append(NL);
            if (c.direction() == ResultsDiff.Direction.ADDED) {
                continue;
            }
            for (TenantSummary.Finding f : c.added()) {
                out.append("    + ").append(finding(f)).append(NL);
            }
            for (TenantSummary.Finding f : c.resolved()) {
                out.append("    - ").append(finding(f)).append(NL);
            }
            for (ResultsDiff.SeverityChange s : c.severityChanged()) {
                out.append("    ~ ").append(s.finding().checkId()).append(' ').append(s.from()).append(" -> ").append(s.finding().severity())
                        .append(s.finding().subject() == null ? "" : " " + SafeText.clean(s.finding().subject())).append(NL);
            }
            for (String id : c.newlyNotEvaluated()) {
                out.append("    ? ").append(id).append(" now not evaluated").append(NL);
            }
            for (String id : c.nowEvaluated()) {
                out.append("    ! ").append(id).append(" evaluated again").append(NL);
            }
        }
        return out.toString();
    }

    private static String finding(TenantSummary.Finding f) {
        return f.checkId() + " " + f.severity() + (f.subject() == null ? "" : " " + SafeText.clean(f.subject())) + ": "
                + SafeText.clean(f.message()) + (f.waived() ? " (waived)" : "");
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

    /** The HTML form: a self-contained page that runs no script. */
    public static String html(ResultsDiff d, String oldName, String newName) {
        StringBuilder h = new StringBuilder(16 * 1024);
        PageStyle.head(h, "Preflight: what changed", null);
        h.append("<body><main>\n<h1>What changed</h1>\n<p class=\"meta\">")
                .append(Encode.forHtml(oldName)).append(" &rarr; ").append(Encode.forHtml(newName)).append("</p>\n");
        String banner = d.worse() > 0 ? "NOT_ELIGIBLE" : d.better() > 0 ? "ELIGIBLE" : "INVALID";
        h.append("<div class=\"banner v-").append(banner).append("\"><b>").append(Encode.forHtml(headline(d))).append("</b></div>\n");
        h.append("<table>\n<thead><tr><th>Tenant</th><th>Verdict</th><th>Change</th><th>Findings</th></tr></thead>\n<tbody>\n");
        for (ResultsDiff.TenantChange c : d.changes()) {
            h.append("<tr><td>").append(Encode.forHtml(c.label()));
            if (c.tenantId() != null && !c.tenantId().equals(c.label())) {
                h.append("<br><span class=\"muted small\">").append(Encode.forHtml(c.tenantId())).append("</span>");
            }
            h.append("</td><td>").append(Encode.forHtml(PageStyle.verdictText(c.oldVerdict() == null ? "-" : c.oldVerdict())))
                    .append(" &rarr; ").append(Encode.forHtml(PageStyle.verdictText(c.newVerdict() == null ? "-" : c.newVerdict())))
                    .append("</td><td class=\"").append(c.direction() == ResultsDiff.Direction.WORSE ? "c-ERROR"
                            : c.direction() == ResultsDiff.Direction.BETTER ? "c-PASS" : "muted").append("\">")
                    .append(c.direction().name().toLowerCase(Locale.ROOT)).append("</td><td><ul>");
            for (TenantSummary.Finding f : c.added()) {
                h.append("<li>new ").append(pill(f.severity())).append(' ').append(Encode.forHtml(f.checkId())).append(": ")
                        .append(Encode.forHtml(f.message())).append("</li>");
            }
            for (TenantSummary.Finding f : c.resolved()) {
                h.append("<li>resolved <s>").append(Encode.forHtml(f.checkId())).append(": ").append(Encode.forHtml(f.message())).append("</s></li>");
            }
            for (ResultsDiff.SeverityChange s : c.severityChanged()) {
                h.append("<li>").append(Encode.forHtml(s.finding().checkId())).append(' ').append(pill(s.from())).append(" &rarr; ")
                        .append(pill(s.finding().severity())).append(' ').append(Encode.forHtml(s.finding().subject() == null ? "" : s.finding().subject()))
                        .append("</li>");
            }
            for (String id : c.newlyNotEvaluated()) {
                h.append("<li>").append(Encode.forHtml(id)).append(" now not evaluated</li>");
            }
            for (String id : c.nowEvaluated()) {
                h.append("<li>").append(Encode.forHtml(id)).append(" evaluated again</li>");
            }
            h.append("</ul></td></tr>\n");
        }
        h.append("</tbody></table>\n</main></body></html>\n");
        return h.toString();
    }

    private static String pill(String severity) {
        String s = severity == null ? "INFO" : severity;
        return "<span class=\"pill s-" + Encode.forHtmlAttribute(s) + "\">" + Encode.forHtml(s) + "</span>";
    }
}
