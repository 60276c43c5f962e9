package dev.preflight.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.preflight.api.Texts;
import dev.preflight.report.DiffReport;
import dev.preflight.report.FleetPage;
import dev.preflight.report.Style;
import dev.preflight.results.ResultsDiff;
import dev.preflight.results.ResultsReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The results reader behind {@code report} and {@code diff} under coverage-guided fuzzing: the
 * bytes as a results file (a report, batch JSON Lines, gzip of either), rendered as the fleet page
 * and diffed against a real batch output, as the two commands do.
 */
class ResultsFuzzTest {

    private static final Path OTHER = Seeds.sampleResults();

    @FuzzTest(maxDuration = "10s")
    void results(byte[] input) throws IOException {
        Path file = Files.createTempFile("preflight-fuzz", ".jsonl");
        try {
            Files.write(file, input);
            String name = file.getFileName().toString();
            Contract.holds(name, () -> {
                try (ResultsReader in = ResultsReader.open(file);
                        FleetPage page = new FleetPage(OutputStream.nullOutputStream(), name, Texts.builtIn(Locale.ROOT))) {
                    in.forEachRemaining(page::add);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Contract.holds(name, () -> {
                try {
                    ResultsDiff d = ResultsDiff.of(OTHER, file);
                    DiffReport.text(d, Texts.builtIn(Locale.ROOT), Style.PLAIN);
                    DiffReport.json(d);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
