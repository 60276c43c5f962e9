package dev.preflight.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job, in {@code local[2]}, gives for every record the result {@code preflight batch}
 * gives for it: the same JSON line (compared by origin, in any order), and the same summary.
 */
class ParityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("preflight-parity")
                .config("spark.ui.enabled", false)
                .config("spark.sql.shuffle.partitions", 2)
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void jsonLinesResultsAndSummaryEqualTheCommandLinesRecordForRecord() throws IOException {
        Path plain = Fleet.write(dir.resolve("fleet.jsonl"), 11, 3000, true);
        Path gzip = Fleet.write(dir.resolve("more.jsonl.gz"), 12, 400, true);

        Map<String, String> expected = Reference.cliLines(dir.resolve("cli.jsonl"), dir.resolve("cli-summary.json"), plain.toString(), gzip.toString());
        String out = dir.resolve("spark-out").toString();
        Run run = job(plain.toString(), gzip.toString(), "-o", out, "--split-size", "1m", "--summary", dir.resolve("spark-summary.json").toString());
        assertEquals(PreflightJob.OK, run.code, run.err);

        Map<String, String> actual = Reference.sparkLines(Path.of(out));
        assertEquals(3400, expected.size());
        assertTrue(expected.keySet().stream().filter(o -> o.startsWith(gzip.toString())).count() == 400);
        assertEquals(expected.keySet(), actual.keySet(), "the same records, by origin");
        expected.forEach((origin, line) -> assertEquals(line, actual.get(origin), origin));

        JsonNode cliSummary = JSON.readTree(dir.resolve("cli-summary.json").toFile());
        JsonNode sparkSummary = JSON.readTree(dir.resolve("spark-summary.json").toFile());
        assertEquals(withoutTimings(cliSummary.get("summary")), withoutTimings(sparkSummary.get("summary")));
        assertTrue(cliSummary.get("summary").get("invalid").asLong() > 50, "the fleet has invalid records");
        assertEquals(cliSummary.get("rules"), sparkSummary.get("rules"));
        assertTrue(sparkSummary.get("spark").get("partitions").asInt() > 2, "the plain file was read in several ranges");
        assertTrue(run.err.contains("3400 records read, 3400 results written"), run.err);
    }

    @Test
    void rulesFromADirectoryAreShippedToTheExecutorsAndNamedAsTheCommandLineNamesThem() throws IOException {
        Path rules = Path.of("../rules");
        Path input = Fleet.write(dir.resolve("fleet.jsonl"), 21, 300, true);
        Map<String, String> expected = Reference.cliLines(dir.resolve("cli.jsonl"), null, "--rules", rules.toString(), input.toString());
        String out = dir.resolve("spark-out").toString();
        Run run = job("--rules", rules.toString(), input.toString(), "-o", out);
        assertEquals(PreflightJob.OK, run.code, run.err);
        Map<String, String> actual = Reference.sparkLines(Path.of(out));
        assertEquals(expected, actual);
        String source = rules.toAbsolutePath().normalize().toString();
        assertTrue(actual.values().stream().filter(l -> l.contains("\"verdict\"")).allMatch(l -> l.contains("\"source\":\"" + source + "\"")));
    }

    @Test
    void aParquetTableOfJsonDocumentsGivesATenantRowPerDocumentAndAFindingRowPerFinding() throws IOException {
        Path input = Fleet.write(dir.resolve("fleet.jsonl"), 31, 500, true);
        Map<String, String> expected = Reference.cliLines(dir.resolve("cli.jsonl"), null, input.toString());
        // The same documents as a table, in input order in one file: row k is the k-th non-blank line.
        List<Row> rows = new ArrayList<>();
        List<Long> lineOfRow = new ArrayList<>();
        List<String> lines = Files.readAllLines(input);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                rows.add(RowFactory.create((long) i + 1, lines.get(i).strip()));
                lineOfRow.add((long) i + 1);
            }
        }
        StructType schema = new StructType().add("line", DataTypes.LongType).add("facts", DataTypes.StringType);
        String table = dir.resolve("table").toString();
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(table);

        String out = dir.resolve("spark-out").toString();
        Run run = job("--input-format", "parquet", "--json-column", "facts", table, "--output-format", "parquet", "-o", out);
        assertEquals(PreflightJob.OK, run.code, run.err);

        Map<String, Row> tenants = new TreeMap<>();
        for (Row r : spark.read().parquet(out + "/tenants").collectAsList()) {
            tenants.put(lineOrigin(r.getAs("origin"), input, lineOfRow), r);
        }
        assertEquals(expected.keySet(), tenants.keySet());
        Map<String, List<String>> findings = new TreeMap<>();
        for (Row r : spark.read().parquet(out + "/findings").collectAsList()) {
            String key = r.getAs("severity") == null ? r.getAs("check_id") + " | " + r.getAs("status")
                    : String.join(" | ", r.<String>getAs("check_id"), r.getAs("status"), r.getAs("severity"),
                            String.valueOf(r.<String>getAs("subject")), r.getAs("message"), r.getAs("remediation"), r.getAs("doc_url"));
            findings.computeIfAbsent(lineOrigin(r.getAs("origin"), input, lineOfRow), k -> new ArrayList<>()).add(key);
        }
        assertTrue(findings.values().stream().mapToInt(List::size).sum() > 300);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            JsonNode cli = JSON.readTree(e.getValue());
            Row tenant = tenants.get(e.getKey());
            if (cli.has("error")) {
                assertEquals(ResultRows.INVALID, tenant.getAs("verdict"), e.getKey());
                assertEquals(cli.get("error").get("message").asText(), tenant.getAs("error_message"), e.getKey());
                assertEquals(cli.get("error").get("path").asText(), tenant.getAs("error_path"), e.getKey());
                continue;
            }
            assertEquals(cli.get("verdict").asText(), tenant.getAs("verdict"), e.getKey());
            assertEquals(cli.get("tenant").get("tenantId").asText(), tenant.getAs("tenant_id"), e.getKey());
            assertEquals(cli.get("rules").get("hash").asText(), tenant.getAs("rules_hash"));
            List<String> want = new ArrayList<>();
            for (JsonNode c : cli.get("checks")) {
                for (JsonNode f : c.get("findings")) {
                    want.add(String.join(" | ", c.get("id").asText(), c.get("status").asText(), f.get("severity").asText(),
                            text(f, "subject"), f.get("message").asText(), f.get("remediation").asText(), f.get("docUrl").asText()));
                }
                if (c.get("findings").isEmpty() && !c.get("status").asText().equals("PASS")) {
                    want.add(c.get("id").asText() + " | " + c.get("status").asText());
                }
            }
            List<String> got = findings.getOrDefault(e.getKey(), List.of());
            assertEquals(want.stream().sorted().toList(), got.stream().sorted().toList(), e.getKey());
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "null" : v.asText();
    }

    /** A table row's origin, FILE#ROW, as the line of the JSON Lines file it was made from. */
    private static String lineOrigin(String origin, Path input, List<Long> lineOfRow) {
        int row = Integer.parseInt(origin.substring(origin.lastIndexOf('#') + 1));
        return input + ":" + lineOfRow.get(row);
    }

    static JsonNode withoutTimings(JsonNode summary) {
        ObjectNode copy = summary.deepCopy();
        copy.remove(List.of("wallSeconds", "recordsPerSecond", "threads"));
        return copy;
    }

    private record Run(int code, String err) {
    }

    private static Run job(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PreflightJob.run(spark, new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, err.toString(StandardCharsets.UTF_8));
    }
}
