package dev.preflight.report;

import dev.preflight.api.CheckResult;
import dev.preflight.api.Finding;
import dev.preflight.api.Report;
import dev.preflight.api.Severity;
import dev.preflight.api.Status;
import dev.preflight.api.Texts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as a support engineer reads it in a terminal: the verdict first, then the checks
 * grouped by area, the worst area and the worst check first, each failure with its evidence,
 * fix and documentation link.
 */
public final class TextReport {

    private static final String NL = System.lineSeparator();

    private TextReport() {
    }

    /** Renders the report with the English texts shipped in the jar; {@code showPassed} lists passing checks too. */
    public static String render(Report report, Style style, boolean showPassed) {
        return render(report, Texts.builtIn(java.util.Locale.ROOT), style, showPassed);
    }

    /**
     * Renders the report in the texts' language ({@link dev.preflight.api.Evaluator#texts()});
     * {@code showPassed} lists passing checks too. Columns are aligned by terminal display width.
     */
    public static String render(Report report, Texts texts, Style style, boolean showPassed) {
        StringBuilder out = new StringBuilder();
        Report.TenantIdentity t = report.tenant();
        out.append(style.bold(texts.get("report.title"))).append(NL);
        int labels = 2 + java.util.stream.Stream.of("report.tenant", "report.asOf", "report.verdict")
                .mapToInt(k -> DisplayWidth.of(texts.get(k))).max().orElse(0);
        String name = t.displayName() == null ? texts.get("report.noDisplayName") : SafeText.clean(t.displayName());
        out.append("  ").append(DisplayWidth.pad(texts.get("report.tenant"), labels)).append(name);
        if (t.tenantId() != null) {
            out.append(spaced(texts.get("report.tenant.id", SafeText.clean(t.tenantId()))));
        }
        if (t.cloud() != null) {
            out.append(texts.get("report.tenant.cloud", texts.cloud(t.cloud())));
        }
        out.append(NL);
        out.append("  ").append(DisplayWidth.pad(texts.get("report.asOf"), labels)).append(report.referenceTime())
                .append(spaced(texts.get(report.referenceTimeSource().equals("collectedAt") ? "report.asOf.collectedAt" : "report.asOf.clock")))
                .append(NL);
        Report.Summary s = report.summary();
        String verdictWord = verdict(report, texts, style);
        out.append("  ").append(DisplayWidth.pad(texts.get("report.verdict"), labels))
                .append(report.waivedCount() > 0 ? texts.get("report.verdict.waived", verdictWord, report.waivedCount()) : verdictWord).append("  ")
                .append(texts.get("report.summary", s.errors(), s.warnings(), s.info(), s.notEvaluated(), s.passed(), s.checks()));
        if (s.evaluationErrors() > 0) {
            out.append(", ").append(texts.get("report.summary.ruleFailures", s.evaluationErrors()));
        }
        out.append(NL);
        List<NextStepsText.Step> steps = NextStepsText.steps(report, texts);
        if (!steps.isEmpty()) {
            // What would complete the evaluation comes first: the few actions, not the many facts they supply.
            out.append(NL).append(style.bold(texts.get("nextSteps.heading"))).append(NL);
            int n = 1;
            for (NextStepsText.Step step : steps) {
                out.append("  ").append(n++).append(". ").append(step.title()).append(NL);
                for (String d : step.details()) {
                    out.append("     ").append(d).append(NL);
                }
            }
        }

        Map<String, List<CheckResult>> areas = new LinkedHashMap<>();
        for (CheckResult c : report.checks()) {
            areas.computeIfAbsent(c.area(), k -> new ArrayList<>()).add(c);
        }
        List<Map.Entry<String, List<CheckResult>>> ordered = new ArrayList<>(areas.entrySet());
        ordered.sort(Comparator.comparingInt(e -> e.getValue().stream().mapToInt(TextReport::rank).min().orElse(99)));
        int labelWidth = labelWidth(texts);
        for (Map.Entry<String, List<CheckResult>> area : ordered) {
            List<CheckResult> checks = new ArrayList<>(area.getValue());
            checks.sort(Comparator.comparingInt(TextReport::rank));
            boolean anyShown = showPassed || checks.stream().anyMatch(c -> c.status() != Status.PASS || !c.notes().isEmpty());
            if (!anyShown) {
                continue;
            }
            out.append(NL).append(style.bold(texts.area(area.getKey()))).append(NL);
            for (CheckResult c : checks) {
                if (c.status() == Status.PASS && c.notes().isEmpty() && !showPassed) {
                    continue;
                }
                renderCheck(out, c, report, texts, labelWidth, style, report.waivers());
            }
        }
        if (!showPassed && s.passed() > 0) {
            out.append(NL).append(style.dim(texts.get("report.passingHidden", s.passed()))).append(NL);
        }
        WaiverText.render(out, report, texts, labelWidth, style);
        if (!report.errors().isEmpty()) {
            out.append(NL).append(style.bold(texts.get("report.ruleFailures"))).append(NL);
            for (Report.EvaluationError e : report.errors()) {
                String rule = style.magenta(ruleLabel(e, texts));
                String message = SafeText.clean(e.message());
                out.append("  ").append(e.checkId() == null ? texts.get("report.ruleFailure", rule, message)
                        : texts.get("report.ruleFailure.check", rule, e.checkId(), message)).append(NL);
            }
        }
        out.append(NL).append(style.dim(texts.get("report.rules", texts.rulesSource(report.rules().source()), report.rules().hash()))).append(NL);
        return out.toString();
    }

