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

    /** A finding as the rule builds it; frozen into a {@link dev.preflight.api.Finding} by the report. */
    static final class Draft implements FindingBuilder {
        final RuleMeta rule;
        final String message;
        final FactPaths paths;
        String subject;
        String subjectPath;
        final List<String> evidence = new ArrayList<>(2);
        String expected;
        String remediation;

        Draft(RuleMeta rule, String message, FactPaths paths) {
            this.rule = rule;
            this.message = message;
            this.paths = paths;
            this.remediation = rule.remediation();
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

        @Override
        public FindingBuilder evidence(String fact) {
            if (fact != null && !fact.isEmpty()) {
                evidence.add(fact);
            }
            return this;
        }

        @Override
        public FindingBuilder expected(String state) {
            expected = state;
            return this;
        }

        @Override
        public FindingBuilder remediation(String text) {
            remediation = text;
            return this;
        }
    }

    private final Map<Rule, RuleMeta> metaByRule;
    private final FactPaths paths;
    private final Map<String, CheckOutcome> byCheck = new HashMap<>();
    private final List<EvaluationError> errors = new ArrayList<>();
    private RuleMeta current;

    OutcomeCollector(Map<Rule, RuleMeta> metaByRule, FactPaths paths) {
        this.metaByRule = metaByRule;
        this.paths = paths;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        current = metaByRule.get(event.getMatch().getRule());
    }

    Map<String, CheckOutcome> byCheck() {
        return byCheck;
    }

    List<EvaluationError> errors() {
        return errors;
    }

    /** Records that a rule failed while running; its check's status becomes ERROR. */
    void error(Rule rule, String message) {
        RuleMeta meta = rule == null ? null : metaByRule.get(rule);
        String checkId = meta == null ? null : meta.checkId();
        EvaluationError e = new EvaluationError(rule == null ? "(unknown rule)" : rule.getName(), checkId, message);
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
    public FindingBuilder fail(String message) {
        RuleMeta m = currentCheckRule("fail");
        if (m.severity() == null) {
            throw new IllegalStateException("rule \"" + m.ruleName() + "\" has @severity(NONE) but called outcome.fail");
        }
        Draft d = new Draft(m, message, paths);
        check(m.checkId()).findings.add(d);
        return d;
    }

    @Override
    public void missing(String path) {
        check(currentCheckRule("missing").checkId()).missing.add(new MissingFact(path, MissingFact.NOT_COLLECTED));
    }

    @Override
    public void missing(Object fact, String field) {
        check(currentCheckRule("missing").checkId()).missing.add(new MissingFact(paths.of(fact, field), MissingFact.NOT_COLLECTED));
    }

    @Override
    public void unknown(Object fact, String field, String reason) {
        check(currentCheckRule("unknown").checkId()).missing.add(new MissingFact(paths.of(fact, field), reason));
    }

    @Override
    public void note(String text) {
        check(currentCheckRule("note").checkId()).notes.add(text);
    }
}
