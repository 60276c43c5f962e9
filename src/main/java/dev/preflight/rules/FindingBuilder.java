package dev.preflight.rules;

/** Completes a finding reported through {@link Outcome#fail(String)}. */
public interface FindingBuilder {

    /**
     * Names the fact the finding is about (an account, a domain controller, a domain, a probe,
     * an event): its readable name becomes the finding's subject and its input path the subject path.
     */
    FindingBuilder about(Object fact);

    /** Names the subject in words, for findings about something that is not a single fact. */
    FindingBuilder subject(String name);

    /** Adds a fact that caused the finding, as a sentence: "dc2 runs Windows Server 2008 R2 Standard". */
    FindingBuilder evidence(String fact);

    /** Says what would make the check pass: "Windows Server 2016 or later". */
    FindingBuilder expected(String state);

    /** Replaces the rule's {@code @remediation} for this finding. */
    FindingBuilder remediation(String text);
}
