package dev.preflight.rules;

/**
 * The {@code outcome} global: how a rule consequence reports what it found.
 *
 * <p>A rule never names its own check id or severity here: both come from the rule's
 * annotations ({@code @id}, {@code @severity}), so they are declared once, where the rule lives.
 *
 * <pre>
 * then
 *     outcome.fail("TLS 1.2 is disabled on the Connect server")
 *            .evidence("onPremises.connect.tls12Enabled is false")
 *            .expected("tls12Enabled: true");
 * </pre>
 */
public interface Outcome {

    /**
     * Reports a finding with the rule's severity. Only rules whose {@code @severity} is ERROR,
     * WARNING or INFO may call it.
     *
     * @param message what is wrong, in one sentence
     * @return a builder to add the subject, evidence, expectation and remediation
     */
    FindingBuilder fail(String message);

    /**
     * Reports that a fact the check needs was not collected: the check becomes NOT_EVALUATED
     * unless another rule of it fails.
     *
     * @param path the field's path in the input, such as {@code onPremises.network.idleTimeoutSeconds}
     */
    void missing(String path);

    /**
     * Reports a missing field of one of the inserted facts; the path is completed from where the
     * fact sits in the input (for example {@code onPremises.forests[0].domains[1].minPasswordAgeDays}).
     *
     * @param fact  a fact of the session (a user, a domain controller, ...)
     * @param field the field of that fact that is absent
     */
    void missing(Object fact, String field);

    /**
     * Reports a field that is present but that the check cannot judge (an operating system the
     * tables do not know, a host no probe tested): the check becomes NOT_EVALUATED, naming why.
     *
     * @param fact   a fact of the session, or {@code null} for a path from the input's root
     * @param field  the field's path below the fact (or from the root)
     * @param reason why it cannot be judged, such as {@code unrecognised value "Windows Server vNext"}
     */
    void unknown(Object fact, String field, String reason);

    /**
     * Adds a note to a check without failing it, for a pass that needs saying (for example that
     * Microsoft documents no such endpoint in the tenant's cloud).
     *
     * @param text the note
     */
    void note(String text);
}
