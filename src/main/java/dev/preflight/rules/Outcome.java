package dev.preflight.rules;

/**
 * The {@code outcome} global: how a rule consequence reports what it found.
 *
 * <p>A rule never names its own check or severity here: the check is declared once in
 * {@code rules/checks.json}, the rule carries its {@code @id} and {@code @severity}. Nor does it
 * write sentences: it names a message key and passes the values the texts need; the texts are in
 * {@code rules/messages.properties} (and one file per further language). Facts a check needs are
 * declared as its requirements, not reported by rules.
 *
 * <pre>
 * then
 *     outcome.fail("idle-timeout-too-short", $n.idleTimeoutSeconds());
 * </pre>
 */
public interface Outcome {

    /**
     * Reports a finding with the rule's severity. Only rules whose {@code @severity} is ERROR,
     * WARNING or INFO may call it.
     *
     * @param key       the message key: its text is the finding's message; {@code key.evidence},
     *                  {@code key.evidence.2}, {@code key.expected} and {@code key.remediation} complete it
     * @param arguments the values of the texts' placeholders, {@code {0}} first; a fact (a user, a
     *                  domain controller, ...) stands for its name
     * @return a builder to name the finding's subject
     */
    FindingBuilder fail(String key, Object... arguments);

    /**
     * Adds a note to a check without failing it, for a pass that needs saying (for example that
     * Microsoft documents no such endpoint in the tenant's cloud).
     *
     * @param key       the message key of the note's text
     * @param arguments the values of its placeholders
     */
    void note(String key, Object... arguments);
}
