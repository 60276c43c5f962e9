package dev.preflight.ruletest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.RuleProblem;
import dev.preflight.engine.RuleFiles;
import dev.preflight.engine.RulesDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A define of {@code checks.json} and the same-named function of {@code terms.drl} say one
 * condition twice: {@code rules check} evaluates both on the facts of the rule tests' tenants (and
 * each with a field absent) and reports the first fact they differ on, naming both places.
 */
class DefineAgreementTest {

    @TempDir
    Path tmp;

    private static List<RuleProblem> disagreements(Path rules, Path cache) {
        return RulesCheck.of(RuleFiles.fromDirectory(rules), cache).problems().stream()
                .filter(p -> p.isError() && p.message().contains(" disagree on ")).toList();
    }

    @Test
    void aFunctionEditedAwayFromItsDefineIsAnErrorNamingBoth() throws IOException {
        Path rules = RulesDirs.copy(tmp.resolve("rules"));
        // The analyst forgets that a SKU whose status was not collected may give the license.
        RulesDirs.edit(rules.resolve("terms.drl"), "return sku.usable() || sku.capabilityStatus() == null;", "return sku.usable();");
        List<RuleProblem> found = disagreements(rules, null);
        assertEquals(1, found.size(), found::toString);
        RuleProblem p = found.get(0);
        assertEquals("checks.json", p.file());
        assertEquals(lineOf(rules.resolve("checks.json"), "\"usableOrUnknown\":"), p.line(), p::toString);
        int function = lineOf(rules.resolve("terms.drl"), "function boolean usableOrUnknown");
        assertTrue(p.message().startsWith("define \"usableOrUnknown\" (checks.json:" + p.line() + ") and function usableOrUnknown (terms.drl:" + function + ")"), p::toString);
        assertTrue(p.message().contains("without capabilityStatus of tests/") && p.message().contains("the define is true, the function false"), p::toString);
    }

    @Test
    void aDefineEditedAwayFromItsFunctionIsAnErrorAndTheShippedPairsAgree() throws IOException {
        Path shipped = RulesDirs.copy(tmp.resolve("shipped"));
        Path cache = tmp.resolve("cache");
        assertEquals(List.of(), disagreements(shipped, cache), "the shipped defines and functions agree");
        assertTrue(Files.list(cache).anyMatch(f -> f.getFileName().toString().endsWith(".agreed")), "an agreement found is kept with the compiled rules");

        Path rules = RulesDirs.copy(tmp.resolve("rules"));
        // The same fields, another condition: the requirements' coverage of the fields cannot see it.
        RulesDirs.edit(rules.resolve("checks.json"), "\"usable || capabilityStatus == null\"", "\"usable || capabilityStatus != null\"");
        List<RuleProblem> found = disagreements(rules, cache);
        assertEquals(1, found.size(), found::toString);
        assertTrue(found.get(0).message().startsWith("define \"usableOrUnknown\" (checks.json:") && found.get(0).message().contains("and function usableOrUnknown (terms.drl:")
                && found.get(0).message().contains("subscribedSkus["), found.get(0)::toString);
    }

    private static int lineOf(Path file, String needle) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in " + file);
    }
}
