package dev.preflight.report;

import dev.preflight.api.CheckResult;
import dev.preflight.api.Finding;
import dev.preflight.api.Report;
import dev.preflight.api.Status;
import dev.preflight.api.Texts;
import dev.preflight.api.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.owasp.encoder.Encode;

/**
 * The report as one self-contained HTML page, to attach to a ticket. Every string from the tenant
 * (names, host names, event messages) or the rules is escaped for its context with the OWASP
 * encoder; the page loads nothing from anywhere and runs no script.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /** The page, with the English texts shipped in the jar. */
    public static String render(Report r) {
        return render(r, Texts.builtIn(java.util.Locale.ROOT));
    }

    /**
     * The page in the texts' language ({@link dev.preflight.api.Evaluator#texts()}): {@code lang}
     * declared, so that browsers pick CJK glyphs of the right script, and the language's font stack
     * ({@code html.fonts}) of fonts the reader's system has: no web font is downloaded.
     */
    public static String render(Report r, Texts texts) {
        StringBuilder h = new StringBuilder(16 * 1024);
        String name = r.tenant().displayName() == null ? texts.get("report.noDisplayName") : r.tenant().displayName();
        h.append("<!DOCTYPE html>\n<html lang=\"").append(Encode.forHtmlAttribute(texts.languageTag())).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<title>").append(Encode.forHtml(texts.get("html.title", name))).append("</title>\n")
                .append("<style>body{font-family:").append(fontStack(texts.get("html.fonts")))
                .append(";max-width:960px;margin:2em auto;color:#222;line-height:1.5}")
                .append("table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}")
                .append("td:first-child,td:nth-child(2){white-space:nowrap}")
                .append(".ERROR{color:#b00020}.WARNING{color:#9a6700}.INFO{color:#0b5cad}.PASS{color:#1a7f37}.NOT_EVALUATED,.RULE{color:#8250df}")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(Encode.forHtml(texts.get("report.title"))).append("</h1>\n<p>").append(Encode.forHtml(texts.get("report.tenant")))
                .append(" <b>").append(Encode.forHtml(name)).append("</b>");
        if (r.tenant().tenantId() != null) {
            h.append(" (").append(Encode.forHtml(r.tenant().tenantId())).append(')');
        }
        if (r.tenant().cloud() != null) {
            h.append(", ").append(Encode.forHtml(texts.get("report.cloud", r.tenant().cloud())));
        }
        h.append("<br>").append(Encode.forHtml(texts.get("report.asOf"))).append(' ').append(Encode.forHtml(r.referenceTime().toString())).append(' ')
                .append(Encode.forHtml(texts.get(r.referenceTimeSource().equals("collectedAt") ? "report.asOf.collectedAt" : "report.asOf.clock"))).append("</p>\n");
        Report.Summary s = r.summary();
        h.append("<p>").append(Encode.forHtml(texts.get("report.verdict"))).append(": <b class=\"")
                .append(r.verdict() == Verdict.ELIGIBLE ? "PASS" : r.verdict() == Verdict.NOT_ELIGIBLE ? "ERROR" : "WARNING")
                .append("\">").append(Encode.forHtml(texts.get("verdict." + r.verdict().name()))).append("</b>: ")
                .append(Encode.forHtml(texts.get("report.summary", s.errors(), s.warnings(), s.info(), s.notEvaluated(), s.passed(), s.checks())))
                .append("</p>\n");

        Map<String, List<CheckResult>> areas = new LinkedHashMap<>();
        r.checks().forEach(c -> areas.computeIfAbsent(c.area(), k -> new ArrayList<>()).add(c));
        for (Map.Entry<String, List<CheckResult>> area : areas.entrySet()) {
            h.append("<h2>").append(Encode.forHtml(texts.area(area.getKey()))).append("</h2>\n<table>\n");
            List<CheckResult> checks = new ArrayList<>(area.getValue());
            checks.sort(Comparator.comparingInt(HtmlReport::rank));
            for (CheckResult c : checks) {
                String cls = c.status() == Status.FAIL ? c.severity().name() : c.status() == Status.ERROR ? "RULE" : c.status().name();
                h.append("<tr><td class=\"").append(cls).append("\">").append(Encode.forHtml(outcome(c, texts))).append("</td><td>")
                        .append(Encode.forHtml(c.id())).append("</td><td><a href=\"").append(Encode.forHtmlAttribute(safeUrl(c.docUrl()))).append("\">")
                        .append(Encode.forHtml(c.title())).append("</a>");
                for (Finding f : c.findings()) {
                    h.append("<p>").append(Encode.forHtml(f.message())).append("</p><ul>");
                    for (String e : f.evidence()) {
                        h.append("<li>").append(Encode.forHtml(e)).append("</li>");
                    }
                    h.append("</ul>");
                    if (f.expected() != null) {
                        h.append("<p class=\"expected\">").append(Encode.forHtml(texts.get("report.expected", f.expected()))).append("</p>");
                    }
                    if (f.remediation() != null) {
                        h.append("<p class=\"fix\">").append(Encode.forHtml(texts.get("report.fix", f.remediation()))).append("</p>");
                    }
                }
                if (!c.missing().isEmpty()) {
                    h.append("<p class=\"missing\">").append(Encode.forHtml(texts.get("report.missing", texts.missing(c.missing())))).append("</p>");
                }
                for (String n : c.notes()) {
                    h.append("<p class=\"note\">").append(Encode.forHtml(texts.get("report.note", n))).append("</p>");
                }
                h.append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!r.errors().isEmpty()) {
            h.append("<h2>").append(Encode.forHtml(texts.get("report.ruleFailures"))).append("</h2>\n<ul>\n");
            for (Report.EvaluationError e : r.errors()) {
                h.append("<li>").append(Encode.forHtml(texts.get("report.rule", e.rule()))).append(": ").append(Encode.forHtml(e.message())).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("<p><small>").append(Encode.forHtml(texts.get("report.rules", r.rules().source(), r.rules().hash())))
                .append("</small></p>\n</body>\n</html>\n");
        return h.toString();
    }

    /**
     * The font stack of the message file, kept inside its CSS declaration: a character that could
     * end it or the style element ({@code ; { } < > \}) is dropped.
     */
    static String fontStack(String fonts) {
        String kept = fonts.replaceAll("[;{}<>\\\\\\r\\n]", "").strip();
        return kept.isEmpty() ? "sans-serif" : kept;
    }

    /** "未通过/错误", "FAIL/ERROR", "PASS": a check's status and, for FAIL, its severity, in the texts' language. */
    private static String outcome(CheckResult c, Texts texts) {
        String status = texts.get("status." + c.status().name());
        return c.severity() == null ? status : status + "/" + texts.get("severity." + c.severity().name());
    }

    /** Only http(s) links: a rule cannot make a {@code javascript:} link. */
    private static String safeUrl(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : "#";
    }

    private static int rank(CheckResult c) {
        if (c.status() == Status.FAIL) {
            return c.severity().ordinal();
        }
        return c.status() == Status.ERROR ? 3 : c.status() == Status.NOT_EVALUATED ? 4 : 5;
    }
}
