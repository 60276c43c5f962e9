package dev.preflight.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.facts.TenantFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static Evaluator evaluator;

    @BeforeAll
    static void build() {
        evaluator = Evaluator.builder().rulesDirectory(Path.of("rules")).build();
    }

    @AfterAll
    static void close() {
        evaluator.close();
    }

    static List<Path> samples() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("samples"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void theBuiltInRulesAreTheShippedRules() {
        try (Evaluator builtIn = Evaluator.builder().build()) {
            assertEquals("built-in", builtIn.rules().source());
            assertEquals(evaluator.rules().hash(), builtIn.rules().hash(), "the jar carries rules/ as it is");
            assertEquals(evaluator.catalogue(), builtIn.catalogue());
        }
    }

    @Test
    void rulesGivenAsTextsEvaluateAsTheDirectoryTheyWereReadFrom() throws IOException {
        java.util.Map<String, String> texts = new java.util.HashMap<>();
        try (Stream<Path> files = Files.walk(Path.of("rules"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String rel = Path.of("rules").relativize(p).toString().replace('\\', '/');
                if (Evaluator.Builder.isRulesFile(rel)) {
                    texts.put(rel, Files.readString(p));
                }
            }
        }
        try (Evaluator shipped = Evaluator.builder().rules("abfss://rules@fleet/preflight", texts).build()) {
            assertEquals("abfss://rules@fleet/preflight", shipped.rules().source());
            assertEquals(evaluator.rules().hash(), shipped.rules().hash());
            String json = Files.readString(Path.of("samples/blocked-service-bus.json"));
            assertEquals(evaluator.evaluateJson(json).toJson().replace(evaluator.rules().source(), "abfss://rules@fleet/preflight"),
                    shipped.evaluateJson(json).toJson());
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Evaluator.builder().rules("x", texts).rulesDirectory(Path.of("rules")).build());
        assertTrue(texts.containsKey("checks.json") && texts.containsKey("messages.properties"), texts.keySet().toString());
        assertTrue(texts.keySet().stream().noneMatch(f -> f.startsWith("tests/")), "test cases are not rules");
    }

    @Test
    void evaluatesTheSameFactsGivenAsObjectsJsonTextOrStream() throws IOException {
        Path sample = Path.of("samples/blocked-service-bus.json");
        String json = Files.readString(sample);
        TenantFacts facts = FactsReader.read(json);
        String fromObjects = evaluator.evaluate(facts).toJson();
        assertEquals(fromObjects, evaluator.evaluateJson(json).toJson());
        try (var in = Files.newInputStream(sample)) {
            assertEquals(fromObjects, evaluator.evaluate(in).toJson());
        }
        assertEquals(fromObjects, evaluator.evaluate(sample).toJson());
    }

    @Test
    void severalThreadsGetIdenticalResults() throws Exception {
        List<Path> samples = samples();
        List<String> expected = new ArrayList<>();
        for (Path p : samples) {
            expected.add(evaluator.evaluate(p).toJson());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final int offset = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        int k = (i + offset) % samples.size();
                        if (!evaluator.evaluate(samples.get(k)).toJson().equals(expected.get(k))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : futures) {
                assertTrue(f.get(), "a thread saw a different report");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void timeDependentChecksJudgeAsOfCollectedAtNotTheClock() throws IOException {
        String json = Files.readString(Path.of("samples/healthy-hybrid.json"));
        Clock farFuture = Clock.fixed(Instant.parse("2031-01-01T00:00:00Z"), ZoneOffset.UTC);
        try (Evaluator later = Evaluator.builder().rulesDirectory(Path.of("rules")).clock(farFuture).build()) {
            Report r = later.evaluateJson(json);
            assertEquals(Verdict.ELIGIBLE, r.verdict(), "2.5.79.0 is current as of the facts' collectedAt");
            assertEquals(Instant.parse("2026-11-20T10:00:00Z"), r.referenceTime());
            assertEquals("collectedAt", r.referenceTimeSource());
        }
    }

    @Test
    void withoutCollectedAtTheInjectedClockDecidesAndTheReportSaysSo() throws IOException {
        String json = Files.readString(Path.of("samples/outdated-connect.json"))
                .replace("\"collectedAt\": \"2026-11-20T10:00:00Z\",", "");
        // 2.3.20.0 is supported until 2025-04-30: fine in March 2025, retired after.
        Clock march2025 = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);
        try (Evaluator then = Evaluator.builder().rulesDirectory(Path.of("rules")).clock(march2025).build()) {
            Report r = then.evaluateJson(json);
            assertEquals("clock", r.referenceTimeSource());
            assertEquals(Instant.parse("2025-03-01T12:00:00Z"), r.referenceTime());
            assertEquals("FAIL/WARNING", r.check("PWB-CON-002").orElseThrow().outcome(), "a newer build exists, but 2.3.20.0 is still supported");
        }
        Report now = evaluator.evaluateJson(json);
        assertEquals("FAIL/ERROR", now.check("PWB-CON-002").orElseThrow().outcome());
    }

    @Test
    void everyCatalogueCheckAppearsExactlyOnceInEveryReport() throws IOException {
        List<String> ids = evaluator.catalogue().stream().map(CheckInfo::id).toList();
        assertEquals(36, ids.size());
        assertEquals(ids.size(), ids.stream().distinct().count());
        for (Path p : samples()) {
            assertEquals(ids, evaluator.evaluate(p).checks().stream().map(CheckResult::id).toList(), p.toString());
        }
    }

    @Test
    void theVerdictFollowsTheCatalogueDefinition() throws IOException {
        for (Path p : samples()) {
            Report r = evaluator.evaluate(p);
            boolean anyError = r.checks().stream().anyMatch(c -> c.severity() == Severity.ERROR);
            boolean blockingGap = r.checks().stream().anyMatch(c -> c.status() == Status.NOT_EVALUATED
                    && evaluator.catalogue().stream().filter(i -> i.id().equals(c.id())).findFirst().orElseThrow().canBlock());
            Verdict expected = anyError ? Verdict.NOT_ELIGIBLE : blockingGap ? Verdict.INCOMPLETE : Verdict.ELIGIBLE;
            assertEquals(expected, r.verdict(), p.toString());
        }
    }
}
