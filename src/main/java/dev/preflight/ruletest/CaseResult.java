package dev.preflight.ruletest;

import dev.preflight.api.Report;
import java.util.List;

/**
 * The outcome of one test case.
 *
 * @param testCase    the case
 * @param differences what did not match, one line each ("PWB-NET-003: expected FAIL/ERROR, got PASS"); empty when it passed
 * @param report      the report, or {@code null} when the input was rejected
 */
public record CaseResult(RuleTestCase testCase, List<String> differences, Report report) {

    public CaseResult {
        differences = List.copyOf(differences);
    }

    /** Whether every expectation held. */
    public boolean passed() {
        return differences.isEmpty();
    }
}
