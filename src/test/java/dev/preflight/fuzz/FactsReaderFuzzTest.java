package dev.preflight.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.preflight.api.FactsReader;
import dev.preflight.batch.BatchEvaluator;
import dev.preflight.batch.BatchInputs;
import dev.preflight.batch.BatchRecord;
import dev.preflight.batch.BatchResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * The facts reader under coverage-guided fuzzing: the bytes as one facts document (what
 * {@code evaluate FILE} reads) and as a JSON Lines stream (what {@code batch} reads, each line a
 * record), each evaluated to a verdict when it reads. Seeds: the samples, the rule test tenants
 * and generated tenants, in {@code FactsReaderFuzzTestInputs/}; findings land there too.
 */
class FactsReaderFuzzTest {

    private static final BatchEvaluator BATCH = new BatchEvaluator(Contract.EVALUATOR, 1);

    @FuzzTest(maxDuration = "10s")
    void document(byte[] input) {
        Contract.holds("fuzz.json", () -> Contract.verdict(Contract.EVALUATOR.evaluate(FactsReader.read(input, "fuzz.json"))));
    }

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
