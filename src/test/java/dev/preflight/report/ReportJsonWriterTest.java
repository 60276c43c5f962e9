package dev.preflight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.preflight.api.Evaluator;
import dev.preflight.api.Report;
import dev.preflight.generate.TenantGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            String line = new String(JsonReport.toJsonBytes(r, "in.jsonl:7"), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals("{\"origin\":\"in.jsonl:7\"," + JsonReport.toJson(r).substring(1), line);
            // The JSON Lines line of a batch: the same bytes and one newline, twice in a row on one thread's buffer.
            BatchLines lines = new BatchLines();
            for (int i = 0; i < 2; i++) {
                byte[] jsonl = lines.jsonLine(new dev.preflight.batch.BatchResult.Evaluated(6, "in.jsonl:7", r));
                assertEquals(line + "\n", new String(jsonl, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }
}
