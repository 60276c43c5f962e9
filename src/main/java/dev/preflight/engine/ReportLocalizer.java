package dev.preflight.engine;

import dev.preflight.api.CheckInfo;
import dev.preflight.api.CheckResult;
import dev.preflight.api.Finding;
import dev.preflight.api.Report;
import dev.preflight.api.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Puts a report's check titles and documentation links into a language. What machines compare
 * (ids, statuses, severities, subjects, paths, counts) is never touched, so two reports of one
 * tenant in two languages differ in text only. English reports pass through as they are.
 */
public final class ReportLocalizer {

    private ReportLocalizer() {
    }

    /** The report in the texts' language. */
    public static Report localize(Report report, Texts texts) {
        if (texts.locale().equals(Locale.ROOT)) {
            return report;
        }
        List<CheckResult> checks = new ArrayList<>(report.checks().size());
        for (CheckResult c : report.checks()) {
            List<Finding> findings = new ArrayList<>(c.findings().size());
            for (Finding f : c.findings()) {
                findings.add(new Finding(f.checkId(), f.severity(), f.subject(), f.subjectPath(), f.message(), f.evidence(),
                        f.expected(), f.remediation(), texts.docUrl(f.docUrl()), f.key(), f.arguments()));
            }
            checks.add(new CheckResult(c.id(), c.area(), texts.title(c.id(), c.title()), c.status(), c.severity(),
                    texts.docUrl(c.docUrl()), findings, c.missing(), c.notes()));
        }
        return report.withChecks(checks);
    }

    /** The catalogue in the texts' language. */
    public static List<CheckInfo> localize(List<CheckInfo> checks, Texts texts) {
        if (texts.locale().equals(Locale.ROOT)) {
            return checks;
        }
        List<CheckInfo> out = new ArrayList<>(checks.size());
        for (CheckInfo c : checks) {
            out.add(new CheckInfo(c.id(), c.area(), texts.title(c.id(), c.title()), c.severities(), texts.docUrl(c.docUrl()),
                    c.source(), c.line(), c.rules()));
        }
        return out;
    }
}
