package dev.preflight.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.batch.BatchEvaluator;
import dev.preflight.batch.BatchInputs;
import dev.preflight.batch.BatchResult;
import dev.preflight.generate.TenantGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a customer's export may hold, on purpose or not: each is a clean input error naming where,
 * through the API, {@code evaluate} and {@code batch} (that record only), never a stack overflow,
 * an out-of-memory or a hang. docs/safety.md's table of hostile inputs lists these.
 */
class HostileInputTest {

    static Evaluator evaluator;

    @TempDir
    Path tmp;

    @BeforeAll
    static void build() {
        evaluator = Evaluator.builder().rulesDirectory(Path.of("rules")).build();
    }

    @AfterAll
    static void close() {
        evaluator.close();
    }

    /** A stream of {@code prefix}, then {@code count} copies of {@code fill}, then {@code suffix}, made as it is read. */
    static InputStream streamed(String prefix, byte fill, long count, String suffix) {
        InputStream body = new InputStream() {
            long left = count;

            @Override
            public int read() {
                if (left == 0) {
                    return -1;
                }
                left--;
                return fill;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, fill);
                left -= n;
                return n;
            }
        };
        return new SequenceInputStream(new SequenceInputStream(new java.io.ByteArrayInputStream(prefix.getBytes(StandardCharsets.UTF_8)), body),
                new java.io.ByteArrayInputStream(suffix.getBytes(StandardCharsets.UTF_8)));
    }

    record Hostile(String name, Supplier<InputStream> input, String path, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> hostile() {
        int deep = 100_000;
        return Stream.of(
                new Hostile("100,000-deep nested array at the root", () -> streamed("", (byte) '[', deep, "]".repeat(deep)), "", "expected a JSON object holding one tenant's facts, found an array"),
                new Hostile("100,000-deep nested object", () -> streamed("", (byte) ' ', 0, "{\"a\":".repeat(deep) + "1" + "}".repeat(deep)), "", "exceeds an input limit: nested deeper than 64 levels"),
                new Hostile("100,000-deep nested array in an unknown field", () -> streamed("{\"x\": ", (byte) '[', deep, "]".repeat(deep) + "}"), "", "exceeds an input limit"),
                new Hostile("50 MB string", () -> streamed("{\"tenant\": {\"displayName\": \"", (byte) 'A', 50L << 20, "\"}}"), "tenant.displayName", "exceeds an input limit: a value longer than 1,000,000 characters"),
                new Hostile("billion-digit number", () -> streamed("{\"tenant\": {\"cloudOnlyUserCount\": ", (byte) '7', 1_000_000_000L, "}}"), "tenant", "exceeds an input limit: a value longer than 1,000,000 characters"),
                new Hostile("200-digit number", () -> streamed("{\"tenant\": {\"cloudOnlyUserCount\": ", (byte) '7', 200, "}}"), "tenant", "exceeds an input limit: a number longer than 100 characters"),
                new Hostile("17 MiB document of many small values", () -> streamed("{\"x\": [", (byte) ' ', 17L << 20, "]}"), "", "exceeds an input limit: a document larger than 16 MiB"),
                new Hostile("invalid UTF-8", () -> new java.io.ByteArrayInputStream(new byte[] {'{', '"', 't', 'e', 'n', 'a', 'n', 't', '"', ':', '"', (byte) 0xC3, '"', '}'}), "tenant", "not valid UTF-8"),
                new Hostile("duplicate key", () -> streamed("{\"tenant\": {}, \"tenant\": {}}", (byte) ' ', 0, ""), "", "duplicate field"),
                new Hostile("trailing garbage", () -> streamed("{\"tenant\": {}} rm -rf /", (byte) ' ', 0, ""), "", "malformed JSON"),
                new Hostile("a second document after the first", () -> streamed("{\"tenant\": {}} {\"tenant\": {}}", (byte) ' ', 0, ""), "", "unexpected text after the end"),
                new Hostile("a lone byte-order mark", () -> new java.io.ByteArrayInputStream(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}), "", "the input is empty")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "API: {0}")
    @MethodSource("hostile")
    void theApiRejectsItCleanly(Hostile h) {
        InvalidFactsException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(InvalidFactsException.class, () -> evaluator.evaluate(h.input().get())));
        assertTrue(e.problem().contains(h.problem()), h + ": " + e.getMessage());
        assertTrue(e.path().equals(h.path()) || e.path().startsWith(h.path()), h + ": path " + e.path());
    }

    @ParameterizedTest(name = "evaluate: {0}")
    @MethodSource("hostile")
    void evaluateExitsThree(Hostile h) throws IOException {
        Path file = tmp.resolve("hostile.json");
        try (InputStream in = h.input().get()) {
            Files.copy(in, file);
        }
        dev.preflight.cli.ConsoleRun r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> dev.preflight.cli.ConsoleRun.run("evaluate", "--rules", "rules", file.toString()));
        assertEquals(3, r.exitCode(), h + ": " + r.err());
        assertTrue(r.err().startsWith("preflight: invalid input: " + file), r.err());
        assertTrue(r.err().contains(h.problem()), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace");
    }

    @ParameterizedTest(name = "batch: {0}")
    @MethodSource("hostile")
    void inABatchOnlyThatRecordIsInvalid(Hostile h) throws Exception {
        ByteArrayOutputStream around = new ByteArrayOutputStream();
        String good = new TenantGenerator(1).line(0) + "\n";
        List<InputStream> parts = new ArrayList<>();
        parts.add(new java.io.ByteArrayInputStream(good.getBytes(StandardCharsets.UTF_8)));
        parts.add(h.input().get());
        parts.add(new java.io.ByteArrayInputStream(("\n" + good).getBytes(StandardCharsets.UTF_8)));
        InputStream all = new SequenceInputStream(java.util.Collections.enumeration(parts));
        List<BatchResult> results = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> new BatchEvaluator(evaluator, 2).run(BatchInputs.jsonLines(all, "hostile.jsonl"), r -> r, results::add));
        assertEquals(3, results.size(), h.toString());
        assertInstanceOf(BatchResult.Evaluated.class, results.get(0));
        if (!h.name().contains("byte-order mark")) {
            assertInstanceOf(BatchResult.Invalid.class, results.get(1), h.toString());
        }
        assertInstanceOf(BatchResult.Evaluated.class, results.get(2));
        assertEquals("hostile.jsonl:3", results.get(2).origin());
        around.close();
    }
}
