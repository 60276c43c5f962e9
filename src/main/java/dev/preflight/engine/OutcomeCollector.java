package dev.preflight.engine;

import dev.preflight.api.MissingFact;
import dev.preflight.api.Report.EvaluationError;
import dev.preflight.rules.FindingBuilder;
import dev.preflight.rules.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * The {@code outcome} global of one evaluation: what the rules reported, per check. Knows which
 * rule is firing (through the agenda listener), so that a consequence never repeats its own check
 * id or severity. One instance per evaluation, used by one thread.
 */
final class OutcomeCollector extends DefaultAgendaEventListener implements Outcome {

    /** What one check collected. */
    static final class CheckOutcome {
        final List<Draft> findings = new ArrayList<>();
        final Set<MissingFact> missing = new LinkedHashSet<>();
        final Set<String> notes = new LinkedHashSet<>();
        final List<EvaluationError> errors = new ArrayList<>();
    }

    /** A finding as the rule builds it; its texts are formatted, and it is frozen into a {@link dev.preflight.api.Finding}, by the report. */
    static final class Draft implements FindingBuilder {
        final RuleMeta rule;
        final String key;
        final List<Object> arguments;
        final FactPaths paths;
        String subject;
        String subjectPath;

        Draft(RuleMeta rule, String key, List<Object> arguments, FactPaths paths) {
            this.rule = rule;
            this.key = key;
            this.arguments = arguments;
            this.paths = paths;
        }

        @Override
        public FindingBuilder about(Object fact) {
            String label = FactInserter.label(fact);
            if (label != null) {
                subject = label;
            }
            subjectPath = paths.of(fact);
            return this;
        }

        @Override
        public FindingBuilder subject(String name) {
            subject = name;
            return this;
        }
    }

    private final Map<Rule, RuleMeta> metaByRule;
    private final Messages messages;
    private final java.util.Locale locale;
    private final FactPaths paths;
    private final Map<String, CheckOutcome> byCheck = new HashMap<>();
    private final List<EvaluationError> errors = new ArrayList<>();
    private RuleMeta current;
    private Rule currentRule;
    /** No time limit. */
    static final long NO_DEADLINE = Long.MIN_VALUE;

    private final long deadline;
    private final int[] firings;
    /** Per rule, the time from each of its firings to the next firing (kept only under a time limit). */
    private final long[] nanos;
    private long previousStart;
    private String stopped;
    private int ruleFailures;
    private int fired;

    /**
     * @param deadline {@link System#nanoTime()} after which the evaluation is stopped, or {@link #NO_DEADLINE}
     */
    OutcomeCollector(Map<Rule, RuleMeta> metaByRule, FactPaths paths, long deadline, Messages messages, java.util.Locale locale) {
        this.messages = messages;
        this.locale = locale;
        this.metaByRule = metaByRule;
        this.paths = paths;
        this.deadline = deadline;
        this.firings = new int[metaByRule.size()];
        this.nanos = new long[metaByRule.size()];
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        RuleMeta previous = current;
        currentRule = event.getMatch().getRule();
        current = metaByRule.get(currentRule);
        fired++;
        if (current != null) {
            firings[current.index()]++;
        }
        // Checked before each firing: a rule that keeps re-activating itself is stopped here.
        if (deadline != NO_DEADLINE) {
            long now = System.nanoTime();
            // The time since the previous firing began is that rule's: its consequence and what its changes set off.
            if (previous != null && previousStart != 0) {
                nanos[previous.index()] += now - previousStart;
            }
            previousStart = now;
            if (stopped == null && now - deadline > 0) {
                stop(true, text("report.error.stopped.time"));
                event.getKieRuntime().halt();
            }
        }
    }

    /** Records that the evaluation used up its budget of rule firings; {@code last} is the rule that fired last, or null. */
    void stopAtFiringBudget(int budget, Rule last) {
        String reason = text("report.error.stopped.firings", budget);
        stop(false, last == null ? reason : text("report.error.join", reason, text("report.error.lastRule", last.getName())));
    }

    /** Records that the evaluation was stopped after so many rules failed. */
    void stopAtFailures(int failures) {
        stop(false, text("report.error.stopped.failures", failures));
    }

