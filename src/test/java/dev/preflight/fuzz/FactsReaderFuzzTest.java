package dev.preflight.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.preflight.api.FactsReader;

/**
 * The facts reader under coverage-guided fuzzing: the bytes as one facts document (what
 * {@code evaluate FILE} reads), evaluated to a verdict when it reads. Seeds: the samples, the rule
 * test tenants and generated tenants, in {@code FactsReaderFuzzTestInputs/}; findings land there
 * too. The same reader on a JSON Lines stream: {@link JsonLinesFuzzTest}.
 */
class FactsReaderFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void document(byte[] input) {
        Contract.holds("fuzz.json", () -> Contract.verdict(Contract.EVALUATOR.evaluate(FactsReader.read(input, "fuzz.json"))));
    }
}
