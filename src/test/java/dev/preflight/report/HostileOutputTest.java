package dev.preflight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.api.Evaluator;
import dev.preflight.api.Report;
import dev.preflight.batch.BatchResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tenant-supplied strings reach terminals, spreadsheets and browsers: none of them can act there. */
class HostileOutputTest {

    static final String NAME = "<script>alert('x')</script>\u001b[2J\u001b]0;pwned\u0007\r\nVerdict  ELIGIBLE";
    static final String DC = "dc1\"><img src=x onerror=alert(1)>.corp";
    static final String UPN = "=HYPERLINK(\"http://evil.example\",\"click\")";

    static Evaluator evaluator;
    static Report report;

    @BeforeAll
    static void evaluate() throws IOException {
        ObjectMapper json = new ObjectMapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(Files.readString(Path.of("samples/legacy-forest-2008r2.json")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("tenant")).put("displayName", NAME);
        var dc = (com.fasterxml.jackson.databind.node.ObjectNode) tree.at("/onPremises/forests/0/domains/0/domainControllers/1");
        dc.put("hostName", DC);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.at("/users/0")).put("userPrincipalName", UPN);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.at("/users/0")).put("federated", true);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.at("/users/0")).put("onPremisesSyncEnabled", true);
        evaluator = Evaluator.builder().rulesDirectory(Path.of("rules")).build();
        report = evaluator.evaluateJson(tree.toString());
    }

    @AfterAll
    static void close() {
        evaluator.close();
    }

    @Test
    void theTextReportCarriesNoEscapeOrControlCharacters() {
        String text = TextReport.render(report, Style.PLAIN, true);
        assertFalse(text.chars().anyMatch(c -> c == 0x1b || c == 0x07 || c == '\r'), "no ESC, BEL or CR from the tenant");
        assertEquals(1, text.lines().filter(l -> l.startsWith("  Verdict")).count(), "the tenant cannot fake a verdict line");
        assertTrue(text.contains(DC), "the host name is shown as text: " + text);
    }

    @Test
    void theHtmlReportEscapesEverythingAndRunsNothing() {
        String html = HtmlReport.render(report);
        assertFalse(html.contains("<script"), "no script element");
        assertFalse(html.contains("<img"), "no element from a host name");
        assertFalse(html.contains("dc1\">") || html.contains("dc1\"&gt;<"), "the host name's quote closes no attribute (the page's own markup may: its bars are elements in elements)");
        assertTrue(html.contains("&lt;script&gt;"), "the name shown escaped");
        assertTrue(html.contains("dc1&#34;&gt;&lt;img src=x onerror=alert(1)&gt;.corp"), "the host name shown escaped");
        assertTrue(html.contains("default-src 'none'"), "the page forbids loading or running anything");
        assertFalse(html.chars().anyMatch(c -> c == 0x1b), "no terminal escapes either");
    }

    @Test
    void csvCellsCannotRunFormulas() {
        String csv = new String(new BatchLines().csvRows(new BatchResult.Evaluated(0, "in.jsonl:1", report)), StandardCharsets.UTF_8);
        assertTrue(csv.contains("'=HYPERLINK("), "a formula is defused: " + csv);
        assertFalse(csv.contains(",=HYPERLINK(") || csv.contains(",\"=HYPERLINK("), "no live formula cell: " + csv);
        assertFalse(csv.chars().anyMatch(c -> c == 0x1b || c == 0x07), "no control characters");
    }

    @Test
    void jsonKeepsTheValuesExactlyAndEscapedForJson() throws IOException {
        String json = report.toJson();
        var tree = new ObjectMapper().readTree(json);
        assertEquals(NAME, tree.get("tenant").get("displayName").asText(), "the machine contract keeps the exact value");
        assertFalse(json.chars().anyMatch(c -> c < 0x20), "control characters are \\u-escaped in JSON");
    }
}
