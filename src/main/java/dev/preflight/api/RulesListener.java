package dev.preflight.api;

import java.util.List;

/**
 * Hears about rule reloads of an {@link Evaluator} that watches its rules directory. Called on the
 * watcher's thread; an exception thrown here is logged and ignored.
 */
public interface RulesListener {

    /**
     * New rules compiled and are now used by every new evaluation.
     *
     * @param rules    the rules now in use
     * @param warnings warnings found while loading them
     */
    default void reloaded(Report.RulesInfo rules, List<RuleProblem> warnings) {
    }

    /**
     * Changed rules did not load; the evaluator keeps using the last rules that did.
     *
     * @param error    why, with every problem found (file and line)
     * @param stillUsing the rules still in use
     */
    default void reloadFailed(InvalidRulesException error, Report.RulesInfo stillUsing) {
    }

    /**
     * The rules in use are good again after a failed reload: the files were put back to the rules
     * the evaluator kept using, so nothing is reloaded, but the failure no longer stands. An alarm
     * raised by {@link #reloadFailed} clears here (or on {@link #reloaded}).
     *
     * @param rules the rules in use, which the files now hold again
     */
    default void recovered(Report.RulesInfo rules) {
    }
}
