package dev.preflight.ruletest;

/**
 * One test case: a tenant's facts (as JSON text, after the case's edits) and what to expect.
 *
 * @param file   the case file, relative to the rules directory
 * @param index  the case's position in its file, from 1
 * @param name   the case's name
 * @param facts  the facts to evaluate, as JSON text
 * @param expect what the report must show
 */
public record RuleTestCase(String file, int index, String name, String facts, Expectation expect) {

    /** "tests/network.json #3 idle timeout under 120 s". */
    public String title() {
        return file + " #" + index + " " + name;
    }
}
