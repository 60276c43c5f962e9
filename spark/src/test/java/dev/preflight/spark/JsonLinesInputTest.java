package dev.preflight.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.preflight.batch.BatchInputs;
import dev.preflight.batch.BatchRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a file in ranges gives exactly the records, lines and bytes the core reads from it whole. */
class JsonLinesInputTest {

    @TempDir
    Path dir;

    private final Configuration hadoop = new Configuration();

    @Test
    void rangesOfAnySizeHandOutEachRecordOnceWithItsLineNumber() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder text = new StringBuilder("\uFEFF");
        for (int i = 0; i < 400; i++) {
            int kind = random.nextInt(10);
            if (kind == 0) {
                text.append("\n"); // a blank line: no record, but a line
            } else if (kind == 1) {
                text.append("  {\"tenant\": {\"tenantId\": \"t").append(i).append("\"}}\r\n");
            } else {
                text.append("{\"tenant\":{\"tenantId\":\"").append(i).append("\",\"pad\":\"").append("x".repeat(random.nextInt(300)))
                        .append("\"}}\n");
            }
        }
        text.append("{\"last\": \"no newline\"}");
        Path file = dir.resolve("fleet.jsonl");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        List<String> expected = describe(BatchInputs.all(BatchInputs.jsonLines(Files.newInputStream(file), file.toString())));

        for (long split : new long[] {101, 333, 1000, 4096, 1 << 20}) {
            List<JsonLinesInput.Range> ranges = JsonLinesInput.plan(List.of(file.toString()), split, hadoop);
            List<JsonLinesInput.Counts> counts = new ArrayList<>();
            for (JsonLinesInput.Range r : ranges) {
                counts.add(JsonLinesInput.count(r, hadoop));
            }
            List<BatchRecord> records = new ArrayList<>();
            for (JsonLinesInput.NumberedRange r : JsonLinesInput.number(ranges, counts)) {
                JsonLinesInput.records(r, hadoop).forEachRemaining(records::add);
            }
            List<String> got = describe(records);
            assertEquals(expected, got, "split size " + split);
            assertEquals(expected.size(), counts.stream().mapToLong(JsonLinesInput.Counts::records).sum(), "records counted, split size " + split);
        }
    }

    @Test
    void aGzipFileIsOneRangeAndReadAsTheCoreReadsIt() throws IOException {
        Path file = dir.resolve("fleet.jsonl.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < 100; i++) {
                out.write(("{\"n\": " + i + "}\n" + (i % 10 == 0 ? "\n" : "")).getBytes(StandardCharsets.UTF_8));
            }
        }
        List<JsonLinesInput.Range> ranges = JsonLinesInput.plan(List.of(file.toString()), 10, hadoop);
        assertEquals(1, ranges.size());
        List<JsonLinesInput.Counts> counts = List.of(JsonLinesInput.count(ranges.get(0), hadoop));
        assertEquals(100, counts.get(0).records());
        List<BatchRecord> records = BatchInputs.all(JsonLinesInput.records(JsonLinesInput.number(ranges, counts).get(0), hadoop));
        assertEquals(describe(BatchInputs.all(BatchInputs.jsonLines(Files.newInputStream(file), file.toString()))), describe(records));
    }

    @Test
    void aDirectoryIsReadFileByFileSkippingHiddenAndMarkerFiles() throws IOException {
        Path table = Files.createDirectories(dir.resolve("table"));
        Files.writeString(table.resolve("part-00001.jsonl"), "{\"b\":1}\n");
        Files.writeString(table.resolve("part-00000.jsonl"), "{\"a\":1}\n{\"a\":2}\n");
        Files.writeString(table.resolve("_SUCCESS"), "");
        Files.writeString(table.resolve(".hidden.jsonl"), "{\"hidden\": true}\n");
        List<JsonLinesInput.Range> ranges = JsonLinesInput.plan(List.of(table.toString()), 1 << 20, hadoop);
        assertEquals(List.of("part-00000.jsonl", "part-00001.jsonl"), ranges.stream().map(r -> Path.of(r.path().replace("file:", "")).getFileName().toString()).toList());
        assertEquals(ranges.get(0).path(), ranges.get(0).source(), "files found in a directory are named by their URI");
    }

    private static List<String> describe(List<BatchRecord> records) {
        return records.stream().map(r -> r.origin() + " " + new String(r.json(), StandardCharsets.UTF_8)).toList();
    }
}
