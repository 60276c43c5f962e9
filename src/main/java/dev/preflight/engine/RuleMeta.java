package dev.preflight.engine;

import dev.preflight.api.Severity;

/**
 * A rule's metadata, read from its annotations at load time.
 *
 * @param ruleName    the rule's name
 * @param checkId     {@code @id}, or {@code null} for a rule that defines a term
 * @param title       {@code @title}
 * @param severity    {@code @severity}: ERROR, WARNING, INFO, or {@code null} for NONE (a rule that raises no finding)
 * @param docUrl      {@code @doc}
 * @param remediation {@code @remediation}, or {@code null}
 * @param term        {@code @term}, or {@code null}
 * @param file        the DRL file
 * @param line        the rule's line
 * @param index       the rule's position among all rules, from 0 (for per-rule counters)
 */
public record RuleMeta(String ruleName, String checkId, String title, Severity severity, String docUrl,
                       String remediation, String term, String file, int line, int index) {

    /** The same metadata at another position. */
    RuleMeta withIndex(int i) {
        return new RuleMeta(ruleName, checkId, title, severity, docUrl, remediation, term, file, line, i);
    }

    /** Whether the rule belongs to a check (as opposed to defining a term). */
    public boolean belongsToCheck() {
        return checkId != null;
    }
}
