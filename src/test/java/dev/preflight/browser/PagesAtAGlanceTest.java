package dev.preflight.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.api.Evaluator;
import dev.preflight.api.Report;
import dev.preflight.api.Texts;
import dev.preflight.generate.TenantGenerator;
import dev.preflight.report.DiffReport;
import dev.preflight.report.FleetPage;
import dev.preflight.report.HtmlReport;
import dev.preflight.results.ResultsDiff;
import dev.preflight.results.TenantSummary;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pages a manager reads at a glance, measured as Chromium renders them, in each language: the
 * fleet page's chart labels are whole (never cut), every chart has a legend, a blocking check shows
 * its title, an opened row lists its findings worst first with their fixes; the diff page rolls up
 * by check before its tenant rows and never wraps a verdict; the tenant page's banner counts what
 * its badges show, and a one-check slice of its checks bar is at least 8 px wide.
 *
 * <p>With {@code -Dpreflight.screenshots=docs/images} the screenshots of each page in English and
 * Simplified Chinese are written there, for the guides.
 */
class PagesAtAGlanceTest {

    private static Evaluator evaluator;
    /** One browser for the class, each page in a tab of its own (a browser's start is most of a page's time). */
    private static Chromium browser;
    /** An evaluator per language, as {@code --locale} makes one: the pages show what a user of that language gets. */
    private static final java.util.Map<String, Evaluator> IN = new java.util.HashMap<>();
    /** The pages the browser opens; JUnit deletes it after the class. */
    @TempDir
    static Path dir;
    private static final List<ObjectNode> TENANTS = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        evaluator = Evaluator.builder().build();
        IN.put("en", evaluator);
        for (String tag : List.of("zh-CN", "zh-TW")) {
            IN.put(tag, Evaluator.builder().locale(Locale.forLanguageTag(tag)).build());
        }
        TenantGenerator gen = new TenantGenerator(11);
        for (int i = 0; i < 150; i++) {
            TENANTS.add(gen.tenant(i));
        }
        browser = Chromium.start();
    }

    @AfterAll
    static void tearDown() throws Exception {
        IN.values().forEach(Evaluator::close);
        if (browser != null) {
            browser.close();
        }
    }

    private static Texts texts(String tag) {
        return evaluator.texts(Locale.forLanguageTag(tag));
    }

    private static void screenshot(Chromium c, String name) throws Exception {
        String to = System.getProperty("preflight.screenshots");
        if (to != null && !to.isBlank()) {
            Files.createDirectories(Path.of(to));
            c.screenshot(Path.of(to, name));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN", "zh-TW"})
    void theFleetPageShowsWholeLabelsLegendsTitlesAndFixes(String tag) throws Exception {
        Path page = dir.resolve("fleet-" + tag + ".html");
        try (OutputStream out = Files.newOutputStream(page); FleetPage p = new FleetPage(out, "fleet.jsonl", texts(tag))) {
            for (int i = 0; i < TENANTS.size(); i++) {
                p.add(TenantSummary.of(IN.get(tag).evaluateJson(TENANTS.get(i).toString()), "fleet.jsonl:" + (i + 1)));
            }
            p.add(TenantSummary.of(IN.get(tag).evaluate(Path.of("samples/legacy-forest-2008r2.json")), "legacy"));
        }
        Chromium c = browser;
        c.open(page, 1280, 1100);
        c.waitFor("document.body.dataset.ready", Duration.ofSeconds(60));
        // No label cut: each takes the lines it needs inside its card.
        JsonNode cut = c.eval("[...document.querySelectorAll('.bar-label')].filter(l => l.scrollWidth > l.clientWidth + 1"
                + " || l.getBoundingClientRect().right > l.closest('.card').getBoundingClientRect().right + 1).map(l => l.textContent)");
        assertEquals(0, cut.size(), "labels cut in " + tag + ": " + cut);
        // Nor any other label: the donut's legend inside its drawing, the charts' legends and the
        // table's column headings inside their boxes.
        JsonNode clipped = c.eval("(() => { const out = [];"
                + " for (const t of document.querySelectorAll('.card svg text')) { const s = t.ownerSVGElement.getBoundingClientRect(), r = t.getBoundingClientRect();"
                + "   if (r.left < s.left - 1 || r.right > s.right + 1) out.push(t.textContent); }"
                + " for (const e of document.querySelectorAll('.legend > *, thead th')) { const box = e.closest('.card, th').getBoundingClientRect(), r = e.getBoundingClientRect();"
                + "   if (e.scrollWidth > e.clientWidth + 1 || r.right > box.right + 1) out.push(e.textContent); }"
                + " return out; })()");
        assertEquals(0, clipped.size(), "labels clipped in " + tag + ": " + clipped);
        assertTrue(c.eval("document.querySelectorAll('.card svg text').length").asInt() >= 4, "the donut's total and its legend");
        int labels = c.eval("document.querySelectorAll('.bar-label').length").asInt();
        assertTrue(labels >= 8, "bars drawn: " + labels);
        JsonNode areaLabels = c.eval("[...document.querySelectorAll('.card')[2].querySelectorAll('.bar-label')].map(l => l.textContent)");
        for (JsonNode l : areaLabels) {
            assertTrue(!l.asText().endsWith("…"), "an area's name is whole: " + l);
        }
        // A legend on every chart.
        assertEquals(c.eval("document.querySelectorAll('.card .hbars').length").asInt(), c.eval("document.querySelectorAll('.card .hbars + .legend').length").asInt());
        assertTrue(c.eval("document.querySelector('.card svg').textContent").asText().contains("%"), "the donut keeps its legend");
        // A blocking check shows its id and its title.
        String blocker = c.eval("document.querySelector('.card .bar[data-key] .bar-label').textContent").asText();
        String id = blocker.split(" ")[0];
        String title = texts(tag).title(id, evaluator.catalogue().stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow().title());
        assertEquals(id + " " + title, blocker, "a blocking check's id and its title");
        // The legacy tenant's row, opened: findings worst first, each with its fix.
        c.eval("(() => { const q = document.getElementById('q'); q.value = '3f1a9b2c-1111-4000-8000-000000000002'; q.dispatchEvent(new Event('input')); })()");
        c.eval("document.querySelector('tr.tenant').click()");
        JsonNode severities = c.eval("[...document.querySelectorAll('tr.detail:not([hidden]) .finding .pill')].map(p => p.className)");
        List<String> order = new ArrayList<>();
        severities.forEach(s -> order.add(s.asText()));
        int lastError = order.lastIndexOf("pill s-ERROR");
        int firstWarning = order.indexOf("pill s-WARNING");
        assertTrue(lastError >= 0 && firstWarning > lastError, "errors before warnings: " + order);
        int fixes = c.eval("document.querySelectorAll('tr.detail:not([hidden]) .finding .fix').length").asInt();
        assertEquals(c.eval("document.querySelectorAll('tr.detail:not([hidden]) .finding').length").asInt(), fixes, "each finding has its fix");
        assertEquals(List.of(), c.problems());
        if (!tag.equals("zh-TW")) {
            c.eval("document.querySelector('tr.detail:not([hidden])').scrollIntoView({block: 'center'})");
            screenshot(c, "fleet-row-" + tag + ".png");
            c.eval("window.scrollTo(0, 0)");
            screenshot(c, "fleet-" + tag + ".png");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN", "zh-TW"})
    void theDiffPageRollsUpByCheckFirstAndNeverWrapsAVerdict(String tag) throws Exception {
        // 40 tenants whose licenses stop covering the writeback admins: one check, newly failing in all.
        Path before = dir.resolve("before-" + tag + ".jsonl");
        Path after = dir.resolve("after-" + tag + ".jsonl");
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        String healthy = Files.readString(Path.of("samples/healthy-hybrid.json"), StandardCharsets.UTF_8);
        for (int i = 0; i < 40; i++) {
            String facts = healthy.replace("9b1c2c3e-0000-4000-8000-000000000001", String.format("9b1c2c3e-0000-4000-8000-%012d", 100 + i));
            Report ok = IN.get(tag).evaluateJson(facts);
            Report broken = IN.get(tag).evaluateJson(facts.replace("\"onPremisesSyncEnabled\": false", "\"onPremisesSyncEnabled\": true"));
            a.append(ok.toJson().replace("\n", "")).append('\n');
            b.append(broken.toJson().replace("\n", "")).append('\n');
        }
        Files.writeString(before, a);
        Files.writeString(after, b);
        ResultsDiff d = ResultsDiff.of(before, after);
        assertTrue(d.worse() > 0, "the change makes things worse");
        Path page = dir.resolve("diff-" + tag + ".html");
        Files.writeString(page, DiffReport.html(d, "before.jsonl", "after.jsonl", texts(tag)));
        Chromium c = browser;
        c.open(page, 760, 1000);
        assertTrue(c.eval("!!(document.getElementById('rollup').compareDocumentPosition(document.getElementById('tenants')) & Node.DOCUMENT_POSITION_FOLLOWING)").asBoolean(),
                "the roll-up by check comes before the tenant rows");
        String first = c.eval("document.querySelector('#rollup tbody tr').textContent").asText();
        assertTrue(first.contains("40"), "one check newly failing in 40 tenants: " + first);
        JsonNode wrapped = c.eval("[...document.querySelectorAll('#tenants td.nowrap')].filter(td => { const r = document.createRange(); r.selectNodeContents(td);"
                + " return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1; }).map(td => td.textContent)");
        assertEquals(0, wrapped.size(), "verdicts wrapped at 760 px in " + tag + ": " + wrapped);
        assertEquals(List.of(), c.problems());
        if (!tag.equals("zh-TW")) {
            screenshot(c, "diff-" + tag + ".png");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN", "zh-TW"})
    void theTenantPageBannerAgreesWithItsBadgesAndAOneCheckSliceIsVisible(String tag) throws Exception {
        Report r = IN.get(tag).evaluate(Path.of("samples/legacy-forest-2008r2.json"));
        assertTrue(r.checks().stream().anyMatch(k -> k.findings().size() > 1), "a check with several findings");
        Path page = dir.resolve("tenant-" + tag + ".html");
        Files.writeString(page, HtmlReport.render(r, texts(tag)));
        Chromium c = browser;
        c.open(page, 1000, 1100);
        long errors = r.findings().stream().filter(f -> f.severity().name().equals("ERROR")).count();
        long warnings = r.findings().stream().filter(f -> f.severity().name().equals("WARNING")).count();
        assertEquals(errors, c.eval("document.querySelectorAll('.finding .pill.s-ERROR').length").asLong());
        assertEquals(warnings, c.eval("document.querySelectorAll('.finding .pill.s-WARNING').length").asLong());
        String findings = c.eval("document.getElementById('banner-findings').textContent").asText();
        assertTrue(findings.contains(Long.toString(errors)) && findings.contains(Long.toString(warnings)), findings);
        assertEquals(texts(tag).get("html.banner.findings", errors, warnings, 0), findings, "the banner counts the findings the badges show");
        assertEquals(r.summary().errors(), c.eval("document.querySelectorAll('.check > h3 > .pill.s-ERROR').length").asLong(), "and the checks apart");
        JsonNode slices = c.eval("[...document.querySelectorAll('.outcomes .seg')].map(s => s.getBoundingClientRect().width)");
        assertTrue(slices.size() >= 3, slices.toString());
        for (JsonNode w : slices) {
            assertTrue(w.asDouble() >= 8, "a slice of the checks bar is at least 8 px: " + slices);
        }
        assertEquals(List.of(), c.problems());
        if (!tag.equals("zh-TW")) {
            screenshot(c, "tenant-" + tag + ".png");
        }
    }
}
