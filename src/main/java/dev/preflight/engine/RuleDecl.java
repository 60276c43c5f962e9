package dev.preflight.engine;

import java.util.Map;

/**
 * A rule as written in a DRL file: where it is and what its annotations say.
 *
 * @param file            the DRL file, relative to the rules directory
 * @param packageName     the DRL package
 * @param name            the rule's name
 * @param line            the line of {@code rule "..."}
 * @param endLine         the line of its {@code end}
 * @param annotations     annotation name to value, quotes removed
 * @param consequence     the text after {@code then}
 * @param consequenceLine the line of {@code then}
 * @param reads           the fields of the input its conditions read
 */
record RuleDecl(String file, String packageName, String name, int line, int endLine,
                Map<String, String> annotations, String consequence, int consequenceLine, java.util.List<RuleMeta.Read> reads) {

    /** The key Drools knows the rule by. */
    String key() {
        return packageName + "/" + name;
    }
}
