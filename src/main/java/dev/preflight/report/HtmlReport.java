package dev.preflight.report;

import dev.preflight.api.CheckResult;
import dev.preflight.api.Finding;
import dev.preflight.api.Report;
import dev.preflight.api.Severity;
import dev.preflight.api.Status;
import dev.preflight.api.Waiver;
import dev.preflight.api.WaiverOutcome;
import dev.preflight.api.Texts;
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

    /** The page, with the English texts shipped in the jar. */
    public static String render(Report r) {
        return render(r, Texts.builtIn(java.util.Locale.ROOT));
    }

    /**
     * A label before its text ("Fix:"), in italic for Latin text only (the style sheet sets CJK
     * upright), followed by a space unless it ends in a full-width colon, which holds its own.
     */
    private static String label(String text) {
        return "<i>" + Encode.forHtml(text) + "</i>" + (text.endsWith("\uFF1A") ? "" : " ");
    }

    /**
     * The page in the texts' language ({@link dev.preflight.api.Evaluator#texts()}): {@code lang}
     * declared, so that browsers pick CJK glyphs of the right script, and the language's stack of
     * system fonts ({@code html.fonts}): no web font is downloaded.
     */
    public static String render(Report r, Texts t) {
        StringBuilder h = new StringBuilder(32 * 1024);
        String name = r.tenant().displayName() == null ? t.get("report.noDisplayName") : r.tenant().displayName();
        PageStyle.head(h, t.get("html.title", name), null, t);
        h.append("<body>\n<main>\n<h1>").append(Encode.forHtml(t.get("report.title"))).append("</h1>\n<p class=\"meta\">\n")
                .append(Encode.forHtml(t.get("report.tenant"))).append(" <b>").append(Encode.forHtml(name)).append("</b>");
        if (r.tenant().tenantId() != null) {
            h.append(Encode.forHtml(TextReport.spaced(t.get("report.tenant.id", r.tenant().tenantId()))));
        }
        if (r.tenant().cloud() != null) {
            h.append(Encode.forHtml(t.get("report.tenant.cloud", t.cloud(r.tenant().cloud()))));
        }
        h.append("<br>\n").append(Encode.forHtml(t.get("report.asOf"))).append(' ').append(Encode.forHtml(r.referenceTime().toString()))
                .append(Encode.forHtml(TextReport.spaced(t.get(r.referenceTimeSource().equals("collectedAt") ? "report.asOf.collectedAt" : "report.asOf.clock")))).append("</p>\n");
        Report.Summary s = r.summary();
        h.append("<div class=\"banner v-").append(r.verdict().name()).append("\" id=\"verdict\">\n<b>").append(Encode.forHtml(verdictLine(r, t))).append("</b>\n<span>")
                .append("<span id=\"banner-checks\">").append(Encode.forHtml(t.get("html.banner.checks", s.errors(), s.warnings(), s.info(), s.notEvaluated(), s.passed(), s.checks())))
                .append(s.evaluationErrors() > 0 ? Encode.forHtml(", " + t.get("report.summary.ruleFailures", s.evaluationErrors())) : "").append("</span><br>\n")
                .append("<span id=\"banner-findings\">").append(Encode.forHtml(t.get("html.banner.findings", findings(r, Severity.ERROR), findings(r, Severity.WARNING), findings(r, Severity.INFO))))
                .append("</span></span>\n</div>\n");
        // The checks bar spans the page's width, and a check's slice is never narrower than 8 px.
        h.append("<div class=\"outcomes\">\n").append(Charts.bars(List.of(new Charts.Bar("checks", t.get("html.chart.checks"), new long[] {s.errors(), s.warnings(), s.info(), s.notEvaluated(), s.passed()})),
                new String[] {"ERROR", "WARNING", "INFO", "NOT_EVALUATED", "PASS"},
                new String[] {t.get("html.legend.errors"), t.get("html.legend.warnings"), t.get("html.legend.advice"), t.get("html.legend.notEvaluated"), t.get("html.legend.passed")},
                s.checks(), t.get("html.chart.title"))).append("</div>\n");

        List<CheckResult> open = new ArrayList<>();
        List<CheckResult> passed = new ArrayList<>();
        for (CheckResult c : r.checks()) {
            (c.status() == Status.PASS && c.notes().isEmpty() ? passed : open).add(c);
        }
        open.sort(Comparator.comparingInt(HtmlReport::rank));
        nextSteps(h, r, t);
        waivers(h, r.waivers(), t);
        if (!open.isEmpty()) {
            h.append("<h2>").append(Encode.forHtml(t.get("html.toFix"))).append("</h2>\n");
        }
        for (CheckResult c : open) {
            check(h, c, r, t);
        }
        if (!r.errors().isEmpty()) {
            h.append("<h2>").append(Encode.forHtml(t.get("report.ruleFailures"))).append("</h2>\n<ul>\n");
            for (Report.EvaluationError e : r.errors()) {
                h.append("<li>").append(Encode.forHtml(t.get("report.ruleFailure", TextReport.ruleLabel(e, t), e.message()))).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("<h2>").append(Encode.forHtml(t.get("html.passed"))).append("</h2>\n<details>\n<summary>")
                .append(Encode.forHtml(t.get("html.passedCount", passed.size()))).append("</summary>\n<table>\n");
        for (CheckResult c : passed) {
            h.append("<tr>\n<td class=\"c-PASS\">").append(Encode.forHtml(t.get("status.PASS"))).append("</td>\n<td>").append(Encode.forHtml(c.id())).append("</td>\n<td>")
                    .append(Encode.forHtml(t.area(c.area()))).append("</td>\n<td>\n<a href=\"")
                    .append(Encode.forHtmlAttribute(PageStyle.safeUrl(c.docUrl()))).append("\">").append(Encode.forHtml(c.title())).append("</a>\n</td>\n</tr>\n");
        }
        h.append("</table>\n</details>\n<p class=\"small muted\">\n").append(Encode.forHtml(t.get("report.rules", t.rulesSource(r.rules().source()), r.rules().hash())))
                .append("</p>\n</main>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The findings of a severity, as the badges below show them: one badge per finding. */
    private static long findings(Report r, Severity severity) {
        return r.findings().stream().filter(f -> f.severity() == severity).count();
    }

    /** The verdict as people read it, with the waived findings when waivers decided it: "ELIGIBLE, 1 waived". */
    private static String verdictLine(Report r, Texts t) {
        String v = t.get("verdict." + r.verdict().name());
        return r.waivedCount() == 0 ? v : t.get("report.verdict.waived", v, r.waivedCount());
    }

    private static void check(StringBuilder h, CheckResult c, Report r, Texts t) {
        WaiverOutcome waivers = r.waivers();
        String kind = c.status() == Status.FAIL ? c.severity().name() : c.status() == Status.ERROR ? "RULE" : c.status().name();
        String label = Encode.forHtml(c.status() == Status.FAIL ? t.get("severity." + c.severity().name()) : t.get("status." + c.status().name()));
        h.append("<section class=\"check ").append(kind).append("\" id=\"").append(Encode.forHtmlAttribute(c.id())).append("\">\n<h3>\n<span class=\"pill s-")
                .append(kind).append("\">").append(label).append("</span>\n").append(Encode.forHtml(c.id())).append(" \n<a href=\"")
                .append(Encode.forHtmlAttribute(PageStyle.safeUrl(c.docUrl()))).append("\">").append(Encode.forHtml(c.title())).append("</a>\n</h3>\n");
        for (Finding f : c.findings()) {
            Waiver w = waivers == null ? null : waivers.waiverFor(f);
            h.append("<div class=\"finding").append(w == null ? "" : " waived").append("\">\n<p>\n");
            // Every finding carries its own severity badge: the banner's count of findings is the count of these.
            h.append("<span class=\"pill s-").append(f.severity().name()).append("\">").append(Encode.forHtml(t.get("severity." + f.severity().name()))).append("</span>\n");
            if (w != null) {
                h.append("<span class=\"pill s-WAIVED\">").append(Encode.forHtml(t.get("html.waived"))).append("</span>\n");
            }
            h.append(Encode.forHtml(f.message())).append("</p>\n");
            if (w != null) {
                h.append("<p class=\"small\">\n").append(Encode.forHtml(t.get("report.waiver.applied", w.expires(), w.owner(),
                        w.ticket() == null ? "" : w.ticket(), w.ticket() == null ? 0 : 1, w.reason()))).append("</p>\n");
            }
            if (!f.evidence().isEmpty()) {
                h.append("<ul>\n");
                for (String e : f.evidence()) {
                    h.append("<li>").append(Encode.forHtml(e)).append("</li>\n");
                }
                h.append("</ul>\n");
            }
            if (f.expected() != null) {
                h.append("<p>\n").append(label(t.get("html.expected"))).append(Encode.forHtml(f.expected())).append("</p>\n");
            }
            if (f.remediation() != null) {
                h.append("<p>\n").append(label(t.get("html.fix"))).append(Encode.forHtml(f.remediation())).append("</p>\n");
            }
            h.append("</div>\n");
        }
        if (!c.missing().isEmpty()) {
            h.append("<p>\n").append(label(t.get(c.status() == Status.NOT_EVALUATED ? "html.missing" : "html.alsoMissing")))
                    .append(Encode.forHtml(NextStepsText.missing(c, r, t))).append("</p>\n");
        }
        for (String n : c.notes()) {
            h.append("<p>\n").append(label(t.get("html.note"))).append(Encode.forHtml(n)).append("</p>\n");
        }
        if (c.status() == Status.ERROR) {
            h.append("<p class=\"muted\">").append(Encode.forHtml(t.get("report.notJudged"))).append("</p>\n");
        }
        h.append("</section>\n");
    }

    /** "To complete this evaluation": the actions that would let the NOT_EVALUATED checks be judged, most unblocking first. */
    private static void nextSteps(StringBuilder h, Report r, Texts t) {
        List<NextStepsText.Step> steps = NextStepsText.steps(r, t);
        if (steps.isEmpty()) {
            return;
        }
        h.append("<section id=\"next-steps\">\n<h2>").append(Encode.forHtml(t.get("nextSteps.heading"))).append("</h2>\n<ol>\n");
        for (NextStepsText.Step step : steps) {
            h.append("<li>\n<b>").append(Encode.forHtml(step.title())).append("</b>\n<ul class=\"small\">\n");
            for (String d : step.details()) {
                h.append("<li>").append(Encode.forHtml(d.startsWith("- ") ? d.substring(2) : d)).append("</li>\n");
            }
            h.append("</ul>\n</li>\n");
        }
        h.append("</ol>\n</section>\n");
    }

    private static void waivers(StringBuilder h, WaiverOutcome o, Texts t) {
        if (o == null || (o.applied().isEmpty() && o.expired().isEmpty() && o.stale().isEmpty())) {
            return;
        }
        h.append("<h2>").append(Encode.forHtml(t.get("report.waivers"))).append("</h2>\n<ul>\n");
        if (!o.applied().isEmpty()) {
            h.append("<li>").append(Encode.forHtml(t.get("report.waivers.summary", o.waived(), t.get("verdict." + o.verdictWithoutWaivers().name()))))
                    .append("</li>\n");
        }
        for (Waiver w : o.expired()) {
            h.append("<li class=\"c-WARNING\">").append(Encode.forHtml(t.get("html.waiver.expired", w.expires(), w.describe())))
                    .append(w.origin() == null ? "" : " [" + Encode.forHtml(w.origin()) + "]").append("</li>\n");
        }
        for (Waiver w : o.stale()) {
            h.append("<li class=\"c-WARNING\">").append(Encode.forHtml(t.get("html.waiver.stale", w.describe())))
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
