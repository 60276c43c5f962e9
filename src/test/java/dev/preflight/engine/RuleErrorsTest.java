package dev.preflight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.RuleProblem;
import dev.preflight.ruletest.RulesCheck;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors point at the mistake, as {@code rules check} reports them: one per file that does not parse, at its line. */
class RuleErrorsTest {

    @TempDir
    Path tmp;

    private static List<RuleProblem> errors(Path dir) {
        return RulesCheck.of(RuleFiles.fromDirectory(dir)).problems().stream().filter(RuleProblem::isError).toList();
    }

    @Test
    void aMissingCommaInTheCatalogueIsOneErrorAtItsLine() {
        Path dir = RulesDirs.copy(tmp);
        Path checks = dir.resolve("checks.json");
        int line = RulesDirs.lineOf(checks, "\"id\": \"PWB-ACC-001\"") + 1;
        RulesDirs.edit(checks, "\"severities\": [\"ERROR\"],\n      \"doc\": \"https://learn.microsoft.com/entra/identity/authentication/tutorial-enable-sspr-writeback\",",
                "\"severities\": [\"ERROR\"]\n      \"doc\": \"https://learn.microsoft.com/entra/identity/authentication/tutorial-enable-sspr-writeback\",");
        List<RuleProblem> errors = errors(dir);
        assertEquals(1, errors.size(), errors::toString);
        RuleProblem p = errors.get(0);
        assertEquals("checks.json", p.file());
        assertEquals(line, p.line(), p::toString);
        assertEquals("      \"severities\": [\"ERROR\"]".length() + 1, p.column(), "just after the value the comma belongs after: " + p);
        assertEquals("\"severities\": [\"ERROR\"]", p.excerpt());
        assertTrue(p.message().contains("a comma is missing"), p.message());
    }

    @Test
    void aMissingSemicolonIsReportedAtTheEndOfItsStatement() {
        Path dir = RulesDirs.copy(tmp);
        RulesDirs.edit(dir.resolve("network.drl"), "outcome.fail(\"tls-inspection\");", "outcome.fail(\"tls-inspection\")");
        List<RuleProblem> errors = errors(dir);
        assertEquals(1, errors.size(), errors::toString);
        RuleProblem p = errors.get(0);
        assertEquals("network.drl", p.file());
        assertEquals(RulesDirs.lineOf(dir.resolve("network.drl"), "outcome.fail(\"tls-inspection\")"), p.line());
        assertEquals("    outcome.fail(\"tls-inspection\")".length() + 1, p.column());
        assertTrue(p.message().contains("a \";\" is missing"), p.message());
    }

    @Test
    void aMisspeltRuleKeywordIsReportedAtItsLineNotInThePreviousRule() {
        Path dir = RulesDirs.copy(tmp);
        RulesDirs.edit(dir.resolve("sspr.drl"), "rule \"PWB-SSPR-003", "rul \"PWB-SSPR-003");
        List<RuleProblem> errors = errors(dir);
        assertEquals(1, errors.size(), errors::toString);
        RuleProblem p = errors.get(0);
        assertEquals(RulesDirs.lineOf(dir.resolve("sspr.drl"), "rul \"PWB-SSPR-003"), p.line());
        assertEquals(1, p.column());
        assertTrue(p.message().contains("did you mean \"rule\""), p.message());
    }

    @Test
    void aMisspeltFieldListsTheFactTypesFields() {
        Path dir = RulesDirs.copy(tmp);
        RulesDirs.edit(dir.resolve("network.drl"), "Network(tlsInspection == true)", "Network(tlsInspektion == true)");
        List<RuleProblem> errors = errors(dir);
        assertEquals(1, errors.size(), errors::toString);
        RuleProblem p = errors.get(0);
        assertEquals(RulesDirs.lineOf(dir.resolve("network.drl"), "tlsInspektion"), p.line());
        assertEquals("    Network(".length() + 1, p.column());
        assertTrue(p.message().startsWith("\"tlsInspektion\" is not a field of Network (did you mean \"tlsInspection\"?)"), p.message());
        assertTrue(p.message().contains("idleTimeoutSeconds, tlsInspection"), p.message());
    }

    @Test
    void errorsAreOrderedByFileThenLine() {
        Path dir = RulesDirs.copy(tmp);
        RulesDirs.edit(dir.resolve("checks.json"), "\"id\": \"PWB-CON-007\",", "\"id\": \"PWB-CON-007\", \"colour\": 1,");
        RulesDirs.edit(dir.resolve("checks.json"), "\"id\": \"PWB-ACC-001\",", "\"id\": \"PWB-ACC-001\", \"colour\": 1,");
        RulesDirs.edit(dir.resolve("active-directory.drl"), "@id(\"PWB-AD-008\") @severity(WARNING)", "@id(\"PWB-AD-008\")");
        List<RuleProblem> errors = errors(dir);
        assertTrue(errors.size() >= 3, errors::toString);
        assertEquals(errors.stream().sorted(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line)).toList(), errors);
    }
}
