package dev.preflight.ruletest;

import dev.preflight.api.Severity;
import dev.preflight.api.Verdict;
import java.util.List;
import java.util.Map;

/**
 * What a test case expects. Every part is optional; what is given must hold exactly.
 *
 * @param verdict        the verdict
 * @param checks         check id to outcome: PASS, FAIL, FAIL/ERROR, FAIL/WARNING, FAIL/INFO, NOT_EVALUATED, ERROR
 * @param findings       check id to its findings (count and, where given, severity, subject, message text)
 * @param missing        check id to the paths of its missing facts
 * @param notes          check id to texts its notes contain (one note per text)
 * @param failing        the ids of every failing check
 * @param notEvaluated   the ids of every check not evaluated
 * @param otherChecks    the outcome of every check not named in {@code checks}
 * @param invalid        the input is expected to be rejected, with an error at this field path ("" for the document)
 * @param invalidMessage text the input error's message contains
 */
public record Expectation(Verdict verdict, Map<String, String> checks, Map<String, List<ExpectedFinding>> findings,
                          Map<String, List<String>> missing, Map<String, List<String>> notes, List<String> failing, List<String> notEvaluated,
                          String otherChecks, String invalid, String invalidMessage) {

    /**
     * An expected finding.
     *
     * @param severity        its severity, or {@code null} for any
     * @param subject         its subject, or {@code null} for any
     * @param messageContains text its message contains, or {@code null}
     * @param remediationContains text its remediation contains, or {@code null}
     */
    public record ExpectedFinding(Severity severity, String subject, String messageContains, String remediationContains) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(severity == null ? "any severity" : severity.name());
            if (subject != null) {
                sb.append(" about ").append(subject);
            }
            if (messageContains != null) {
                sb.append(" saying \"").append(messageContains).append('"');
            }
            if (remediationContains != null) {
                sb.append(" advising \"").append(remediationContains).append('"');
            }
            return sb.toString();
        }
    }
}
