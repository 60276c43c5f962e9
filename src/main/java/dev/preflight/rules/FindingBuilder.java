package dev.preflight.rules;

/**
 * Completes a finding reported through {@link Outcome#fail(String, Object...)}. Its texts (message,
 * evidence, expected state, remediation) come from the message file, by the finding's key.
 */
public interface FindingBuilder {

    /**
     * Names the fact the finding is about (an account, a domain controller, a domain, a probe,
     * an event): its readable name becomes the finding's subject and its input path the subject path.
     */
    FindingBuilder about(Object fact);

    /** Names the subject, for findings about something that is not a single fact (a connector, an event id). */
    FindingBuilder subject(String name);
}
