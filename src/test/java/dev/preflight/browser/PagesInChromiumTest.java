package dev.preflight.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.api.Evaluator;
import dev.preflight.api.Report;
import dev.preflight.api.Waivers;
import dev.preflight.generate.TenantGenerator;
import dev.preflight.report.FleetPage;
import dev.preflight.report.HtmlReport;
import dev.preflight.results.TenantSummary;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet page and the tenant page as people see them: opened in headless Chromium, screenshots
 * taken (target/browser/*.png), no console error, the page's own controls sort, filter and search,
 * and hostile names render as text.
 */
class PagesInChromiumTest {

    static final String XSS = "<script>alert(1)</script>";
    private static final String XSS_IMG = "<img src=x onerror=\"window.__xss=1\">";
    private static final Path SHOTS = Path.of("target", "browser");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Evaluator evaluator;
    private static final List<TenantSummary> FLEET = new ArrayList<>();
    /** The pages the browser opens; JUnit deletes it after the class. */
    @TempDir
    static Path dir;

    @BeforeAll
    static void fleet() throws Exception {
        evaluator = Evaluator.builder().waivers(Waivers.read(Path.of("samples/waivers.yaml"))).build();
        TenantGenerator gen = new TenantGenerator(3);
        for (int i = 0; i < 400; i++) {
            ObjectNode t = gen.tenant(i);
            if (i == 17) {
                ((ObjectNode) t.get("tenant")).put("displayName", XSS);
            } else if (i == 18) {
                ((ObjectNode) t.get("tenant")).put("displayName", XSS_IMG + "</script><!--");
            }
            FLEET.add(TenantSummary.of(evaluator.evaluateJson(t.toString()), "fleet.jsonl:" + (i + 1)));
        }
        FLEET.add(TenantSummary.of(evaluator.evaluate(Path.of("samples/legacy-forest-2008r2.json")), "legacy"));
    }

    @AfterAll
    static void close() {
        evaluator.close();
    }

    private static Path fleetPage() throws Exception {
        Path page = dir.resolve("fleet.html");
        try (OutputStream out = Files.newOutputStream(page); FleetPage p = new FleetPage(out, "fleet <b>results</b>.jsonl")) {
            FLEET.forEach(p::add);
        }
        return page;
    }

    private static long count(java.util.function.Predicate<TenantSummary> p) {
        return FLEET.stream().filter(p).count();
    }

    @Test
    void theFleetPageLoadsSortsFiltersAndSearchesWithoutErrors() throws Exception {
        Path page = fleetPage();
        try (Chromium c = Chromium.start()) {
            c.open(page, 1280, 1500);
            c.waitFor("document.body.dataset.ready", Duration.ofSeconds(30));
            byte[] png = c.screenshot(SHOTS.resolve("fleet.png"));
            assertTrue(png.length > 10_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a real screenshot");
            int n = FLEET.size();
            assertEquals(n + " of " + n + " tenants", c.eval("document.getElementById('count').textContent").asText());
            assertEquals(50, c.eval("document.querySelectorAll('tr.tenant').length").asInt(), "a page of rows, not all of them");
            assertEquals(String.format("%,d tenants", n), c.eval("document.querySelector('#banner b').textContent").asText());

            // Search through the page's own box: the hostile names are found and shown as text.
            c.eval("(() => { const q = document.getElementById('q'); q.value = 'script>'; q.dispatchEvent(new Event('input')); })()");
            assertEquals("2 of " + n + " tenants", c.eval("document.getElementById('count').textContent").asText());
            JsonNode names = c.eval("[...document.querySelectorAll('tr.tenant td:first-child div:first-child')].map(d => d.textContent).sort()");
            assertEquals(List.of(XSS_IMG + "</script><!--", XSS), List.of(names.get(0).asText(), names.get(1).asText()));
            assertEquals(3, c.eval("document.scripts.length").asInt(), "the two data blocks and the page's script; no injected one");
            assertTrue(c.eval("typeof window.__xss").asText().equals("undefined"), "no injected handler ran");
            c.screenshot(SHOTS.resolve("fleet-search-xss.png"));

            // Open a row: its findings appear.
            c.eval("(() => { const q = document.getElementById('q'); q.value = '3f1a9b2c-1111-4000-8000-000000000002'; q.dispatchEvent(new Event('input')); })()");
            c.eval("document.querySelector('tr.tenant').click()");
            String details = c.eval("document.querySelector('tr.detail:not([hidden])').textContent").asText();
            assertTrue(details.contains("WAIVED") && details.contains("dc2.corp.fabrikam.com runs Windows Server 2008 R2 without a service pack"), details);
            c.screenshot(SHOTS.resolve("fleet-row-open.png"));
            c.eval("(() => { const q = document.getElementById('q'); q.value = ''; q.dispatchEvent(new Event('input')); })()");

            // Filter by verdict through the select.
            c.eval("(() => { const v = document.getElementById('verdict'); v.value = '2'; v.dispatchEvent(new Event('change')); })()");
            long incomplete = count(t -> t.verdict().equals("INCOMPLETE"));
            assertEquals(incomplete + " of " + n + " tenants", c.eval("document.getElementById('count').textContent").asText());
            JsonNode pills = c.eval("[...new Set([...document.querySelectorAll('tr.tenant td:nth-child(2)')].map(td => td.textContent))]");
            assertEquals(1, pills.size());
            assertEquals("INCOMPLETE", pills.get(0).asText());
            c.eval("(() => { const v = document.getElementById('verdict'); v.value = '-1'; v.dispatchEvent(new Event('change')); })()");

            // Sort by errors: the header button, twice for the other direction.
            int maxErrors = FLEET.stream().mapToInt(t -> (int) t.checks().stream().filter(k -> "ERROR".equals(k.severity())).count()).max().orElseThrow();
            c.eval("document.querySelector('button[data-sort=errors]').click()");
            assertEquals(maxErrors, c.eval("+document.querySelector('tr.tenant td:nth-child(3)').textContent").asInt());
            c.eval("document.querySelector('button[data-sort=errors]').click()");
            assertEquals(0, c.eval("+document.querySelector('tr.tenant td:nth-child(3)').textContent").asInt());
            c.eval("document.querySelector('button[data-sort=name]').click()");
            JsonNode sorted = c.eval("[...document.querySelectorAll('tr.tenant td:first-child div:first-child')].map(d => d.textContent.toLowerCase())");
            int compared = 0;
            for (int i = 1; i < sorted.size(); i++) {
                // Natural order: the same name with a number sorts by the number's value (#99 before #102).
                java.util.regex.Matcher a = java.util.regex.Pattern.compile("^(.*#)(\\d+)$").matcher(sorted.get(i - 1).asText());
                java.util.regex.Matcher b = java.util.regex.Pattern.compile("^(.*#)(\\d+)$").matcher(sorted.get(i).asText());
                if (a.matches() && b.matches() && a.group(1).equals(b.group(1))) {
                    assertTrue(Long.parseLong(a.group(2)) < Long.parseLong(b.group(2)), sorted.get(i - 1) + " before " + sorted.get(i));
                    compared++;
                }
            }
            assertTrue(compared > 0, "numbered names compared: " + sorted);

            // The blocking-checks chart filters by its check.
            String check = c.eval("document.querySelector('.bar[data-key]').getAttribute('data-key')").asText();
            c.eval("document.querySelector('.bar[data-key]').dispatchEvent(new MouseEvent('click', {bubbles: true}))");
            long withCheck = count(t -> t.checks().stream().anyMatch(k -> k.id().equals(check)));
            assertEquals(withCheck + " of " + n + " tenants", c.eval("document.getElementById('count').textContent").asText());
            c.eval("document.getElementById('next').click()");
            assertTrue(c.eval("document.querySelector('.pager').textContent").asText().contains("Page 2 of " + (withCheck + 49) / 50)
                    || withCheck <= 50);
            assertEquals(List.of(), c.problems(), "no console error, exception or dialog");
        }
    }

    @Test
    void theTenantPageShowsTheVerdictFailuresFirstAndHostileNamesAsText() throws Exception {
        String facts = Files.readString(Path.of("samples/legacy-forest-2008r2.json")).replace("\"Fabrikam Inc\"", JSON.writeValueAsString(XSS));
        Report r = evaluator.evaluateJson(facts);
        Path page = dir.resolve("tenant.html");
        Files.writeString(page, HtmlReport.render(r));
        try (Chromium c = Chromium.start()) {
            c.open(page, 1100, 1400);
            c.screenshot(SHOTS.resolve("tenant.png"));
            assertEquals(XSS, c.eval("document.querySelector('.meta b').textContent").asText());
            assertEquals(0, c.eval("document.scripts.length").asInt());
            assertEquals("ELIGIBLE, 1 waived", c.eval("document.querySelector('#verdict b').textContent").asText());
            assertEquals("PWB-AD-002", c.eval("document.querySelector('section.check').id").asText(), "failures first, worst first");
            assertEquals("rgb(179, 38, 30)", c.eval("getComputedStyle(document.querySelector('section.check')).borderLeftColor").asText());
            assertEquals(List.of(), c.problems());
        }
    }
}
