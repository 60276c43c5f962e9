package dev.preflight.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.Evaluator;
import dev.preflight.generate.TenantGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BatchEvaluatorTest {

    static Evaluator evaluator;

    @BeforeAll
    static void build() {
        evaluator = Evaluator.builder().rulesDirectory(Path.of("rules")).build();
    }

    @AfterAll
    static void close() {
        evaluator.close();
    }

    /** A JSON Lines text: generated tenants with invalid lines and a blank line mixed in. */
    static String mixed(int count, int invalidEvery) {
        TenantGenerator g = new TenantGenerator(11);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i % invalidEvery == invalidEvery - 1) {
                sb.append(i % 2 == 0 ? "{\"tenant\": {\"tenantId\": \"bad-" + i + "\", \"cloud\": 7}}" : "{not json").append('\n');
            } else {
                sb.append(g.line(i)).append('\n');
            }
            if (i == 3) {
                sb.append("   \n");
            }
        }
        return sb.toString();
    }

    @Test
    void everyRecordGivesExactlyOneResultInInputOrder() throws Exception {
        String input = mixed(500, 7);
        List<BatchResult> results = new ArrayList<>();
        BatchSummary summary = new BatchEvaluator(evaluator, 3, 16)
                .run(BatchInputs.jsonLines(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "in.jsonl"), r -> r, results::add);
        assertEquals(500, results.size());
        assertEquals(500, summary.records());
        for (int i = 0; i < results.size(); i++) {
            assertEquals(i, results.get(i).index(), "in input order");
        }
        long invalid = results.stream().filter(r -> r instanceof BatchResult.Invalid).count();
        assertEquals(71, invalid);
        assertEquals(71, summary.invalid());
        assertEquals(429, summary.evaluated());
        assertEquals(429, summary.verdicts().values().stream().mapToLong(Long::longValue).sum());
        // the blank line after record 4 (line 4) is skipped, so record 5 is on line 6
        assertEquals("in.jsonl:6", results.get(4).origin());
    }

    @Test
    void anInvalidRecordNamesItsFileLineColumnAndFieldAndKeepsItsTenantId() throws Exception {
        String input = new TenantGenerator(1).line(0) + "\n{\"tenant\": {\"tenantId\": \"t-2\", \"cloud\": 7}}\n";
        List<BatchResult> results = new ArrayList<>();
        new BatchEvaluator(evaluator, 1).run(BatchInputs.jsonLines(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "f.jsonl"), r -> r, results::add);
        BatchResult.Invalid bad = assertInstanceOf(BatchResult.Invalid.class, results.get(1));
        assertEquals("f.jsonl:2", bad.origin());
        assertEquals("tenant.cloud", bad.error().path());
        assertEquals(2, bad.error().line());
        assertEquals(41, bad.error().column());
        assertEquals("t-2", bad.tenantId());
        assertTrue(bad.error().getMessage().startsWith("f.jsonl:2:41: tenant.cloud: "), bad.error().getMessage());
    }

    @Test
    void generatedTenantsGetTheVerdictTheyWereBuiltFor() throws Exception {
        TenantGenerator g = new TenantGenerator(2026);
        List<BatchRecord> records = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            records.add(BatchRecord.of("gen", i + 1, g.line(i)));
        }
        List<String> mismatches = new ArrayList<>();
        new BatchEvaluator(evaluator, 2).run(records.iterator(), r -> r, r -> {
            BatchResult.Evaluated e = (BatchResult.Evaluated) r;
            TenantGenerator.Expected x = TenantGenerator.expected(new String(records.get((int) r.index()).json(), StandardCharsets.UTF_8));
            if (!x.verdict().equals(e.report().verdict().name())) {
                mismatches.add(r.origin() + " " + x + " -> " + e.report().verdict() + " " + e.report().failedChecks());
            }
        });
        assertEquals(List.of(), mismatches);
    }

    @Test
    void gzipUtf16AndByteOrderMarksAreRead() throws IOException {
        String two = new TenantGenerator(5).line(0) + "\n" + new TenantGenerator(5).line(1) + "\n";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(two.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(2, BatchInputs.all(BatchInputs.jsonLines(new ByteArrayInputStream(gz.toByteArray()), "x.gz")).size());
        ByteArrayOutputStream utf16 = new ByteArrayOutputStream();
        utf16.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
        utf16.write(two.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_16LE));
        List<BatchRecord> records = BatchInputs.all(BatchInputs.jsonLines(new ByteArrayInputStream(utf16.toByteArray()), "x.jsonl"));
        assertEquals(2, records.size());
        assertEquals(BatchResult.Evaluated.class, new BatchEvaluator(evaluator, 1).evaluate(0, records.get(1)).getClass());
        byte[] bom = ("\uFEFF" + two).getBytes(StandardCharsets.UTF_8);
        assertEquals(BatchResult.Evaluated.class, new BatchEvaluator(evaluator, 1)
                .evaluate(0, BatchInputs.all(BatchInputs.jsonLines(new ByteArrayInputStream(bom), "b.jsonl")).get(0)).getClass());
    }

    @Test
    void anUnreadableInputStopsTheBatchAfterTheRecordsReadAndSaysHowFarItGot() {
        Iterator<BatchRecord> broken = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                if (i == 5) {
                    throw new java.io.UncheckedIOException(new IOException("disk read error"));
                }
                return true;
            }

            @Override
            public BatchRecord next() {
                return BatchRecord.of("x", ++i, new TenantGenerator(1).line(i));
            }
        };
        List<BatchResult> got = new ArrayList<>();
        BatchException e = assertThrows(BatchException.class, () -> new BatchEvaluator(evaluator, 2).run(broken, r -> r, got::add));
        assertEquals(BatchException.Kind.INPUT, e.kind());
        assertTrue(e.getMessage().contains("disk read error"), e.getMessage());
        assertEquals(5, got.size(), "the records read before the failure are not lost");
        assertEquals(got.size(), e.delivered());
    }

    @Test
    void aFailingSinkStopsTheBatch() {
        List<BatchRecord> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            records.add(BatchRecord.of("x", i + 1, new TenantGenerator(3).line(i)));
        }
        AtomicLong written = new AtomicLong();
        BatchException e = assertThrows(BatchException.class, () -> new BatchEvaluator(evaluator, 2).run(records.iterator(), r -> r, r -> {
            if (written.incrementAndGet() == 50) {
                throw new java.io.UncheckedIOException(new IOException("No space left on device"));
            }
        }));
        assertEquals(BatchException.Kind.OUTPUT, e.kind());
        assertEquals(49, e.delivered());
    }

    @Test
    void memoryIsBoundedByTheWindowWhateverTheInputLength() throws Exception {
        int window = 32;
        AtomicLong read = new AtomicLong();
        AtomicLong maxInFlight = new AtomicLong();
        AtomicLong delivered = new AtomicLong();
        TenantGenerator g = new TenantGenerator(9);
        Iterator<BatchRecord> endless = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return read.get() < 3000;
            }

            @Override
            public BatchRecord next() {
                long n = read.incrementAndGet();
                maxInFlight.accumulateAndGet(n - delivered.get(), Math::max);
                return BatchRecord.of("x", n, g.line(n));
            }
        };
        new BatchEvaluator(evaluator, 2, window).run(endless, r -> r, r -> delivered.incrementAndGet());
        assertEquals(3000, delivered.get());
        // Read but not delivered: the window, plus one record each held by the reader and the writer.
        assertTrue(maxInFlight.get() <= window + 2, "in flight at most " + maxInFlight.get());
    }

    @Test
    void aRecordThatArrivesAloneIsDeliveredWithoutWaitingForMore() throws Exception {
        // A client that sends one record and waits for its result before sending the next (as over
        // HTTP): results handed over in blocks must never wait for records that have not come.
        TenantGenerator g = new TenantGenerator(5);
        java.util.concurrent.Semaphore answered = new java.util.concurrent.Semaphore(0);
        AtomicLong sent = new AtomicLong();
        Iterator<BatchRecord> pingPong = new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (sent.get() == 0) {
                    return true;
                }
                try {
                    if (!answered.tryAcquire(20, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new IllegalStateException("record " + sent.get() + " was not delivered while no other came");
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return sent.get() < 40;
            }

            @Override
            public BatchRecord next() {
                long n = sent.incrementAndGet();
                return BatchRecord.of("x", n, g.line(n));
            }
        };
        List<Long> delivered = new ArrayList<>();
        BatchSummary summary = new BatchEvaluator(evaluator, 2).run(pingPong, r -> r, r -> {
            delivered.add(r.index());
            answered.release();
        });
        assertEquals(40, summary.records());
        assertEquals(40, delivered.size());
        assertEquals(39L, delivered.get(39));
    }

    @Test
    void aBatchCanBeCancelled() throws Exception {
        TenantGenerator g = new TenantGenerator(4);
        CountDownLatch some = new CountDownLatch(20);
        Iterator<BatchRecord> endless = new Iterator<>() {
            long n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public BatchRecord next() {
                n++;
                return BatchRecord.of("x", n, g.line(n));
            }
        };
        BatchEvaluator.Job job = new BatchEvaluator(evaluator, 2).start(endless, r -> r, r -> some.countDown());
        some.await();
        job.cancel();
        BatchSummary s = job.await();
        assertTrue(s.cancelled());
        assertTrue(s.records() >= 20);
    }

    @Test
    void validateOnlyReadsWithoutEvaluating() throws Exception {
        String input = mixed(40, 10);
        List<BatchResult> results = new ArrayList<>();
        BatchSummary s = BatchEvaluator.validateOnly(2).run(
                BatchInputs.jsonLines(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "v.jsonl"), r -> r, results::add);
        assertEquals(40, results.size());
        assertEquals(36, s.validated());
        assertEquals(4, s.invalid());
        assertEquals(0, s.evaluated());
        assertInstanceOf(BatchResult.Read.class, results.get(0));
    }

    @Test
    void aRecordOverTheSizeLimitIsAnInvalidRecordNotAnOutOfMemory() throws Exception {
        byte[] huge = new byte[BatchInputs.MAX_RECORD_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) 'x');
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.write(new TenantGenerator(1).line(0).getBytes(StandardCharsets.UTF_8));
        in.write('\n');
        in.write(huge);
        in.write('\n');
        in.write(new TenantGenerator(1).line(1).getBytes(StandardCharsets.UTF_8));
        in.write('\n');
        List<BatchResult> results = new ArrayList<>();
        new BatchEvaluator(evaluator, 1).run(BatchInputs.jsonLines(new ByteArrayInputStream(in.toByteArray()), "big.jsonl"), r -> r, results::add);
        assertEquals(3, results.size());
        BatchResult.Invalid tooLong = assertInstanceOf(BatchResult.Invalid.class, results.get(1));
        assertEquals("big.jsonl:2", tooLong.origin());
        assertTrue(tooLong.error().problem().contains("limit"), tooLong.error().problem());
        assertNull(tooLong.tenantId());
        assertInstanceOf(BatchResult.Evaluated.class, results.get(2));
    }

    @Test
    void aWorkerHeldWhileTheCompilersAreBusyJoinsWhenTheInputEndsAndNoRecordIsLost() throws Exception {
        String input = mixed(200, 9);
        java.util.Map<String, Long> byWorker = new java.util.concurrent.ConcurrentHashMap<>();
        List<BatchResult> results = new ArrayList<>();
        AtomicLong compiling = new AtomicLong();
        // Two workers on two cores, compilers that never settle: the second waits for the end of the input.
        BatchEvaluator batch = BatchEvaluator.withGate(evaluator, 2, 16,
                () -> new CompilerGate(() -> compiling.addAndGet(1000), java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(5),
                        java.util.concurrent.TimeUnit.SECONDS.toNanos(600)), 2);
        BatchSummary summary = batch.run(BatchInputs.jsonLines(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "in.jsonl"),
                r -> {
                    byWorker.merge(Thread.currentThread().getName(), 1L, Long::sum);
                    return r;
                }, results::add);
        assertEquals(200, results.size());
        for (int i = 0; i < results.size(); i++) {
            assertEquals(i, results.get(i).index(), "in input order");
        }
        assertEquals(2, summary.threads());
        // The reader ends once the last records fit in the window of 16: only those are left to share.
        assertTrue(byWorker.getOrDefault("preflight-batch-worker-0", 0L) >= 200 - 16 - 1, byWorker.toString());
    }

    @Test
    void cancellingABatchReleasesItsHeldWorker() throws Exception {
        AtomicLong compiling = new AtomicLong();
        BatchEvaluator batch = BatchEvaluator.withGate(evaluator, 2, 16,
                () -> new CompilerGate(() -> compiling.addAndGet(1000), java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(5),
                        java.util.concurrent.TimeUnit.SECONDS.toNanos(600)), 2);
        Iterator<BatchRecord> endless = BatchInputs.jsonLines(new java.io.InputStream() {
            final byte[] line = (new TenantGenerator(3).line(0) + "\n").getBytes(StandardCharsets.UTF_8);
            int at;

            @Override
            public int read() {
                int b = line[at];
                at = (at + 1) % line.length;
                return b;
            }
        }, "endless.jsonl");
        BatchEvaluator.Job job = batch.start(endless, r -> r, r -> { });
        Thread.sleep(100);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), job::close);
        assertTrue(job.isCancelled());
    }
}
