package dev.preflight.ruletest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.Evaluator;
import dev.preflight.api.RuleProblem;
import dev.preflight.engine.RuleFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the analysts' test cases as data: every case of {@code rules/tests/*.json} and of the
 * sample expectations ({@code src/test/resources/sample-cases}), one JUnit test per case. Adding
 * a case needs no Java.
 */
class RuleCasesTest {

    static final Path RULES = Path.of("rules");
    static final Path SAMPLE_CASES = Path.of("src/test/resources/sample-cases");

    private static Evaluator evaluator;

    @BeforeAll
    static void load() {
        evaluator = Evaluator.builder().rulesDirectory(RULES).build();
    }

    @AfterAll
    static void close() {
        evaluator.close();
    }

    static List<RuleTestCase> ruleCases() {
        RuleFiles files = RuleFiles.fromDirectory(RULES);
        List<RuleProblem> problems = new ArrayList<>();
        List<RuleTestCase> cases = RuleTests.load(files, problems);
        assertEquals(List.of(), problems, "the case files of rules/tests load");
        return cases;
    }

    static List<RuleTestCase> sampleCases() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(SAMPLE_CASES)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".json")).toList()) {
                files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        List<RuleProblem> problems = new ArrayList<>();
        List<RuleTestCase> cases = RuleTests.load(files, (from, path) -> {
            Path p = SAMPLE_CASES.resolve(path).normalize();
            try {
                return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
            } catch (IOException e) {
                return null;
            }
        }, problems);
        assertEquals(List.of(), problems, "the sample cases load");
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> ruleTestCases() {
        return ruleCases().stream().map(c -> DynamicTest.dynamicTest(c.title(), () -> assertPasses(c)));
    }

    @TestFactory
    Stream<DynamicTest> sampleVerdicts() throws IOException {
        return sampleCases().stream().map(c -> DynamicTest.dynamicTest(c.title(), () -> assertPasses(c)));
    }

    private static void assertPasses(RuleTestCase c) {
        CaseResult r = RuleTests.run(evaluator, c);
        assertTrue(r.passed(), () -> c.title() + ":\n  " + String.join("\n  ", r.differences()));
    }

    @Test
    void theShippedRulesHaveFullCoverage() {
        List<CaseResult> results = RuleTests.runAll(evaluator, ruleCases());
        Coverage coverage = RuleTests.coverage(evaluator.catalogue(), results);
        assertEquals(Map.of(), coverage.gaps(), "every check has a passing case for PASS, each severity it raises, and NOT_EVALUATED");
    }

    @Test
    void coverageListsACaseOncePerOutcome() {
        // events.json #4 expects PWB-EVT-001 to FAIL and a WARNING finding: both prove FAIL/WARNING.
        List<CaseResult> results = RuleTests.runAll(evaluator, ruleCases());
        List<String> warnings = RuleTests.coverage(evaluator.catalogue(), results).checks().get("PWB-EVT-001").get("FAIL/WARNING");
        assertTrue(warnings.stream().anyMatch(t -> t.startsWith("tests/events.json #4 ")), warnings::toString);
        assertEquals(warnings.stream().distinct().toList(), warnings);
    }

    @Test
    void everySampleHasAnExpectation() throws IOException {
        List<String> covered = sampleCases().stream().map(RuleTestCase::name).toList();
        try (Stream<Path> s = Files.list(Path.of("samples"))) {
            List<Path> samples = s.filter(p -> p.toString().endsWith(".json")).toList();
            assertFalse(samples.isEmpty());
            for (Path p : samples) {
                String name = p.getFileName().toString();
                assertTrue(covered.stream().anyMatch(n -> n.startsWith(name)), "sample " + name + " has a case in " + SAMPLE_CASES);
            }
        }
    }
}
