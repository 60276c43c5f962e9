package dev.preflight.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.Evaluator;
import dev.preflight.report.Style;
import dev.preflight.report.TextReport;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reports docs/reports.md shows in each language are the ones the command prints. */
class LocaleReadmeTest {

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN", "zh-TW"})
    void theReportsGuideShowsTheReportAsPrinted(String tag) throws Exception {
        String region = Docs.region(ReadmeTest.REPORTS, "locale-example-" + tag);
        assertTrue(region.startsWith("```\n") && region.endsWith("```\n"), ReadmeTest.REPORTS + "'s " + tag + " example is one code block");
        String shown = region.substring(region.indexOf('\n', 4) + 1, region.length() - 4); // after the fence and the command line
        String printed;
        try (Evaluator e = Evaluator.builder().locale(Locale.forLanguageTag(tag)).build()) {
            printed = TextReport.render(e.evaluate(Path.of("samples/legacy-forest-2008r2.json")), e.texts(), Style.PLAIN, false);
        }
        assertEquals(printed.replaceAll("sha256:[0-9a-f]+", "sha256:…").replace(System.lineSeparator(), "\n"), shown,
                ReadmeTest.REPORTS + "'s " + tag + " report is stale: paste the output of evaluate --locale " + tag + " samples/legacy-forest-2008r2.json");
    }
}
