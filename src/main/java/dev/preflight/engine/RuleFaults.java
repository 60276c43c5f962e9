package dev.preflight.engine;

import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.runtime.KieRuntime;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.runtime.rule.ConsequenceExceptionHandler;
import org.kie.api.runtime.rule.Match;
import org.kie.api.runtime.rule.RuleRuntime;

/**
 * Contains a rule whose consequence throws: the failure is recorded against the rule's check in
 * the tenant's evaluation and the other rules still fire, in the same firing. After
 * {@link #MAX_RULE_ERRORS} failures, or once the evaluation was stopped, the session is halted.
 * Drools creates one per session from the KieBase's configuration ({@link KjarLoader#configuration}),
 * which is why it is public; it keeps no state of its own: the evaluation's {@link OutcomeCollector}
 * is the session's agenda listener.
 */
public final class RuleFaults implements ConsequenceExceptionHandler {

    /** Rule failures after which one tenant's evaluation is stopped. */
    static final int MAX_RULE_ERRORS = 50;

    /** For Drools, which instantiates it by its class name. */
    public RuleFaults() {
    }

    @Override
    public void handleException(Match match, RuleRuntime runtime, Exception exception) {
        KieRuntime session = (KieRuntime) runtime;
        OutcomeCollector collector = null;
        for (AgendaEventListener l : session.getAgendaEventListeners()) {
            if (l instanceof OutcomeCollector c) {
                collector = c;
            }
        }
        if (collector == null) {
            // Not one of our evaluations: what Drools does by default.
            throw new ConsequenceException(exception, runtime, match);
        }
        Throwable cause = exception instanceof ConsequenceException && exception.getCause() != null ? exception.getCause() : exception;
        collector.error(match == null ? null : match.getRule(), cause);
        if (collector.ruleFailures() >= MAX_RULE_ERRORS) {
            collector.stopAtFailures(collector.ruleFailures());
        }
        if (collector.stopped() != null) {
            session.halt();
        }
    }
}
