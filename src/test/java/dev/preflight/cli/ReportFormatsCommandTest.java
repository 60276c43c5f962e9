package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.generate.TenantGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The new outputs through the command line: --format junit|sarif, report, batch --html. */
class ReportFormatsCommandTest {

    @TempDir
    Path tmp;

    @Test
    void evaluateWritesJunitAndSarif() throws IOException {
        Cli.Result junit = Cli.run("evaluate", "--format", "junit", "samples/legacy-forest-2008r2.json");
        assertEquals(1, junit.exitCode(), "the exit code still follows the verdict");
        assertTrue(junit.out().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), junit.out());
        assertTrue(junit.out().contains("<testsuites name=\"preflight\" tests=\"36\" failures=\"2\" errors=\"0\">"), junit.out());
        Cli.Result sarif = Cli.run("evaluate", "--format", "sarif", "samples/legacy-forest-2008r2.json");
        JsonNode log = new ObjectMapper().readTree(sarif.out());
        assertEquals("2.1.0", log.get("version").asText());
        assertEquals("samples/legacy-forest-2008r2.json", log.at("/runs/0/artifacts/0/location/uri").asText());
        assertTrue(log.at("/runs/0/results/0/locations/0/physicalLocation/region/startLine").asInt() > 1);
        byte[] facts = Files.readAllBytes(Path.of("samples/legacy-forest-2008r2.json"));
        Cli.Result stdin = Cli.run(facts, java.util.Map.of(), false, "evaluate", "--format", "sarif", "-");
        assertEquals("stdin", new ObjectMapper().readTree(stdin.out()).at("/runs/0/artifacts/0/location/uri").asText());
        assertEquals(log.at("/runs/0/results/0/locations/0/physicalLocation/region"),
                new ObjectMapper().readTree(stdin.out()).at("/runs/0/results/0/locations/0/physicalLocation/region"));
    }

    @Test
    void batchHtmlAndReportWriteTheSameFleetPage() throws IOException {
        TenantGenerator gen = new TenantGenerator(5);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            lines.add(gen.line(i));
        }
        lines.add("{\"tenant\": {\"tenantId\": \"bad-1\", \"collectedAt\": \"yesterday\"}}");
        Path in = tmp.resolve("fleet.jsonl");
        Files.write(in, lines);
        Path results = tmp.resolve("results.jsonl");
        Path html = tmp.resolve("batch.html");
        Cli.Result b = Cli.run("batch", "-q", "--threads", "2", "-o", results.toString(), "--html", html.toString(), in.toString());
        assertEquals(3, b.exitCode(), "one invalid record: " + b.err());
        Path page = tmp.resolve("fleet.html");
        assertEquals(0, Cli.run("report", results.toString(), "-o", page.toString()).exitCode());
        String fromBatch = Files.readString(html);
        String fromReport = Files.readString(page);
        assertTrue(fromBatch.contains("121 tenants"), fromBatch.substring(0, 2000));
        assertTrue(fromBatch.contains("1 invalid"));
        // The same data and charts; only the title (the input's names) differs.
        assertEquals(fromBatch.substring(fromBatch.indexOf("<script type=\"application/json\"")),
                fromReport.substring(fromReport.indexOf("<script type=\"application/json\"")));
        assertFalse(fromReport.contains("http://") && fromReport.contains("src=\"http"), "nothing loaded from the network");
        assertTrue(fromReport.contains("script-src 'sha256-"), "only the page's own script may run");
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".partial")).toList(), "no temporary file left");
        }
    }
}
