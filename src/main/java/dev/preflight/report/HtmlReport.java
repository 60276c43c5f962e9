package dev.preflight.report;

import dev.preflight.api.CheckResult;
import dev.preflight.api.Finding;
import dev.preflight.api.MissingFact;
import dev.preflight.api.Report;
import dev.preflight.api.Status;
import dev.preflight.api.Waiver;
import dev.preflight.api.WaiverOutcome;
import dev.preflight.engine.Catalogue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.owasp.encoder.Encode;

/**
 * The report as one self-contained HTML page, to attach to a ticket: a verdict banner, a summary
 * chart of the checks' outcomes, the failures first (worst first, each with evidence, fix and
 * documentation), waivers, then what passed. Every string from the tenant or the rules is escaped
 * for its context with the OWASP encoder; the page loads nothing from anywhere and runs no script.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /** The page. */
    public static String render(Report r) {
        StringBuilder h = new StringBuilder(32 * 1024);
        String name = r.tenant().displayName() == null ? "(no display name)" : r.tenant().displayName();
        PageStyle.head(h, "Password writeback eligibility: " + name, null);
        h.append("<body>\n<main>\n<h1>Password writeback eligibility</h1>\n<p class=\"meta\">\nTenant <b>").append(Encode.forHtml(name)).append("</b>");
        if (r.tenant().tenantId() != null) {
            h.append(" (").append(Encode.forHtml(r.tenant().tenantId())).append(')');
        }
        if (r.tenant().cloud() != null) {
            h.append(", ").append(Encode.forHtml(r.tenant().cloud())).append(" cloud");
        }
        h.append("<br>\nAs of ").append(Encode.forHtml(r.referenceTime().toString())).append(" (")
                .append(r.referenceTimeSource().equals("collectedAt") ? "tenant.collectedAt" : "the clock: the facts carry no collectedAt").append(")</p>\n");
        Report.Summary s = r.summary();
        h.append("<div class=\"banner v-").append(r.verdict().name()).append("\" id=\"verdict\">\n<b>").append(Encode.forHtml(r.verdictLine())).append("</b>\n<span>")
                .append(s.errors()).append(" errors, ").append(s.warnings()).append(" warnings, ").append(s.info()).append(" advice, ")
                .append(s.notEvaluated()).append(" not evaluated, ").append(s.passed()).append(" of ").append(s.checks()).append(" passed")
                .append(s.evaluationErrors() > 0 ? ", " + s.evaluationErrors() + " rule failures" : "").append("</span>\n</div>\n");
        h.append("<div class=\"outcomes\">\n").append(Charts.bars(List.of(new Charts.Bar("checks", "Checks", new long[] {s.errors(), s.warnings(), s.info(), s.notEvaluated(), s.passed()})),
                new String[] {"ERROR", "WARNING", "INFO", "NOT_EVALUATED", "PASS"}, s.checks(), "check outcomes")).append("</div>\n");
        h.append("<p class=\"small muted\">\n<span class=\"c-ERROR\">&#9632; errors</span> <span class=\"c-WARNING\">&#9632; warnings</span> ")
                .append("<span class=\"c-INFO\">&#9632; advice</span> <span class=\"c-GAP\">&#9632; not evaluated</span> <span class=\"c-PASS\">&#9632; passed</span></p>\n");

        List<CheckResult> open = new ArrayList<>();
        List<CheckResult> passed = new ArrayList<>();
        for (CheckResult c : r.checks()) {
            (c.status() == Status.PASS && c.notes().isEmpty() ? passed : open).add(c);
        }
        open.sort(Comparator.comparingInt(HtmlReport::rank));
        waivers(h, r.waivers());
        if (!open.isEmpty()) {
            h.append("<h2>What to fix</h2>\n");
        }
        for (CheckResult c : open) {
            check(h, c, r.waivers());
        }
        if (!r.errors().isEmpty()) {
            h.append("<h2>Rule failures</h2>\n<ul>\n");
            for (Report.EvaluationError e : r.errors()) {
                h.append("<li>rule \"").append(Encode.forHtml(e.rule())).append("\": ").append(Encode.forHtml(e.message())).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("<h2>Passed</h2>\n<details>\n<summary>").append(passed.size()).append(" checks passed</summary>\n<table>\n");
        for (CheckResult c : passed) {
            h.append("<tr>\n<td class=\"c-PASS\">PASS</td>\n<td>").append(Encode.forHtml(c.id())).append("</td>\n<td>")
                    .append(Encode.forHtml(Catalogue.areaName(c.area()))).append("</td>\n<td>\n<a href=\"")
                    .append(Encode.forHtmlAttribute(PageStyle.safeUrl(c.docUrl()))).append("\">").append(Encode.forHtml(c.title())).append("</a>\n</td>\n</tr>\n");
        }
        h.append("</table>\n</details>\n<p class=\"small muted\">\nRules: ").append(Encode.forHtml(r.rules().source())).append(", ").append(Encode.forHtml(r.rules().hash()))
                .append("</p>\n</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void check(StringBuilder h, CheckResult c, WaiverOutcome waivers) {
        String kind = c.status() == Status.FAIL ? c.severity().name() : c.status() == Status.ERROR ? "RULE" : c.status().name();
        String label = c.status() == Status.FAIL ? c.severity().name() : c.status() == Status.ERROR ? "RULE ERROR" : c.status().name().replace('_', ' ');
        h.append("<section class=\"check ").append(kind).append("\" id=\"").append(Encode.forHtmlAttribute(c.id())).append("\">\n<h3>\n<span class=\"pill s-")
                .append(kind).append("\">").append(label).append("</span>\n").append(Encode.forHtml(c.id())).append(" \n<a href=\"")
                .append(Encode.forHtmlAttribute(PageStyle.safeUrl(c.docUrl()))).append("\">").append(Encode.forHtml(c.title())).append("</a>\n</h3>\n");
        for (Finding f : c.findings()) {
            Waiver w = waivers == null ? null : waivers.waiverFor(f);
            h.append("<div class=\"finding").append(w == null ? "" : " waived").append("\">\n<p>\n");
            if (f.severity() != c.severity()) {
                h.append("<span class=\"pill s-").append(f.severity().name()).append("\">").append(f.severity().name()).append("</span>\n");
            }
            if (w != null) {
                h.append("<span class=\"pill s-WAIVED\">WAIVED</span>\n");
            }
            h.append(Encode.forHtml(f.message())).append("</p>\n");
            if (w != null) {
                h.append("<p class=\"small\">\nWaived until ").append(w.expires()).append(" by ").append(Encode.forHtml(w.owner()))
                        .append(w.ticket() == null ? "" : " (" + Encode.forHtml(w.ticket()) + ")").append(": ").append(Encode.forHtml(w.reason())).append("</p>\n");
            }
            if (!f.evidence().isEmpty()) {
                h.append("<ul>\n");
                for (String e : f.evidence()) {
                    h.append("<li>").append(Encode.forHtml(e)).append("</li>\n");
                }
                h.append("</ul>\n");
            }
            if (f.expected() != null) {
                h.append("<p>\n<i>Expected:</i> ").append(Encode.forHtml(f.expected())).append("</p>\n");
            }
            if (f.remediation() != null) {
                h.append("<p>\n<i>Fix:</i> ").append(Encode.forHtml(f.remediation())).append("</p>\n");
            }
            h.append("</div>\n");
        }
        if (!c.missing().isEmpty()) {
            h.append("<p>\n<i>").append(c.status() == Status.NOT_EVALUATED ? "Missing" : "Also missing").append(":</i> ");
            List<String> m = new ArrayList<>();
            for (MissingFact x : c.missing()) {
                m.add(Encode.forHtml(x.toString()));
            }
            h.append(String.join("; ", m)).append("</p>\n");
        }
        for (String n : c.notes()) {
            h.append("<p>\n<i>Note:</i> ").append(Encode.forHtml(n)).append("</p>\n");
        }
        if (c.status() == Status.ERROR) {
            h.append("<p class=\"muted\">Not judged: a rule failed or the evaluation was stopped (see Rule failures).</p>\n");
        }
        h.append("</section>\n");
    }

    private static void waivers(StringBuilder h, WaiverOutcome o) {
        if (o == null || (o.applied().isEmpty() && o.expired().isEmpty() && o.stale().isEmpty())) {
            return;
        }
        h.append("<h2>Waivers</h2>\n<ul>\n");
        if (!o.applied().isEmpty()) {
            h.append("<li>").append(o.waived()).append(o.waived() == 1 ? " finding" : " findings").append(" waived; without waivers the verdict is ")
                    .append(PageStyle.verdictText(o.verdictWithoutWaivers().name())).append("</li>\n");
        }
        for (Waiver w : o.expired()) {
            h.append("<li class=\"c-WARNING\">Expired on ").append(w.expires()).append(", no longer applies: ").append(Encode.forHtml(w.describe()))
                    .append(w.origin() == null ? "" : " [" + Encode.forHtml(w.origin()) + "]").append("</li>\n");
        }
        for (Waiver w : o.stale()) {
            h.append("<li class=\"c-WARNING\">Stale, matches no finding: ").append(Encode.forHtml(w.describe()))
                    .append(w.origin() == null ? "" : " [" + Encode.forHtml(w.origin()) + "]").append("</li>\n");
        }
        h.append("</ul>\n");
    }

    /** Lower is worse: errors, rule failures, warnings, advice, not evaluated, notes on a pass. */
    private static int rank(CheckResult c) {
        if (c.status() == Status.FAIL) {
            return c.severity().ordinal() * 2;
        }
        return c.status() == Status.ERROR ? 1 : c.status() == Status.NOT_EVALUATED ? 6 : 7;
    }
}
