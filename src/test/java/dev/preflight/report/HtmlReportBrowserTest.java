package dev.preflight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.Evaluator;
import dev.preflight.api.Texts;
import dev.preflight.api.Waivers;
import dev.preflight.browser.Chromium;
import dev.preflight.results.TenantSummary;
import java.io.OutputStream;
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
    private static final Pattern LEAK = Pattern.compile("\\b(?:report|verdict|status|severity|label|area|html|docs|batch|catalogue|fleet|diff|rules)\\.[A-Za-z][\\w.]*|\\{\\d");

    private static final String LEGACY = "samples/legacy-forest-2008r2.json";

    @TempDir
    static Path tmp;
    private static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        browser = Chromium.start();
    }

    /** The page of the file, in the browser's one tab. */
    private static Chromium open(Path file) throws Exception {
        browser.open(file, 1100, 900);
        return browser;
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) { // null when Chromium is not installed and the class was skipped
            browser.close();
        }
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
        Chromium page = open(file);

        assertEquals(tag, page.eval("document.documentElement.lang").asText());
        String text = visibleTextWithoutLeaks(page);

        // Everything a reader can open is measured (and shown in the screenshot): folded sections too.
        page.eval("document.querySelectorAll('details').forEach(d => d.open = true), true");
        assertDrawnWithSystemFonts(page, cjkFont, !tag.equals("en") ? List.of("h1", "h2") : List.of());
        screenshot(page, name);
    }

    /**
     * The report of a collection that could not be fully evaluated: "To complete this evaluation" is
     * the first section a reader meets after the verdict, before what to fix, and it names the users
     * (by display name: their UPNs were refused) and the checks each action unblocks.
     */
    @ParameterizedTest
    @CsvSource({"en, To complete this evaluation", "zh-CN, 完成此评估", "zh-TW, 完成此評估"})
    void theNextStepsComeFirstAfterTheVerdict(String tag, String heading) throws Exception {
        var imported = dev.preflight.collection.CollectionImporter.importCollection(
                dev.preflight.collection.CollectionFiles.open(Path.of("samples/collection-ps51")));
        String html;
        try (Evaluator e = Evaluator.builder().locale(Locale.forLanguageTag(tag)).build()) {
            var report = dev.preflight.collection.MissingSources.annotate(
                    e.evaluate(dev.preflight.api.FactsReader.read(imported.toJson(), "collection-ps51")), imported);
            html = HtmlReport.render(report, e.texts());
        }
        Path file = tmp.resolve("next-steps-" + tag + ".html");
        Files.writeString(file, html);
        Chromium page = open(file);
        visibleTextWithoutLeaks(page);
        String order = page.eval("Array.from(document.querySelectorAll('#verdict, h2, section.check')).map(n => n.id === 'verdict' ? 'VERDICT'"
                + " : n.tagName === 'H2' ? n.textContent.trim() : 'CHECK').join('|')").asText();
        String[] parts = order.split("\\|");
        assertEquals("VERDICT", parts[0], order);
        assertEquals(heading, parts[1], order);
        String steps = page.eval("document.querySelector('#next-steps').innerText").asText();
        assertTrue(steps.contains("Joey Cruz") && steps.contains("User.Read.All") && steps.contains("PWB-LIC-004"), steps);
        assertFalse(steps.contains("users[0]"), steps);
        // The labels of a check ("missing:", "fix:") are set in italic for Latin text only: CJK has no italic.
        String labels = page.eval("Array.from(new Set(Array.from(document.querySelectorAll('section.check i')).map(i => getComputedStyle(i).fontStyle))).join('|')").asText();
        assertEquals(tag.equals("en") ? "italic" : "normal", labels, "the labels' font style");
        screenshot(page, "next-steps-" + tag);
    }

    /**
     * The fleet page in each language: its frame (headings, banner, chart labels, the table's
     * columns, filters and pager, an opened row's words) in the language, drawn with the system
     * font of its script; English stays English.
     */
    @ParameterizedTest
    @CsvSource({"en, ''", "zh-CN, Noto Sans CJK SC", "zh-TW, Noto Sans CJK TC"})
    void theFleetPageIsInTheLanguageAndDrawnWithItsScriptsFont(String tag, String cjkFont) throws Exception {
        Path file = tmp.resolve("fleet-" + tag + ".html");
        // As batch --locale writes it: results and page in one language.
        try (Evaluator e = Evaluator.builder().locale(Locale.forLanguageTag(tag)).waivers(Waivers.read(Path.of("samples/waivers.yaml"))).build();
             OutputStream out = Files.newOutputStream(file);
             FleetPage fleet = new FleetPage(out, "results.jsonl", e.texts())) {
            for (String sample : List.of("legacy-forest-2008r2", "network-not-collected", "healthy-hybrid", "short-idle-timeout")) {
                fleet.add(TenantSummary.of(e.evaluate(Path.of("samples", sample + ".json")), "results.jsonl:" + sample));
            }
            fleet.add(new TenantSummary(null, null, null, "results.jsonl:5", "INVALID", 0, List.of(), "tenant.tenantId: not a GUID"));
        }
        Chromium page = open(file);
        assertEquals(tag, page.eval("document.documentElement.lang").asText());
        assertEquals(5, page.eval("document.querySelectorAll('tr.tenant').length").asInt(), "the script drew the table");
        page.eval("document.querySelectorAll('tr.tenant').forEach(r => r.click()), true");
        String text = visibleTextWithoutLeaks(page);
        assertFalse(text.contains("undefined"), text);

        Texts english = Texts.builtIn(Locale.ROOT);
        List<String> frame = List.of("fleet.heading", "fleet.verdicts", "fleet.blockers", "fleet.areas", "fleet.table", "fleet.script.allVerdicts",
                "fleet.script.anyCheck", "fleet.script.column.errors", "fleet.script.column.findings", "fleet.script.next", "verdict.INVALID");
        for (String key : frame) {
            assertEquals(tag.equals("en"), text.contains(english.get(key)), key + ": " + english.get(key) + " in\n" + text);
        }
        assertEquals(tag.equals("en"), text.contains("5 of 5 tenants"), text);
        assertDrawnWithSystemFonts(page, cjkFont, tag.equals("en") ? List.of() : List.of("h1", "h2", "th", "option", "#count", ".pager span", ".pill"));
        if (!tag.equals("en")) {
            String allVerdicts = texts(tag).get("fleet.script.allVerdicts");
            assertTrue(page.textRuns().stream().anyMatch(r -> r.text().equals(allVerdicts) && r.fonts().stream().anyMatch(f -> f.family().equals(cjkFont))),
                    "the verdict filter's chosen option is drawn, and measured: " + allVerdicts);
        }
        screenshot(page, "fleet-" + tag);
    }

    /**
     * The diff page in each language: headline, column names, verdict, change and severity words
     * in the language, drawn with the system font of its script; English stays English.
     */
    @ParameterizedTest
    @CsvSource({"en, ''", "zh-CN, Noto Sans CJK SC", "zh-TW, Noto Sans CJK TC"})
    void theDiffPageIsInTheLanguageAndDrawnWithItsScriptsFont(String tag, String cjkFont) throws Exception {
        Path before = tmp.resolve("before-" + tag + ".jsonl");
        Path after = tmp.resolve("after-" + tag + ".jsonl");
        try (Evaluator waiving = Evaluator.builder().locale(Locale.forLanguageTag(tag)).waivers(Waivers.read(Path.of("samples/waivers.yaml"))).build();
             Evaluator e = Evaluator.builder().locale(Locale.forLanguageTag(tag)).build()) {
            // Fabrikam loses its waiver (worse verdict); Contoso later has a short idle timeout (a new warning).
            String idle = Files.readString(Path.of("samples/short-idle-timeout.json"))
                    .replace("d4f5a6b7-6666-4000-8000-000000000007", "9b1c2c3e-0000-4000-8000-000000000001");
            Files.writeString(before, waiving.evaluate(Path.of(LEGACY)).toJson() + "\n" + e.evaluate(Path.of("samples/healthy-hybrid.json")).toJson() + "\n");
            Files.writeString(after, e.evaluate(Path.of(LEGACY)).toJson() + "\n" + e.evaluateJson(idle).toJson() + "\n");
        }
        Path file = tmp.resolve("diff-" + tag + ".html");
        Files.writeString(file, DiffReport.html(dev.preflight.results.ResultsDiff.of(before, after), "before.jsonl", "after.jsonl", texts(tag)));
        Chromium page = open(file);
        assertEquals(tag, page.eval("document.documentElement.lang").asText());
        String text = visibleTextWithoutLeaks(page);
        Texts english = Texts.builtIn(Locale.ROOT);
        for (String key : List.of("diff.heading", "diff.column.tenant", "diff.column.change", "diff.change.WORSE", "diff.new", "verdict.NOT_ELIGIBLE",
                "severity.WARNING")) {
            assertEquals(tag.equals("en"), text.contains(english.get(key)), key + ": " + english.get(key) + " in\n" + text);
        }
        assertTrue(text.contains(texts(tag).get("diff.headline", 2, 2, 2, 0, 0, 0)), text);
        assertDrawnWithSystemFonts(page, cjkFont, tag.equals("en") ? List.of() : List.of("h1", "th", ".pill", "#tenants td:nth-child(3)"));
        screenshot(page, "diff-" + tag);
    }

    /** What the page shows, with no message key or unformatted placeholder in it. */
    private static String visibleTextWithoutLeaks(Chromium page) throws Exception {
        String text = page.eval("document.body.innerText").asText();
        Matcher leak = LEAK.matcher(text);
        assertFalse(leak.find(), () -> "leaked: " + leak.group() + "\n" + text);
        return text;
    }

    private static Texts texts(String tag) {
        return Texts.builtIn(Locale.forLanguageTag(tag));
    }

    /**
     * No web font anywhere, and every Han character drawn by the CJK font of the page's script
     * (no tofu, no fallback to the other script's glyphs); the elements named hold Chinese.
     */
    private static void assertDrawnWithSystemFonts(Chromium page, String cjkFont, List<String> chineseElements) throws Exception {
        List<Chromium.TextRun> runs = page.textRuns();
        assertTrue(runs.size() > 10, "the page has text: " + runs);
        List<String> problems = new ArrayList<>();
        for (Chromium.TextRun run : runs) {
            run.fonts().stream().filter(Chromium.TextRun.Font::custom).forEach(f -> problems.add("web font " + f.family() + " in " + run));
            long han = HAN.matcher(run.text()).results().count();
            // No font at all: text Chromium does not draw (a noscript fallback, a closed select's other options).
            if (han == 0 || run.fonts().isEmpty()) {
                continue;
            }
            int drawnByCjk = run.fonts().stream().filter(f -> f.family().equals(cjkFont)).mapToInt(Chromium.TextRun.Font::glyphs).sum();
            if (drawnByCjk < han) {
                problems.add(han + " Han characters, " + drawnByCjk + " drawn by " + cjkFont + ": " + run);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        for (String selector : chineseElements) {
            assertTrue(page.eval("[...document.querySelectorAll('" + selector + "')].every(h => /\\p{Script=Han}/u.test(h.textContent))").asBoolean(),
                    selector + " in Chinese: " + page.eval("[...document.querySelectorAll('" + selector + "')].map(h => h.textContent)"));
        }
    }

    /** Saves the page's screenshot in target/screenshots/ for a person to look at. */
    private static void screenshot(Chromium page, String name) throws Exception {
        byte[] png = page.screenshot(Path.of("target", "screenshots", name + ".png"));
        assertTrue(png.length > 20_000, "a page was drawn: " + png.length + " bytes");
    }
}
