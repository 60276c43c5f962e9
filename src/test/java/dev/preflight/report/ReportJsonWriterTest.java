package dev.preflight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.Evaluator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.api.Report;
import dev.preflight.batch.BatchResult;
import dev.preflight.generate.TenantGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The streaming writer writes exactly what reflective serialisation of the report would. */
class ReportJsonWriterTest {

    @Test
    void matchesReflectiveSerialisationByteForByte() throws IOException {
        try (Evaluator e = Evaluator.builder().rulesDirectory(Path.of("rules")).build();
             Stream<Path> samples = Files.list(Path.of("samples"))) {
            for (Path p : samples.filter(x -> x.toString().endsWith(".json")).toList()) {
                Report r = e.evaluate(p);
                assertEquals(JsonReport.toJsonReflectively(r), JsonReport.toJson(r), p.toString());
            }
            TenantGenerator g = new TenantGenerator(7);
            for (int i = 0; i < 300; i++) {
                Report r = e.evaluateJson(g.line(i));
                assertEquals(JsonReport.toJsonReflectively(r), JsonReport.toJson(r), "generated tenant " + i);
            }
            Report empty = e.evaluateJson("{}");
            assertEquals(JsonReport.toJsonReflectively(empty), JsonReport.toJson(empty));
        }
    }

    @Test
    void aBatchLineIsTheReportWithItsOriginFirst() {
        try (Evaluator e = Evaluator.builder().rulesDirectory(Path.of("rules")).build()) {
            Report r = e.evaluateJson("{}");
            String line = new String(JsonReport.toJsonBytes(r, "in.jsonl:7"), StandardCharsets.UTF_8);
            assertEquals("{\"origin\":\"in.jsonl:7\"," + JsonReport.toJson(r).substring(1), line);
            // The JSON Lines line of a batch: the same bytes and one newline, twice in a row on one thread's buffer.
            BatchLines lines = new BatchLines();
            for (int i = 0; i < 2; i++) {
                byte[] jsonl = lines.jsonLine(new BatchResult.Evaluated(6, "in.jsonl:7", r));
                assertEquals(line + "\n", new String(jsonl, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aThreadsBufferStaysRightAfterAHugeReport() throws IOException {
        // 600 federated writeback admins: one finding each, a report of several hundred KB, which
        // outgrows the thread's buffer, then lines of every size written on that same thread.
        ObjectMapper json = new ObjectMapper();
        ObjectNode facts = (ObjectNode) json.readTree(Path.of("samples/healthy-hybrid.json").toFile());
        ArrayNode users = (ArrayNode) facts.get("users");
        ObjectNode admin = (ObjectNode) users.get(0);
        for (int i = 0; i < 600; i++) {
            users.add(admin.deepCopy().put("userPrincipalName", "admin" + i + "@contoso.com")
                    .put("onPremisesSyncEnabled", true).put("federated", true));
        }
        try (Evaluator e = Evaluator.builder().rulesDirectory(Path.of("rules")).build()) {
            Report huge = e.evaluateJson(json.writeValueAsString(facts));
            Report healthy = e.evaluate(Path.of("samples/healthy-hybrid.json"));
            Report legacy = e.evaluate(Path.of("samples/legacy-forest-2008r2.json"));
            BatchLines lines = new BatchLines();
            for (Report r : List.of(healthy, huge, legacy, healthy, huge, huge, healthy)) {
                byte[] jsonl = lines.jsonLine(new BatchResult.Evaluated(1, "in.jsonl:2", r));
                assertEquals("{\"origin\":\"in.jsonl:2\"," + JsonReport.toJsonReflectively(r).substring(1) + "\n",
                        new String(jsonl, StandardCharsets.UTF_8));
            }
            assertTrue(JsonReport.toJsonBytes(huge, null).length > 256 * 1024,
                    "the huge report must outgrow the kept buffer for this test to mean anything");
        }
    }
}
