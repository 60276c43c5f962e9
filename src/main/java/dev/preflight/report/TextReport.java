package dev.preflight.report;

import dev.preflight.api.CheckResult;
import dev.preflight.api.Finding;
import dev.preflight.api.MissingFact;
import dev.preflight.api.Report;
import dev.preflight.api.Severity;
import dev.preflight.api.Status;
import dev.preflight.engine.Catalogue;
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

    /** Renders the report; {@code showPassed} lists passing checks too. */
    public static String render(Report report, Style style, boolean showPassed) {
        StringBuilder out = new StringBuilder();
        Report.TenantIdentity t = report.tenant();
        out.append(style.bold("Password writeback eligibility")).append(NL);
        String name = t.displayName() == null ? "(no display name)" : SafeText.clean(t.displayName());
        out.append("  Tenant   ").append(name);
        if (t.tenantId() != null) {
            out.append(" (").append(SafeText.clean(t.tenantId())).append(')');
        }
        if (t.cloud() != null) {
            out.append(", ").append(t.cloud()).append(" cloud");
        }
        out.append(NL);
        out.append("  As of    ").append(report.referenceTime())
                .append(report.referenceTimeSource().equals("collectedAt") ? " (tenant.collectedAt)" : " (the clock: the facts carry no collectedAt)")
                .append(NL);
        Report.Summary s = report.summary();
        out.append("  Verdict  ").append(verdict(report, style));
        if (report.waivedCount() > 0) {
            out.append(", ").append(report.waivedCount()).append(" waived");
        }
        out.append("  ")
                .append(count(s.errors(), "error")).append(", ")
                .append(count(s.warnings(), "warning")).append(", ")
                .append(s.info()).append(" advice, ")
                .append(s.notEvaluated()).append(" not evaluated, ")
                .append(s.passed()).append(" of ").append(s.checks()).append(" passed");
        if (s.evaluationErrors() > 0) {
            out.append(", ").append(count(s.evaluationErrors(), "rule failure"));
        }
        out.append(NL);

        Map<String, List<CheckResult>> areas = new LinkedHashMap<>();
        for (CheckResult c : report.checks()) {
            areas.computeIfAbsent(c.area(), k -> new ArrayList<>()).add(c);
        }
        List<Map.Entry<String, List<CheckResult>>> ordered = new ArrayList<>(areas.entrySet());
        ordered.sort(Comparator.comparingInt(e -> e.getValue().stream().mapToInt(TextReport::rank).min().orElse(99)));
        for (Map.Entry<String, List<CheckResult>> area : ordered) {
            List<CheckResult> checks = new ArrayList<>(area.getValue());
            checks.sort(Comparator.comparingInt(TextReport::rank));
            boolean anyShown = showPassed || checks.stream().anyMatch(c -> c.status() != Status.PASS || !c.notes().isEmpty());
            if (!anyShown) {
                continue;
            }
            out.append(NL).append(style.bold(Catalogue.areaName(area.getKey()))).append(NL);
            for (CheckResult c : checks) {
                if (c.status() == Status.PASS && c.notes().isEmpty() && !showPassed) {
                    continue;
                }
                renderCheck(out, c, style, report.waivers());
            }
        }
        if (!showPassed && s.passed() > 0) {
            out.append(NL).append(style.dim(s.passed() + " passing checks not shown (--all lists them)")).append(NL);
        }
        WaiverText.render(out, report, style);
        if (!report.errors().isEmpty()) {
            out.append(NL).append(style.bold("Rule failures")).append(NL);
            for (Report.EvaluationError e : report.errors()) {
                out.append("  ").append(style.magenta("rule \"" + e.rule() + "\"")).append(e.checkId() == null ? "" : " (" + e.checkId() + ")")
                        .append(": ").append(SafeText.clean(e.message())).append(NL);
            }
        }
        out.append(NL).append(style.dim("Rules: " + report.rules().source() + ", " + report.rules().hash())).append(NL);
        return out.toString();
    }

    private static void renderCheck(StringBuilder out, CheckResult c, Style style, dev.preflight.api.WaiverOutcome waivers) {
        out.append("  ").append(label(c, style)).append(' ').append(c.id()).append("  ").append(c.title()).append(NL);
        for (Finding f : c.findings()) {
            String sev = f.severity() == c.severity() ? "" : "(" + f.severity().name().toLowerCase(java.util.Locale.ROOT) + ") ";
            out.append("      ").append(sev).append(SafeText.clean(f.message())).append(NL);
            dev.preflight.api.Waiver w = waivers == null ? null : waivers.waiverFor(f);
            if (w != null) {
                out.append("        ").append(style.cyan("WAIVED until " + w.expires() + " by " + SafeText.clean(w.owner())
                        + (w.ticket() == null ? "" : " (" + SafeText.clean(w.ticket()) + ")") + ": " + SafeText.clean(w.reason()))).append(NL);
            }
            for (String e : f.evidence()) {
                out.append("        - ").append(SafeText.clean(e)).append(NL);
            }
            if (f.expected() != null) {
                out.append("        expected: ").append(SafeText.clean(f.expected())).append(NL);
            }
            if (f.remediation() != null) {
                out.append("        fix: ").append(SafeText.clean(f.remediation())).append(NL);
            }
        }
        if (!c.missing().isEmpty()) {
            out.append("      ").append(c.status() == Status.NOT_EVALUATED ? "missing: " : "also missing: ");
            List<String> items = c.missing().stream().map(MissingFact::toString).map(SafeText::clean).toList();
            out.append(String.join("; ", items)).append(NL);
        }
        for (String n : c.notes()) {
            out.append("      note: ").append(SafeText.clean(n)).append(NL);
        }
        if (c.status() == Status.ERROR) {
            out.append("      ").append(style.magenta("not judged: a rule failed or the evaluation was stopped (see Rule failures)")).append(NL);
        }
        if (c.status() != Status.PASS) {
            out.append("      ").append(style.dim("docs: " + c.docUrl())).append(NL);
        }
    }

    private static String verdict(Report r, Style style) {
        return switch (r.verdict()) {
            case ELIGIBLE -> style.green("ELIGIBLE");
            case NOT_ELIGIBLE -> style.red("NOT ELIGIBLE");
            case INCOMPLETE -> style.yellow("INCOMPLETE");
        };
    }

    private static String label(CheckResult c, Style style) {
        return switch (c.status()) {
            case PASS -> style.green("[PASS    ]");
            case NOT_EVALUATED -> style.magenta("[MISSING ]");
            case ERROR -> style.magenta("[RULE ERR]");
            case FAIL -> switch (c.severity()) {
                case ERROR -> style.red("[ERROR   ]");
                case WARNING -> style.yellow("[WARNING ]");
                case INFO -> style.cyan("[INFO    ]");
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

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
