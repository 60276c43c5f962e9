package dev.preflight.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.preflight.api.Waivers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The waivers reader under coverage-guided fuzzing, as {@code --waivers FILE} reads it: the first
 * byte picks YAML (even) or JSON (odd) by the file's name, the rest is the file. Then the waivers
 * judge a real report, as the evaluator does.
 */
class WaiversFuzzTest {

    private static final dev.preflight.api.Report REPORT = Seeds.sampleReport();

    @FuzzTest(maxDuration = "10s")
    void waivers(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        Path file = Files.createTempFile("preflight-fuzz", (input[0] & 1) == 0 ? ".yaml" : ".json");
        try {
            Files.write(file, Arrays.copyOfRange(input, 1, input.length));
            Contract.holds(file.getFileName().toString(), () -> {
                Waivers w = Waivers.read(file);
                w.requireKnownChecks(Contract.EVALUATOR.catalogue());
                Contract.verdict(w.apply(REPORT, Contract.EVALUATOR.catalogue()));
            });
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
