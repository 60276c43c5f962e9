package dev.preflight.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.preflight.batch.BatchEvaluator;
import dev.preflight.batch.BatchInputs;
import dev.preflight.batch.BatchRecord;
import dev.preflight.batch.BatchResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * The facts reader under coverage-guided fuzzing on a JSON Lines stream (what {@code batch} reads,
 * each line a record): each record evaluated to a verdict or an error record. A class of its own
 * (it was FactsReaderFuzzTest#jsonLines): Jazzer fuzzes one target per JVM, and a class is what
 * surefire gives a JVM of its own, so it fuzzes beside the other targets in {@code verify}. Seeds:
 * generated tenants and the samples, in {@code JsonLinesFuzzTestInputs/}; findings land there too.
 */
class JsonLinesFuzzTest {

    private static final BatchEvaluator BATCH = new BatchEvaluator(Contract.EVALUATOR, 1);

    @FuzzTest(maxDuration = "10s")
    void jsonLines(byte[] input) {
        Iterator<BatchRecord> records;
        try {
            records = BatchInputs.jsonLines(new ByteArrayInputStream(input), "fuzz.jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long i = 0;
        while (records.hasNext()) {
            BatchResult r = BATCH.evaluate(i++, records.next());
            if (r instanceof BatchResult.Failed f) {
                throw new AssertionError("a batch record failed unexpectedly: " + f.message());
            }
            if (r instanceof BatchResult.Invalid bad) {
                Contract.holds("fuzz.jsonl", () -> {
                    throw bad.error();
                });
            }
        }
    }
}
