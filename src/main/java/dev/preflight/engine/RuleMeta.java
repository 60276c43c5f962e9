package dev.preflight.engine;

import dev.preflight.api.Severity;
import java.util.List;

/**
 * A rule's metadata, read from its annotations at load time. What a check is (title, link,
 * remediation, required facts) is declared once in {@code rules/checks.json}, not here.
 *
 * @param ruleName the rule's name
 * @param checkId  {@code @id}, or {@code null} for a rule that defines a term
 * @param severity {@code @severity}: ERROR, WARNING, INFO, or {@code null} for NONE (a rule that raises no finding)
 * @param term     {@code @term}, or {@code null}
 * @param file     the DRL file
 * @param line     the rule's line
 * @param index    the rule's position among all rules, from 0 (for per-rule counters)
 * @param keys     the message keys its consequence names, with the number of arguments passed
 * @param reads    the fields of the input its conditions read ({@link RuleReads})
 */
public record RuleMeta(String ruleName, String checkId, Severity severity, String term, String file, int line, int index,
                       List<KeyUse> keys, List<Read> reads) {

    /**
     * A field of the input a rule's conditions read.
     *
     * @param path   the field's document path, {@code [*]} for list elements ({@code users[*].roles})
     * @param line   the line of the first condition that reads it
     * @param column its column there, or 0
     */
    public record Read(String path, int line, int column) {
    }

    /**
     * A message key named in a consequence: {@code outcome.fail("key", a, b)} passes 2 arguments.
     *
     * @param key       the key
     * @param arguments how many arguments follow it
     * @param line      the line of the call
     * @param column    the column of the key
     * @param note      whether it is a note ({@code outcome.note}) rather than a finding
     */
    public record KeyUse(String key, int arguments, int line, int column, boolean note) {
    }

    public RuleMeta {
        keys = keys == null ? List.of() : List.copyOf(keys);
        reads = reads == null ? List.of() : List.copyOf(reads);
    }

    /** The same metadata at another position. */
    RuleMeta withIndex(int i) {
        return new RuleMeta(ruleName, checkId, severity, term, file, line, i, keys, reads);
    }

    /** Whether the rule belongs to a check (as opposed to defining a term). */
    public boolean belongsToCheck() {
        return checkId != null;
    }
}
