package dev.preflight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.Evaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HTML report in each language, opened in headless Chromium as a reader opens it: the page
 * declares its language, every Chinese character is drawn by a CJK font of the right script from
 * the system (no tofu, no web font), and no message key or placeholder shows. Screenshots go to
 * {@code target/screenshots/} for a person to look at.
 */
class HtmlReportBrowserTest {

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    /** A message key or an unformatted placeholder showing through. */
    private static final Pattern LEAK = Pattern.compile("\\b(?:report|verdict|status|severity|label|area|html|docs|batch|catalogue)\\.[A-Za-z][\\w.]*|\\{\\d");

    @TempDir
    static Path tmp;
    private static DevTools browser;

    @BeforeAll
    static void start() throws Exception {
        browser = new DevTools(tmp);
    }

    @AfterAll
    static void stop() throws Exception {
        browser.close();
    }

    @ParameterizedTest
    @CsvSource({
        "en, samples/legacy-forest-2008r2.json, ''",
        "zh-CN, samples/legacy-forest-2008r2.json, Noto Sans CJK SC",
        "zh-TW, samples/legacy-forest-2008r2.json, Noto Sans CJK TC",
        "zh-CN, samples/network-not-collected.json, Noto Sans CJK SC",
        "zh-TW, samples/network-not-collected.json, Noto Sans CJK TC"
    })
    void everyCharacterIsDrawnWithASystemFontOfTheLanguagesScript(String tag, String sample, String cjkFont) throws Exception {
        String html;
        try (Evaluator e = Evaluator.builder().locale(Locale.forLanguageTag(tag)).build()) {
            html = HtmlReport.render(e.evaluate(Path.of(sample)), e.texts());
        }
        String name = "report-" + tag + "-" + Path.of(sample).getFileName().toString().replace(".json", "");
        Path file = tmp.resolve(name + ".html");
        Files.writeString(file, html);
        DevTools.Page page = browser.open(file);

        assertEquals(tag, page.eval("document.documentElement.lang").asText());
        String text = page.eval("document.body.innerText").asText();
        Matcher leak = LEAK.matcher(text);
        assertFalse(leak.find(), () -> "leaked: " + leak.group() + "\n" + text);

        // Everything a reader can open is measured (and shown in the screenshot): folded sections too.
        page.eval("document.querySelectorAll('details').forEach(d => d.open = true), true");
        List<DevTools.TextRun> runs = page.textRuns();
        assertTrue(runs.size() > 20, "the page has text: " + runs);
        List<String> problems = new ArrayList<>();
        for (DevTools.TextRun run : runs) {
            run.fonts().stream().filter(DevTools.TextRun.Font::custom).forEach(f -> problems.add("web font " + f.family() + " in " + run));
            long han = HAN.matcher(run.text()).results().count();
            if (han == 0) {
                continue;
            }
            int drawnByCjk = run.fonts().stream().filter(f -> f.family().equals(cjkFont)).mapToInt(DevTools.TextRun.Font::glyphs).sum();
            if (drawnByCjk < han) {
                problems.add(han + " Han characters, " + drawnByCjk + " drawn by " + cjkFont + ": " + run);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        if (!tag.equals("en")) {
            for (String heading : List.of("h1", "h2")) {
                assertTrue(page.eval("[...document.querySelectorAll('" + heading + "')].every(h => /\\p{Script=Han}/u.test(h.innerText))").asBoolean(),
                        heading + " in Chinese");
            }
        }

        byte[] png = page.screenshot();
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve(name + ".png"), png);
        assertTrue(png.length > 20_000, "a page was drawn: " + png.length + " bytes");
    }
}
