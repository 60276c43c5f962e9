package dev.preflight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.CheckResult;
import dev.preflight.api.Evaluator;
import dev.preflight.api.Report;
import dev.preflight.api.Status;
import dev.preflight.api.Verdict;
import dev.preflight.batch.BatchEvaluator;
import dev.preflight.batch.BatchRecord;
import dev.preflight.batch.BatchResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules that analysts get wrong: the tenant's report says which rule failed; nothing crashes; nothing passes silently. */
class RuleFaultsTest {

    @TempDir
    Path tmp;

    static final String HEADER = """

            rule "%s"
                @id("PWB-NET-004") @severity(%s)
            when
            """;

    /**
     * The rules with one broken rule added to network.drl. The rule picks its tenants by idle timeout,
     * which PWB-NET-004 does not require: the copy's declaration exempts it, as an analyst would.
     */
    private Path rulesWith(String name, String severity, String whenThen) {
        Path dir = RulesDirs.copy(tmp.resolve("rules"));
        RulesDirs.edit(dir.resolve("checks.json"), """
                "onPremises.network.tlsInspection"
                      ]""", """
                "onPremises.network.tlsInspection"
                      ],
                      "exempt": {"onPremises.network.idleTimeoutSeconds": "the fault tests pick their tenants by idle timeout"}""");
        RulesDirs.append(dir.resolve("network.drl"), HEADER.formatted(name, severity) + whenThen + "\nend\n");
        return dir;
    }

    private static String sample(String name, int idleTimeout) throws IOException {
        return Files.readString(Path.of("samples", name)).replace("\"idleTimeoutSeconds\": 300", "\"idleTimeoutSeconds\": " + idleTimeout);
    }

    @Test
    void aThrowingConsequenceFailsItsCheckOnlyAndNamesTheRule() throws IOException {
        Path rules = rulesWith("a rule that throws", "ERROR", """
                    $n : Network(idleTimeoutSeconds == 301)
                then
                    if (true) throw new IllegalStateException("analyst bug");
                    outcome.fail("tls-inspection");""");
        try (Evaluator e = Evaluator.builder().rulesDirectory(rules).build()) {
            Report r = e.evaluateJson(sample("healthy-hybrid.json", 301));
            CheckResult broken = r.check("PWB-NET-004").orElseThrow();
            assertEquals(Status.ERROR, broken.status());
            assertEquals(Verdict.INCOMPLETE, r.verdict(), "a check that could not be judged holds the verdict");
            assertEquals(1, r.errors().size());
            assertEquals("a rule that throws", r.errors().get(0).rule());
            assertEquals("PWB-NET-004", r.errors().get(0).checkId());
            assertTrue(r.errors().get(0).message().contains("IllegalStateException: analyst bug"), r.errors().get(0).message());
            assertEquals(35, r.summary().passed(), "every other check ran to its end");
            assertEquals(Verdict.ELIGIBLE, e.evaluateJson(sample("healthy-hybrid.json", 300)).verdict(), "a tenant not triggering it is unaffected");
            assertEquals(Verdict.NOT_ELIGIBLE, e.evaluateJson(sample("legacy-forest-2008r2.json", 301)).verdict(), "an error elsewhere still decides");
        }
    }

    @Test
    void aRuleThatFiresTooOftenIsStoppedAndNoCheckPassesSilently() throws IOException {
        Path rules = rulesWith("a rule that fires too often", "NONE", """
                    $n : Network(idleTimeoutSeconds == 301)
                    $i : Integer() from java.util.stream.IntStream.range(0, 1000000).boxed().toList()
                then
                    $n.probes();""");
        try (Evaluator e = Evaluator.builder().rulesDirectory(rules).limits(5_000, Duration.ofSeconds(30)).build()) {
            Report r = e.evaluateJson(sample("healthy-hybrid.json", 301));
            assertEquals(Verdict.INCOMPLETE, r.verdict());
            assertTrue(r.errors().stream().anyMatch(x -> x.message().contains("stopped after 5000 rule firings")
                    && x.message().contains("a rule that fires too often")), r.errors().toString());
            assertTrue(r.checks().stream().allMatch(c -> c.status() == Status.ERROR || c.status() == Status.FAIL),
                    "no check passes on an evaluation that was stopped");
            assertEquals(Verdict.ELIGIBLE, e.evaluateJson(sample("healthy-hybrid.json", 300)).verdict(), "the next tenant is unaffected");
        }
    }

