package dev.preflight.report;

import dev.preflight.api.CheckResult;
import dev.preflight.api.Finding;
import dev.preflight.api.MissingFact;
import dev.preflight.api.Report;
import dev.preflight.api.Status;
import dev.preflight.engine.Catalogue;
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

    /** The page. */
    public static String render(Report r) {
        StringBuilder h = new StringBuilder(16 * 1024);
        String name = r.tenant().displayName() == null ? "(no display name)" : r.tenant().displayName();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<title>Password writeback eligibility: ").append(Encode.forHtml(name)).append("</title>\n")
                .append("<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}")
                .append(".ERROR{color:#b00020}.WARNING{color:#9a6700}.INFO{color:#0b5cad}.PASS{color:#1a7f37}.NOT_EVALUATED,.RULE{color:#8250df}")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>Password writeback eligibility</h1>\n<p>Tenant <b>").append(Encode.forHtml(name)).append("</b>");
        if (r.tenant().tenantId() != null) {
            h.append(" (").append(Encode.forHtml(r.tenant().tenantId())).append(')');
        }
        if (r.tenant().cloud() != null) {
            h.append(", ").append(Encode.forHtml(r.tenant().cloud())).append(" cloud");
        }
        h.append("<br>As of ").append(Encode.forHtml(r.referenceTime().toString())).append(" (")
                .append(r.referenceTimeSource().equals("collectedAt") ? "tenant.collectedAt" : "the clock").append(")</p>\n");
        Report.Summary s = r.summary();
        h.append("<p>Verdict: <b class=\"").append(r.verdict() == dev.preflight.api.Verdict.ELIGIBLE ? "PASS" : r.verdict() == dev.preflight.api.Verdict.NOT_ELIGIBLE ? "ERROR" : "WARNING")
                .append("\">").append(r.verdict().name().replace('_', ' ')).append("</b>: ")
                .append(s.errors()).append(" errors, ").append(s.warnings()).append(" warnings, ").append(s.info()).append(" advice, ")
                .append(s.notEvaluated()).append(" not evaluated, ").append(s.passed()).append(" of ").append(s.checks()).append(" passed</p>\n");

        Map<String, List<CheckResult>> areas = new LinkedHashMap<>();
        r.checks().forEach(c -> areas.computeIfAbsent(c.area(), k -> new ArrayList<>()).add(c));
        for (Map.Entry<String, List<CheckResult>> area : areas.entrySet()) {
            h.append("<h2>").append(Encode.forHtml(Catalogue.areaName(area.getKey()))).append("</h2>\n<table>\n");
            List<CheckResult> checks = new ArrayList<>(area.getValue());
            checks.sort(Comparator.comparingInt(HtmlReport::rank));
            for (CheckResult c : checks) {
                String cls = c.status() == Status.FAIL ? c.severity().name() : c.status() == Status.ERROR ? "RULE" : c.status().name();
                h.append("<tr><td class=\"").append(cls).append("\">").append(Encode.forHtml(c.outcome())).append("</td><td>")
                        .append(Encode.forHtml(c.id())).append("</td><td><a href=\"").append(Encode.forHtmlAttribute(safeUrl(c.docUrl()))).append("\">")
                        .append(Encode.forHtml(c.title())).append("</a>");
                for (Finding f : c.findings()) {
                    h.append("<p>").append(Encode.forHtml(f.message())).append("</p><ul>");
                    for (String e : f.evidence()) {
                        h.append("<li>").append(Encode.forHtml(e)).append("</li>");
                    }
                    h.append("</ul>");
                    if (f.expected() != null) {
                        h.append("<p><i>Expected:</i> ").append(Encode.forHtml(f.expected())).append("</p>");
                    }
                    if (f.remediation() != null) {
                        h.append("<p><i>Fix:</i> ").append(Encode.forHtml(f.remediation())).append("</p>");
                    }
                }
                if (!c.missing().isEmpty()) {
                    h.append("<p><i>Missing:</i> ");
                    List<String> m = new ArrayList<>();
                    for (MissingFact x : c.missing()) {
                        m.add(Encode.forHtml(x.toString()));
                    }
                    h.append(String.join("; ", m)).append("</p>");
                }
                for (String n : c.notes()) {
                    h.append("<p><i>Note:</i> ").append(Encode.forHtml(n)).append("</p>");
                }
                h.append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!r.errors().isEmpty()) {
            h.append("<h2>Rule failures</h2>\n<ul>\n");
            for (Report.EvaluationError e : r.errors()) {
                h.append("<li>rule \"").append(Encode.forHtml(e.rule())).append("\": ").append(Encode.forHtml(e.message())).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("<p><small>Rules: ").append(Encode.forHtml(r.rules().source())).append(", ").append(Encode.forHtml(r.rules().hash()))
                .append("</small></p>\n</body>\n</html>\n");
        return h.toString();
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
