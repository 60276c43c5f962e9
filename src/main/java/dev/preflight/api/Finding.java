package dev.preflight.api;

import java.util.List;

/**
 * One thing wrong with the tenant, raised by a check.
 *
 * @param checkId     the check's stable id, such as {@code PWB-AD-002}
 * @param severity    how serious it is
 * @param subject     what it is about (an account, a domain controller, a domain), or {@code null} for the tenant
 * @param subjectPath where the subject is in the input, such as {@code onPremises.forests[0].domains[0].domainControllers[1]}, or {@code null}
 * @param message     what is wrong, in one sentence
 * @param evidence    the facts that caused it
 * @param expected    what would make the check pass
 * @param remediation what to do
 * @param docUrl      the Microsoft documentation page
 * @param key         the message key the texts come from ({@code dc-below-floor}), the same in every
 *                    language: what machines group findings by; {@code null} for a finding built by hand
 * @param arguments   the values the texts are formatted with (names, versions, counts), in order
 */
public record Finding(String checkId, Severity severity, String subject, String subjectPath, String message,
                      List<String> evidence, String expected, String remediation, String docUrl,
                      String key, List<Object> arguments) {

    public Finding {
        evidence = List.copyOf(evidence);
        arguments = arguments == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(arguments));
    }

    /** A finding without a message key (the form before message keys). */
    public Finding(String checkId, Severity severity, String subject, String subjectPath, String message,
                   List<String> evidence, String expected, String remediation, String docUrl) {
        this(checkId, severity, subject, subjectPath, message, evidence, expected, remediation, docUrl, null, List.of());
    }
}
