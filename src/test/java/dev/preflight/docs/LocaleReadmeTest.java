package dev.preflight.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.Evaluator;
import dev.preflight.report.Style;
import dev.preflight.report.TextReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reports docs/reports.md shows in each language are the ones the command prints. */
class LocaleReadmeTest {

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN", "zh-TW"})
    void theReportsGuideShowsTheReportAsPrinted(String tag) throws Exception {
        String readme = Files.readString(ReadmeTest.REPORTS, StandardCharsets.UTF_8);
        String open = "<!-- locale-example:" + tag + " -->\n```\n";
        int a = readme.indexOf(open);
        int b = readme.indexOf("```\n<!-- /locale-example:" + tag + " -->");
        assertTrue(a >= 0 && b > a, ReadmeTest.REPORTS + " holds the " + tag + " example");
        String shown = readme.substring(a + open.length(), b);
        shown = shown.substring(shown.indexOf('\n') + 1); // the command line
        String printed;
        try (Evaluator e = Evaluator.builder().locale(Locale.forLanguageTag(tag)).build()) {
            printed = TextReport.render(e.evaluate(Path.of("samples/legacy-forest-2008r2.json")), e.texts(), Style.PLAIN, false);
        }
        assertEquals(printed.replaceAll("sha256:[0-9a-f]+", "sha256:…").replace(System.lineSeparator(), "\n"), shown,
                ReadmeTest.REPORTS + "'s " + tag + " report is stale: paste the output of evaluate --locale " + tag + " samples/legacy-forest-2008r2.json");
    }
}
