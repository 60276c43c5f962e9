package dev.preflight.ruletest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.Evaluator;
import dev.preflight.api.RuleProblem;
import dev.preflight.engine.RuleFiles;
import dev.preflight.engine.RulesDirs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Test cases that cannot lie: edits that go nowhere are errors at their line and column; a table update breaks no case. */
class RuleTestFilesTest {

    @TempDir
    Path tmp;

    private static List<RuleProblem> loadProblems(Path dir) {
        List<RuleProblem> problems = new ArrayList<>();
        RuleTests.load(RuleFiles.fromDirectory(dir), problems);
        return problems;
    }

    @Test
    void aTypoInASetPathIsAnErrorAtItsLineAndColumn() {
        Path dir = RulesDirs.copy(tmp);
        Path file = dir.resolve("tests/connect.json");
        RulesDirs.edit(file, "\"onPremises.connect.stagingMode\": true", "\"onPremises.connect.stagingMod\": true");
        List<RuleProblem> problems = loadProblems(dir);
        assertEquals(1, problems.size(), problems::toString);
        RuleProblem p = problems.get(0);
        assertEquals("tests/connect.json", p.file());
        assertEquals(RulesDirs.lineOf(file, "onPremises.connect.stagingMod\""), p.line());
        assertEquals("        \"".length(), p.column(), p::toString);
        assertTrue(p.message().contains("\"stagingMod\" is not a field of the facts at onPremises.connect"), p.message());
        assertTrue(p.message().contains("stagingMode"), "lists the fields there: " + p.message());
    }

    @Test
    void aPathWithoutItsTopLevelObjectIsRefusedWithTheFullPathToWrite() {
        Path dir = RulesDirs.copy(tmp);
        Path file = dir.resolve("tests/active-directory.json");
        String full = "onPremises.forests[0].domains[0].domainControllers[1].operatingSystem";
        RulesDirs.edit(file, "\"" + full + "\"", "\"" + full.substring("onPremises.".length()) + "\"");
        RuleProblem p = loadProblems(dir).get(0);
        assertEquals(RulesDirs.lineOf(file, "\"forests[0].domains[0].domainControllers[1].operatingSystem\""), p.line());
        assertTrue(p.message().contains("\"forests\" is not a field of the facts; paths start at the document's root: write " + full), p.message());
    }

    @Test
    void aTypoInARemovePathAndAnUnknownCaseKeyHaveTheirLines() {
        Path dir = RulesDirs.copy(tmp);
        Path file = dir.resolve("tests/connect.json");
        RulesDirs.edit(file, "\"remove\": [\"onPremises.connect.installed\"]", "\"remove\": [\"onPremises.connect.instaled\"]");
        RulesDirs.edit(file, "\"set\": { \"onPremises.connect.installed\": false },", "\"sett\": { \"onPremises.connect.installed\": false },");
        List<RuleProblem> problems = loadProblems(dir);
        assertTrue(problems.size() >= 2, problems::toString);
        assertTrue(problems.stream().allMatch(p -> p.file().equals("tests/connect.json") && p.line() > 0 && p.column() > 0), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.line() == RulesDirs.lineOf(file, "onPremises.connect.instaled") && p.message().contains("instaled")));
        assertTrue(problems.stream().anyMatch(p -> p.line() == RulesDirs.lineOf(file, "\"sett\"") && p.message().contains("unknown key \"sett\"")));
    }

    @Test
    void aTestFileThatDoesNotParseIsOneErrorAtItsLine() {
        Path dir = RulesDirs.copy(tmp);
        Path file = dir.resolve("tests/sspr.json");
        RulesDirs.edit(file, "\"cases\": [", "\"cases\": [ ,");
        List<RuleProblem> problems = loadProblems(dir);
        assertEquals(1, problems.size(), problems::toString);
        assertEquals(RulesDirs.lineOf(file, "\"cases\": [ ,"), problems.get(0).line());
        assertTrue(problems.get(0).message().startsWith("syntax error: "), problems.get(0).message());
    }

    @Test
    void currentIsOnlyForTheConnectVersion() {
        Path dir = RulesDirs.copy(tmp);
        RulesDirs.edit(dir.resolve("tests/tenants/healthy.json"), "\"forestMode\": \"", "\"forestMode\": \"@current\", \"x\": \"");
        List<RuleProblem> problems = loadProblems(dir);
        assertTrue(!problems.isEmpty() && problems.stream().allMatch(p -> p.message().contains("only onPremises.connect.version can be \"@current\"")
                && p.line() > 0), problems::toString);
    }

    @Test
    void aNewerConnectBuildInTheTableBreaksNoCase() {
        Path dir = RulesDirs.copy(tmp);
        // What an analyst does when Microsoft ships a build: one row; no test data changes.
        RulesDirs.append(dir.resolve("tables/connect-versions.csv"), "2.5.90.0,,,,,\n");
        RuleFiles files = RuleFiles.fromDirectory(dir);
        List<RuleProblem> problems = new ArrayList<>();
        List<RuleTestCase> cases = RuleTests.load(files, problems);
        assertEquals(List.of(), problems);
        try (Evaluator e = Evaluator.builder().rulesDirectory(dir).build()) {
            List<CaseResult> failed = RuleTests.runAll(e, cases).stream().filter(r -> !r.passed()).toList();
            assertEquals(List.of(), failed.stream().map(r -> r.testCase().title() + ": " + r.differences()).toList());
            // And the base tenants did move to the new build: the healthy tenant runs it.
            assertTrue(cases.stream().anyMatch(c -> c.facts().contains("\"2.5.90.0\"")), "the base tenants run the newest build");
        }
        assertTrue(cases.size() > 200);
    }
}