    /** A failed rule as the reports name it: {@code rule "name"}, or what stands for a rule that cannot be named, in the language. */
    static String ruleLabel(Report.EvaluationError e, Texts texts) {
        String name = !e.ruleUnnamed() ? SafeText.clean(e.rule())
                : texts.get(e.rule().equals(Report.EvaluationError.NO_RULE) ? "report.rule.none" : "report.rule.unknown");
        return texts.get("report.rule", name);
    }

    private static void renderCheck(StringBuilder out, CheckResult c, Report report, Texts texts, int labelWidth, Style style, dev.preflight.api.WaiverOutcome waivers) {
        out.append("  ").append(label(c, texts, labelWidth, style)).append(' ').append(c.id()).append("  ").append(c.title()).append(NL);
        for (Finding f : c.findings()) {
            String message = SafeText.clean(f.message());
            if (f.severity() != c.severity()) {
                // A finding less severe than its check's label says so: "(warning) ...", "（警告）..." in the language's own brackets.
                message = texts.get("report.findingSeverity", texts.get("severity." + f.severity().name()).toLowerCase(java.util.Locale.ROOT), message);
            }
            out.append("      ").append(message).append(NL);
            dev.preflight.api.Waiver w = waivers == null ? null : waivers.waiverFor(f);
            if (w != null) {
                out.append("        ").append(style.cyan(texts.get("report.waiver.text", w.expires(), SafeText.clean(w.owner()),
                        w.ticket() == null ? "" : SafeText.clean(w.ticket()), w.ticket() == null ? 0 : 1, SafeText.clean(w.reason())))).append(NL);
            }
            for (String e : f.evidence()) {
                out.append("        - ").append(SafeText.clean(e)).append(NL);
            }
            if (f.expected() != null) {
                out.append("        ").append(texts.get("report.expected", SafeText.clean(f.expected()))).append(NL);
            }
            if (f.remediation() != null) {
                out.append("        ").append(texts.get("report.fix", SafeText.clean(f.remediation()))).append(NL);
            }
        }
        if (!c.missing().isEmpty()) {
            String missing = SafeText.clean(NextStepsText.missing(c, report, texts));
            out.append("      ").append(texts.get(c.status() == Status.NOT_EVALUATED ? "report.missing" : "report.alsoMissing", missing)).append(NL);
        }
        for (String n : c.notes()) {
            out.append("      ").append(texts.get("report.note", SafeText.clean(n))).append(NL);
        }
        if (c.status() == Status.ERROR) {
            out.append("      ").append(style.magenta(texts.get("report.notJudged"))).append(NL);
        }
        if (c.status() != Status.PASS) {
            out.append("      ").append(style.dim(texts.get("report.docs", c.docUrl()))).append(NL);
        }
    }

    /** The text after a space, unless it opens with a full-width bracket (Chinese puts no half-width space before one). */
    static String spaced(String text) {
        return text.isEmpty() || "（［「『【“".indexOf(text.charAt(0)) >= 0 ? text : " " + text;
    }

    private static String verdict(Report r, Texts texts, Style style) {
        String word = texts.get("verdict." + r.verdict().name());
        return switch (r.verdict()) {
            case ELIGIBLE -> style.green(word);
            case NOT_ELIGIBLE -> style.red(word);
            case INCOMPLETE -> style.yellow(word);
        };
    }

    /** The label keys of a check's outcome, one per status and, for FAIL, severity. */
    private static final List<String> LABELS = List.of("label.PASS", "label.NOT_EVALUATED", "label.ERROR",
            "label.FAIL.ERROR", "label.FAIL.WARNING", "label.FAIL.INFO", "label.EXPIRED", "label.STALE");

    /** The display width of the widest label: every label is padded to it, so the check ids line up. */
    private static int labelWidth(Texts texts) {
        return LABELS.stream().mapToInt(k -> DisplayWidth.of(texts.get(k))).max().orElse(0);
    }

    private static String label(CheckResult c, Texts texts, int width, Style style) {
        String key = c.status() == Status.FAIL ? "label.FAIL." + c.severity().name() : "label." + c.status().name();
        String text = "[" + DisplayWidth.pad(texts.get(key), width) + "]";
        return switch (c.status()) {
            case PASS -> style.green(text);
            case NOT_EVALUATED, ERROR -> style.magenta(text);
            case FAIL -> switch (c.severity()) {
                case ERROR -> style.red(text);
                case WARNING -> style.yellow(text);
                case INFO -> style.cyan(text);
            };
        };
    }

    /** Lower is worse: error, rule failure, missing on a blocking check, warning, info, missing, pass. */
    private static int rank(CheckResult c) {
        if (c.status() == Status.FAIL) {
            return c.severity() == Severity.ERROR ? 0 : c.severity() == Severity.WARNING ? 3 : 4;
        }
        return switch (c.status()) {
            case ERROR -> 1;
            case NOT_EVALUATED -> 2;
            default -> 9;
        };
    }
}