    @Test
    void aRuleReinsertingWhatItMatchesFiresOnceInSequentialMode() throws IOException {
        Path rules = rulesWith("a rule that reinserts", "NONE", """
                    $n : Network(idleTimeoutSeconds == 301)
                then
                    insert(new Network(null, 301, null));""");
        try (Evaluator e = Evaluator.builder().rulesDirectory(rules).limits(5_000, Duration.ofSeconds(30)).build()) {
            Report r = e.evaluate(sample("healthy-hybrid.json", 301));
            assertEquals(List.of(), r.errors(), "each rule is evaluated once: what it inserts does not set it off again");
            assertEquals(Verdict.ELIGIBLE, r.verdict());
        }
    }

    @Test
    void aSlowRunawayIsStoppedByTheTimeLimit() throws IOException {
        Path rules = rulesWith("a slow loop", "NONE", """
                    $n : Network(idleTimeoutSeconds == 301)
                    $i : Integer() from java.util.stream.IntStream.range(0, 1000).boxed().toList()
                then
                    try { Thread.sleep(50); } catch (InterruptedException x) { }""");
        try (Evaluator e = Evaluator.builder().rulesDirectory(rules).limits(1_000_000, Duration.ofMillis(1_000)).build()) {
            e.evaluateJson(sample("healthy-hybrid.json", 300)); // warm, so that the limit is spent on the loop
            long t0 = System.nanoTime();
            Report r = e.evaluateJson(sample("healthy-hybrid.json", 301));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 5_000, "stopped promptly: " + ms + " ms");
            assertTrue(r.errors().stream().anyMatch(x -> x.message().contains("time limit") && x.rule().equals("a slow loop")
                    && x.message().contains("the rule that took longest was \"a slow loop\"")), r.errors().toString());
            assertEquals(Verdict.INCOMPLETE, r.verdict());
        }
    }

    @Test
    void fiftyFailuresStopTheEvaluation() throws IOException {
        Path rules = rulesWith("a rule that always throws", "ERROR", """
                    $n : Network(idleTimeoutSeconds == 301)
                    $i : Integer() from java.util.List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                        21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
                        41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60)
                then
                    if (true) throw new IllegalStateException("bug " + $i);
                    outcome.fail("tls-inspection");""");
        try (Evaluator e = Evaluator.builder().rulesDirectory(rules).build()) {
            Report r = e.evaluate(sample("healthy-hybrid.json", 301));
            assertEquals(Verdict.INCOMPLETE, r.verdict());
            assertEquals(51, r.errors().size(), "50 failures and the stop: " + r.errors().size());
            assertTrue(r.errors().get(50).message().startsWith("stopped after 50 rule failures"), r.errors().get(50).message());
            assertEquals(Verdict.ELIGIBLE, e.evaluate(sample("healthy-hybrid.json", 300)).verdict(), "the next tenant is unaffected");
        }
    }

    @Test
    void inABatchOnlyTheTenantsThatTriggerABrokenRuleAreAffected() throws Exception {
        Path rules = rulesWith("a rule that throws", "ERROR", """
                    $n : Network(idleTimeoutSeconds == 301)
                then
                    if (true) throw new IllegalStateException("analyst bug");
                    outcome.fail("tls-inspection");""");
        List<BatchRecord> records = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            records.add(BatchRecord.of("b", i + 1, sample("healthy-hybrid.json", i % 3 == 0 ? 301 : 300).replace("\n", "")));
        }
        List<BatchResult> results = new ArrayList<>();
        try (Evaluator e = Evaluator.builder().rulesDirectory(rules).build()) {
            new BatchEvaluator(e, 2).run(records.iterator(), x -> x, results::add);
        }
        assertEquals(60, results.size());
        for (BatchResult r : results) {
            Report report = ((BatchResult.Evaluated) r).report();
            Verdict expected = r.index() % 3 == 0 ? Verdict.INCOMPLETE : Verdict.ELIGIBLE;
            assertEquals(expected, report.verdict(), r.origin());
            assertEquals(r.index() % 3 == 0 ? 1 : 0, report.errors().size(), r.origin());
        }
    }
}
