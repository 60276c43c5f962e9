package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.generate.TenantGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Generated tenants, with an invalid record every {@code invalidEvery} lines (0: none). */
    private Path input(String name, int count, int invalidEvery, long seed) throws IOException {
        TenantGenerator g = new TenantGenerator(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(invalidEvery > 0 && i % invalidEvery == invalidEvery - 1 ? "{\"tenant\": {\"collectedAt\": \"yesterday\"}}" : g.line(i)).append('\n');
        }
        Path p = tmp.resolve(name);
        Files.writeString(p, sb.toString());
        return p;
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    @Test
    void aMixedFileGivesOneResultPerRecordInOrderAndExitsThree() throws IOException {
        Path in = input("mixed.jsonl", 120, 10, 1);
        Path out = tmp.resolve("out.jsonl");
        Path summary = tmp.resolve("summary.json");
        Cli.Result r = Cli.run("batch", "--rules", "rules", in.toString(), "--output", out.toString(), "--summary", summary.toString(), "--threads", "2");
        assertEquals(3, r.exitCode(), r.err());
        List<JsonNode> results = lines(out);
        assertEquals(120, results.size());
        for (int i = 0; i < 120; i++) {
            JsonNode line = results.get(i);
            assertEquals(in + ":" + (i + 1), line.get("origin").asText());
            if (i % 10 == 9) {
                assertEquals("invalid-input", line.get("error").get("kind").asText());
                assertEquals("tenant.collectedAt", line.get("error").get("path").asText());
                assertEquals(i + 1, line.get("error").get("line").asInt());
            } else {
                assertEquals(36, line.get("checks").size(), "the same report object as evaluate --format json");
                assertTrue(line.get("verdict").isTextual());
            }
        }
        JsonNode jvm = JSON.readTree(summary.toFile()).get("jvm");
        assertTrue(jvm.get("peakHeapBytes").asLong() > 0 && jvm.get("peakHeapBytes").asLong() <= jvm.get("maxHeapBytes").asLong(), jvm.toString());
        assertTrue(jvm.get("cpuSeconds").asDouble() > 0, "the process's CPU time, to tell warm-up from work: " + jvm);
        assertTrue(jvm.get("jitCompileSeconds").asDouble() > 0, jvm.toString());
        JsonNode s = JSON.readTree(summary.toFile()).get("summary");
        assertEquals(120, s.get("records").asInt());
        assertEquals(108, s.get("evaluated").asInt());
        assertEquals(12, s.get("invalid").asInt());
        assertTrue(s.get("checks").has("PWB-LIC-001"));
        assertTrue(s.get("recordsPerSecond").asDouble() > 0);
        assertTrue(r.err().startsWith("preflight batch: 120 records in "), r.err());
        assertTrue(r.err().contains("invalid 12"), r.err());
        assertFalse(r.err().contains("\r"), "no progress bar when standard error is not a terminal");
    }

    @Test
    void exitCodesGateOnVerdictsWhenAsked() throws IOException {
        Path in = input("valid.jsonl", 60, 0, 2);
        assertEquals(0, Cli.run("batch", "--rules", "rules", "-q", in.toString(), "-o", tmp.resolve("a.jsonl").toString()).exitCode());
        assertEquals(1, Cli.run("batch", "--rules", "rules", "-q", "--fail-on", "not-eligible", in.toString(), "-o", tmp.resolve("b.jsonl").toString()).exitCode());
        Path healthyOrIncomplete = tmp.resolve("hi.jsonl");
        String healthy = Files.readString(Path.of("samples/healthy-hybrid.json")).replace("\n", "");
        String incomplete = Files.readString(Path.of("samples/network-not-collected.json")).replace("\n", "");
        Files.writeString(healthyOrIncomplete, healthy + "\n" + incomplete + "\n");
        assertEquals(0, Cli.run("batch", "--rules", "rules", "-q", "--fail-on", "not-eligible", healthyOrIncomplete.toString(), "-o", tmp.resolve("c.jsonl").toString()).exitCode());
        assertEquals(2, Cli.run("batch", "--rules", "rules", "-q", "--fail-on", "incomplete", healthyOrIncomplete.toString(), "-o", tmp.resolve("d.jsonl").toString()).exitCode());
        Cli.Result usage = Cli.run("batch", "--fail-on", "sometimes", healthyOrIncomplete.toString());
        assertEquals(64, usage.exitCode());
        assertTrue(usage.err().startsWith("preflight: --fail-on must be not-eligible or incomplete"), "on the console's error stream: " + usage.err());
    }

    @Test
    void readsDirectoriesGzipAndStandardInputInOneRun() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("exports"));
        Files.copy(Path.of("samples/healthy-hybrid.json"), dir.resolve("a.json"));
        Files.copy(Path.of("samples/federated-admin.json"), dir.resolve("b.json"));
        Path gz = tmp.resolve("more.jsonl.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write((new TenantGenerator(3).line(0) + "\n" + new TenantGenerator(3).line(1) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] stdin = (Files.readString(Path.of("samples/sspr-disabled.json")).replace("\n", "") + "\n").getBytes(StandardCharsets.UTF_8);
        Cli.Result r = Cli.run(stdin, Map.of(), false, "batch", "--rules", "rules", "-q", dir.toString(), gz.toString(), "-");
        assertEquals(0, r.exitCode(), r.err());
        List<String> origins = new ArrayList<>();
        for (String l : r.out().split("\n")) {
            origins.add(JSON.readTree(l).get("origin").asText());
        }
        assertEquals(List.of(dir.resolve("a.json").toString(), dir.resolve("b.json").toString(), gz + ":1", gz + ":2", "-:1"), origins);
    }

    @Test
    void csvHasOneRowPerTenantAndFailingCheckWithFormulasDefused() throws IOException {
        Path in = tmp.resolve("in.jsonl");
        String evil = Files.readString(Path.of("samples/office-only-licensing.json")).replace("\n", "")
                .replace("Tailspin Toys", "=HYPERLINK(\\\"http://evil\\\",\\\"click\\\")");
        Files.writeString(in, evil + "\n" + Files.readString(Path.of("samples/healthy-hybrid.json")).replace("\n", "") + "\n{broken\n");
        Cli.Result r = Cli.run("batch", "--rules", "rules", "-q", "--format", "csv", in.toString());
        assertEquals(3, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("origin,tenantId,displayName,verdict,checkId,status,severity,findings,subject,message,remediation,docUrl", lines.get(0));
        List<List<String>> rows = new ArrayList<>();
        try (var it = new com.fasterxml.jackson.dataformat.csv.CsvMapper().enable(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.WRAP_AS_ARRAY)
                .readerForListOf(String.class).<List<String>>readValues(r.out())) {
            it.forEachRemaining(rows::add);
        }
        List<List<String>> first = rows.stream().filter(x -> x.get(0).equals(in + ":1")).toList();
        assertEquals(List.of("PWB-LIC-002", "PWB-LIC-004"), first.stream().map(x -> x.get(4)).toList(), "one row per failing check");
        assertTrue(first.stream().allMatch(x -> x.get(2).startsWith("'=HYPERLINK(")), "formula defused: " + first);
        assertTrue(rows.stream().anyMatch(x -> x.get(0).equals(in + ":2") && x.get(3).equals("ELIGIBLE") && x.get(4).isEmpty()), rows.toString());
        assertTrue(rows.stream().anyMatch(x -> x.get(0).equals(in + ":3") && x.get(3).equals("INVALID")), rows.toString());
    }

    /** A gzip file cut in the middle: its first records read, then the input fails. */
    private Path truncatedGzip(String name, int records) throws IOException {
        Path gz = tmp.resolve(name);
        java.io.ByteArrayOutputStream full = new java.io.ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(full)) {
            for (int i = 0; i < records; i++) {
                o.write((new TenantGenerator(8).line(i) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] bytes = full.toByteArray();
        Files.write(gz, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        return gz;
    }

    /** Runs a batch that stops halfway, leaving a partial result for {@code out}; returns its input. */
    private Path leavePartialResult(Path out) throws IOException {
        Path gz = truncatedGzip("broken.jsonl.gz", 200);
        assertEquals(66, Cli.run("batch", "--rules", "rules", "-q", gz.toString(), "-o", out.toString()).exitCode());
        return gz;
    }

    @Test
    void aBrokenInputStopsWithAMessageAndLeavesOnlyAClearlyPartialResult() throws IOException {
        Path gz = truncatedGzip("broken.jsonl.gz", 200);
        Path out = tmp.resolve("out.jsonl");
        Cli.Result r = Cli.run("batch", "--rules", "rules", "-q", gz.toString(), "-o", out.toString());
        assertEquals(66, r.exitCode(), r.err());
        assertTrue(r.err().contains("batch stopped after"), r.err());
        assertTrue(r.err().contains("--resume"), r.err());
        assertFalse(Files.exists(out), "no truncated output in place of the result");
        Path partial = tmp.resolve("out.jsonl.partial");
        List<JsonNode> written = lines(partial);
        assertFalse(written.isEmpty());
        for (int i = 0; i < written.size(); i++) {
            assertEquals(gz + ":" + (i + 1), written.get(i).get("origin").asText(), "complete records, in order");
        }
        JsonNode checkpoint = JSON.readTree(tmp.resolve("out.jsonl.partial.checkpoint").toFile());
        assertEquals(written.size(), checkpoint.get("records").asInt());
        assertEquals(Files.size(partial), checkpoint.get("bytes").asLong());
    }

    @Test
    void resumingSkipsTheRecordsAlreadyWrittenAndWritesNoneTwice() throws IOException {
        Path out = tmp.resolve("out.jsonl");
        Path gz = leavePartialResult(out);
        Path partial = tmp.resolve("out.jsonl.partial");
        byte[] first = Files.readAllBytes(partial);
        Files.write(partial, "{\"half a record written when the batch was killed".getBytes(StandardCharsets.UTF_8),
                java.nio.file.StandardOpenOption.APPEND);

        Cli.Result again = Cli.run("batch", "--rules", "rules", gz.toString(), "-o", out.toString(), "--resume");
        assertEquals(66, again.exitCode(), again.err());
        assertTrue(again.err().contains("resuming after " + lines(tmp.resolve("out.jsonl.partial")).size()), again.err());
        assertEquals(new String(first, StandardCharsets.UTF_8), Files.readString(partial),
                "cut back to the checkpoint; the same input fails at the same record, and nothing is repeated");
    }

    @Test
    void resumingAnotherBatchsPartialResultIsRefused() throws IOException {
        Path out = tmp.resolve("out.jsonl");
        Path gz = leavePartialResult(out);
        Path other = input("other.jsonl", 5, 0, 2);

        Cli.Result r = Cli.run("batch", "--rules", "rules", "-q", other.toString(), "-o", out.toString(), "--resume");
        assertEquals(64, r.exitCode(), r.err());
        assertTrue(r.err().contains("belongs to another batch"), r.err());
        assertTrue(Files.exists(tmp.resolve("out.jsonl.partial")), "left as it was");

        Cli.Result csv = Cli.run("batch", "--rules", "rules", "-q", "--format", "csv", gz.toString(), "-o", out.toString(), "--resume");
        assertEquals(64, csv.exitCode(), "another format is another batch: " + csv.err());
    }

    @Test
    void aFreshRunReplacesAnEarlierPartialResultAndSaysSo() throws IOException {
        Path out = tmp.resolve("out.jsonl");
        leavePartialResult(out);
        Path in = input("in.jsonl", 12, 0, 3);

        Cli.Result r = Cli.run("batch", "--rules", "rules", in.toString(), "-o", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("replacing a partial result"), r.err());
        assertEquals(12, lines(out).size());
        try (var files = Files.list(tmp)) {
            assertEquals(List.of("broken.jsonl.gz", "in.jsonl", "out.jsonl"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "no partial file or checkpoint left");
        }
    }

    @Test
    void resumeWithNothingToResumeRunsTheWholeBatch() throws IOException {
        Path in = input("in.jsonl", 10, 0, 4);
        Path out = tmp.resolve("out.csv");
        Cli.Result r = Cli.run("batch", "--rules", "rules", "--format", "csv", in.toString(), "-o", out.toString(), "--resume");
        assertTrue(r.err().contains("nothing to resume"), r.err());
        assertTrue(Files.readString(out).startsWith("origin,"), "the CSV header is written once, first");
    }

    @Test
    void resumeNeedsAnOutputFileAndAnInputThatCanBeReadAgain() throws IOException {
        Path in = input("in.jsonl", 2, 0, 5);
        Cli.Result toStdout = Cli.run("batch", in.toString(), "--resume");
        assertEquals(64, toStdout.exitCode());
        assertTrue(toStdout.err().contains("--resume needs -o FILE"), toStdout.err());
        Cli.Result fromStdin = Cli.run("batch", "-", "-o", tmp.resolve("o.jsonl").toString(), "--resume");
        assertEquals(64, fromStdin.exitCode());
        assertTrue(fromStdin.err().contains("cannot read standard input again"), fromStdin.err());
    }

    @Test
    void aMissingInputIsReportedBeforeAnythingRuns() {
        Cli.Result r = Cli.run("batch", tmp.resolve("nope.jsonl").toString());
        assertEquals(66, r.exitCode());
        assertTrue(r.err().contains("no such file"), r.err());
    }

    @Test
    void validateOnlyChecksAnExportWithoutEvaluating() throws IOException {
        Path in = input("v.jsonl", 30, 5, 4);
        Cli.Result r = Cli.run("batch", "--validate-only", in.toString());
        assertEquals(3, r.exitCode());
        List<String> out = r.out().lines().toList();
        assertEquals(30, out.size());
        assertTrue(JSON.readTree(out.get(0)).get("valid").asBoolean());
        assertEquals("invalid-input", JSON.readTree(out.get(4)).get("error").get("kind").asText());
        assertTrue(r.err().contains("valid 24, invalid 6"), r.err());
    }

    @Test
    void generateWritesSeededTenants() throws IOException {
        Path a = tmp.resolve("a.jsonl");
        Path b = tmp.resolve("b.jsonl.gz");
        assertEquals(0, Cli.run("generate", "--count", "25", "--seed", "9", "-o", a.toString()).exitCode());
        assertEquals(0, Cli.run("generate", "--count", "25", "--seed", "9", "-o", b.toString()).exitCode());
        assertEquals(25, Files.readAllLines(a).size());
        Cli.Result again = Cli.run("generate", "--count", "25", "--seed", "9");
        assertEquals(Files.readString(a), again.out(), "the same seed gives the same tenants");
        Cli.Result batch = Cli.run("batch", "--rules", "rules", "-q", b.toString());
        assertEquals(0, batch.exitCode(), batch.err());
        assertEquals(25, batch.out().lines().count());
    }
}