    /**
     * Records that the evaluation was stopped before its end, blaming the rule that took most time
     * (when the time limit stopped it) or fired most (a runaway keeps firing); no check without a
     * finding can then be trusted to pass.
     */
    private void stop(boolean byTime, String reason) {
        if (stopped != null) {
            return;
        }
        RuleMeta culprit = current;
        long most = -1;
        for (RuleMeta m : metaByRule.values()) {
            long amount = byTime ? nanos[m.index()] : firings[m.index()];
            if (amount > most) {
                most = amount;
                culprit = m;
            }
        }
        stopped = culprit == null ? reason
                : text("report.error.join", reason, byTime
                        ? text("report.error.tookLongest", culprit.ruleName(), most / 1_000_000, firings[culprit.index()])
                        : text("report.error.firedMost", culprit.ruleName(), most));
        errors.add(new EvaluationError(culprit == null ? EvaluationError.NO_RULE : culprit.ruleName(), culprit == null ? null : culprit.checkId(), stopped));
    }

    /**
     * A text of the rule failures in the report's language, its arguments (rule names, an exception's
     * message) as they are; the jar's own text when the rules' message files predate the key.
     */
    private String text(String key, Object... arguments) {
        String t = messages.formatAsIs(key, java.util.Arrays.asList(arguments), locale);
        return t != null ? t : dev.preflight.api.Texts.builtIn(locale).get(key, arguments);
    }

    /** Why the evaluation was stopped before its end, or {@code null} when it ran to its end. */
    String stopped() {
        return stopped;
    }

    /** The last rule that fired, or {@code null}. */
    Rule lastRule() {
        return currentRule;
    }

    Map<String, CheckOutcome> byCheck() {
        return byCheck;
    }

    List<EvaluationError> errors() {
        return errors;
    }

    /** Rule firings so far. */
    int fired() {
        return fired;
    }

    /** Rules whose consequence failed so far. */
    int ruleFailures() {
        return ruleFailures;
    }

    /**
     * Records that a rule failed while running, throwing {@code failure}; its check's status becomes
     * ERROR. The message names the exception's class and quotes its own message as Java wrote it.
     */
    void error(Rule rule, Throwable failure) {
        ruleFailures++;
        RuleMeta meta = rule == null ? null : metaByRule.get(rule);
        String checkId = meta == null ? null : meta.checkId();
        String type = failure.getClass().getSimpleName();
        String message = failure.getMessage() == null ? text("report.error.threw.bare", type) : text("report.error.threw", type, failure.getMessage());
        EvaluationError e = new EvaluationError(rule == null ? EvaluationError.UNKNOWN_RULE : rule.getName(), checkId, message);
        errors.add(e);
        if (checkId != null) {
            check(checkId).errors.add(e);
        }
    }

    private CheckOutcome check(String id) {
        return byCheck.computeIfAbsent(id, k -> new CheckOutcome());
    }

    private RuleMeta currentCheckRule(String call) {
        RuleMeta m = current;
        if (m == null || !m.belongsToCheck()) {
            throw new IllegalStateException("outcome." + call + " called from rule " + (m == null ? "(unknown)" : "\"" + m.ruleName() + "\"")
                    + ", which belongs to no check (it has no @id)");
        }
        return m;
    }

    @Override
    public FindingBuilder fail(String key, Object... arguments) {
        RuleMeta m = currentCheckRule("fail");
        if (m.severity() == null) {
            throw new IllegalStateException("rule \"" + m.ruleName() + "\" has @severity(NONE) but called outcome.fail");
        }
        Draft d = new Draft(m, key, Arguments.of(arguments), paths);
        check(m.checkId()).findings.add(d);
        return d;
    }

    /** Records a fact a check needs and lacks, as its declared requirements say. */
    void missing(String checkId, MissingFact fact) {
        check(checkId).missing.add(fact);
    }

    @Override
    public void note(String key, Object... arguments) {
        String text = messages.format(key, Arguments.of(arguments), locale);
        check(currentCheckRule("note").checkId()).notes.add(text == null ? key : text);
    }
}
