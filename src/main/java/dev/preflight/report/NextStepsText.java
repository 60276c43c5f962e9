package dev.preflight.report;

import dev.preflight.api.CheckResult;
import dev.preflight.api.MissingFact;
import dev.preflight.api.NextStep;
import dev.preflight.api.Report;
import dev.preflight.api.Texts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's "To complete this evaluation" in words, for the text and HTML reports: a heading,
 * and per step a line saying what to do and how many checks it unblocks, then its details (why,
 * the command, the questions, the checks). A check's missing facts then name the step that
 * supplies them instead of repeating its reason, so that each reason is said once.
 */
final class NextStepsText {

    /**
     * One step in words.
     *
     * @param title   what to do and how many checks it unblocks
     * @param details the lines under it
     */
    record Step(String title, List<String> details) {
    }

    private NextStepsText() {
    }

    /** The steps of the report in the texts' language; empty when every check was evaluated. */
    static List<Step> steps(Report r, Texts t) {
        List<Step> out = new ArrayList<>();
        for (NextStep s : r.nextSteps()) {
            int n = s.checks().size();
            String title = switch (s.action()) {
                case RERUN_EXPORT -> s.need() != null ? t.get("nextStep.rerunWith", s.need(), n) : t.get("nextStep.rerun", s.file(), n);
                case ADD_FILE -> t.get("nextStep.addFile", s.file(), n);
                case FIX_EXPORT -> s.file() != null ? t.get("nextStep.fixExport", s.file(), n) : t.get("nextStep.other", n);
                case ANSWER -> t.get("nextStep.answer", s.questions().size(), n);
            };
            List<String> details = new ArrayList<>();
            if (s.action() == NextStep.Action.RERUN_EXPORT) {
                // The collector's error as Graph or PowerShell gave it; in another language only its status and code
                // ("403 Authorization_RequestDenied"): the English sentence after them stays in the JSON.
                String why = s.reason() == null || t.locale().equals(java.util.Locale.ROOT) ? s.reason() : s.reason().split(": ", 2)[0];
                details.add(why == null || why.isEmpty() ? t.get("nextStep.failedNoReason", s.file()) : t.get("nextStep.failed", s.file(), SafeText.clean(why)));
            } else if (s.reason() != null) {
                List<String> reasons = new ArrayList<>();
                if (!s.reasons().isEmpty()) {
                    s.reasons().forEach(why -> reasons.add(t.reason(why)));
                } else {
                    for (String part : s.reason().split("; ")) {
                        reasons.add(t.reason(part));
                    }
                }
                details.add(t.get("nextStep.why", SafeText.clean(t.list(reasons))));
            }
            if (s.action() == NextStep.Action.ANSWER) {
                for (NextStep.Question q : s.questions()) {
                    details.add(t.get("nextStep.question", name(q.path(), q.subject(), q.field(), t)));
                }
                details.add(t.get("nextStep.answerHow"));
            } else if (s.action() == NextStep.Action.FIX_EXPORT && s.file() == null) {
                details.add(t.get("nextStep.facts", t.list(s.paths(), "report.list.inline")));
            }
            if (s.command() != null) {
                details.add(t.get("nextStep.command", s.command()));
            }
            details.add(t.get("nextStep.checks", t.list(s.checks(), "report.list.inline")));
            out.add(new Step(title, details));
        }
        return out;
    }

    /** A fact as people name it: {@code joeyc@contoso.com: assignedLicenses}, or its path for a fact of the tenant. */
    static String name(String path, String subject, String field, Texts t) {
        return subject == null ? path : t.get("report.factOf", SafeText.clean(subject), field);
    }

    /** The missing facts of a check: named by user or forest, and by the step that supplies them instead of the reason. */
    static String missing(CheckResult c, Report r, Texts t) {
        Map<String, Integer> stepOf = new HashMap<>();
        for (int i = 0; i < r.nextSteps().size(); i++) {
            for (String p : r.nextSteps().get(i).paths()) {
                stepOf.putIfAbsent(p, i + 1);
            }
        }
        List<String> items = new ArrayList<>(c.missing().size());
        for (MissingFact m : c.missing()) {
            Integer step = stepOf.get(m.path());
            if (step == null) {
                items.add(t.missing(m.subject() == null ? m : new MissingFact(name(m.path(), m.subject(), m.field(), t), m.reason(), m.source(), m.subject(), m.why())));
            } else {
                items.add(t.get("report.missingStep", name(m.path(), m.subject(), m.field(), t), step));
            }
        }
        return t.list(items);
    }
}
