package dev.preflight.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.Evaluator;
import dev.preflight.report.CatalogueWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README and the guides in docs/ tell the truth about what the code does. */
class ReadmeTest {

    static final Path README = Path.of("README.md");
    static final Path CATALOGUE = Path.of("docs/checks.md");
    static final Path REPORTS = Path.of("docs/reports.md");
    static final Path SAFETY = Path.of("docs/safety.md");

    @Test
    void theCatalogueTableIsGeneratedFromTheRules() {
        String table = Docs.region(CATALOGUE, "catalogue");
        String expected;
        try (Evaluator e = Evaluator.builder().rulesDirectory(Path.of("rules")).build()) {
            expected = CatalogueWriter.markdown(e.catalogue());
        }
        assertEquals(expected, table, CATALOGUE + " is stale: regenerate it with "
                + "`java -jar target/preflight.jar rules list rules --format markdown` and paste it between the markers");
    }

    @Test
    void theReadmeNamesEveryExitCode() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        for (int code : new int[] {0, 1, 2, 3, 64, 66, 70, 74}) {
            assertTrue(readme.contains("| " + code + " |"), "exit code " + code + " is documented");
        }
    }

    @Test
    void theDocumentedInputLimitsAreTheOnesEnforced() throws IOException {
        String readme = Files.readString(SAFETY, StandardCharsets.UTF_8);
        assertTrue(readme.contains("| nesting depth | " + dev.preflight.api.FactsReader.MAX_NESTING_DEPTH + " levels |"), "nesting depth");
        assertTrue(readme.contains("| string length | " + String.format(java.util.Locale.ROOT, "%,d", dev.preflight.api.FactsReader.MAX_STRING_LENGTH) + " characters |"), "string length");
        assertTrue(readme.contains("| number length | " + dev.preflight.api.FactsReader.MAX_NUMBER_LENGTH + " characters |"), "number length");
        assertTrue(readme.contains("| document size | " + (dev.preflight.api.FactsReader.MAX_DOCUMENT_LENGTH >> 20) + " MiB |"), "document size");
        assertTrue(readme.contains("| batch record | " + (dev.preflight.batch.BatchInputs.MAX_RECORD_BYTES >> 20) + " MiB per line |"), "batch record");
    }
}
