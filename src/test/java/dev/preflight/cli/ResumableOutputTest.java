package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.preflight.batch.BatchResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output file, written around the page cache or through it: the same bytes, the same checkpoints, the same resume. */
class ResumableOutputTest {

    private static final ResumableOutput.Identity BATCH = new ResumableOutput.Identity(List.of("fleet.jsonl (1 bytes)"), "jsonl", "validate-only");

    @TempDir
    Path tmp;

    @Test
    void directWritesOnLinuxGiveTheSameFilesAsThePageCache() throws Exception {
        byte[] direct = interruptedThenResumed(tmp.resolve("direct.jsonl"), true);
        byte[] cached = interruptedThenResumed(tmp.resolve("cached.jsonl"), false);
        assertEquals(expected(5_000), new String(cached, StandardCharsets.UTF_8));
        assertArrayEquals(cached, direct);
    }

    @Test
    void onLinuxResultsAreWrittenAroundThePageCache() throws Exception {
        Path target = tmp.resolve("out.jsonl");
        try (ResumableOutput out = ResumableOutput.open(target, BATCH, false, new ArrayList<>())) {
            assertEquals(System.getProperty("os.name").startsWith("Linux"), out.writesDirect());
        }
    }

    /** 3,000 records, the batch interrupted (closed uncommitted), resumed, 2,000 more, committed. */
    private static byte[] interruptedThenResumed(Path target, boolean direct) throws Exception {
        ResumableOutput first = ResumableOutput.open(target, BATCH, false, new ArrayList<>(), direct);
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        for (int i = 0; i < 3_000; i++) {
            byte[] line = line(i);
            first.write(new BatchResult.Read(i, "fleet.jsonl:" + (i + 1), "t" + i), line);
            partial.write(line);
        }
        first.close();
        // what an interrupted batch leaves: exactly its records, no padding after them
        assertArrayEquals(partial.toByteArray(), Files.readAllBytes(first.partial()));
        assertFalse(Files.exists(target));

        List<String> notes = new ArrayList<>();
        ResumableOutput resumed = ResumableOutput.open(target, BATCH, true, notes, direct);
        assertEquals(3_000, resumed.resumedRecords(), notes.toString());
        for (int i = 3_000; i < 5_000; i++) {
            resumed.write(new BatchResult.Read(i, "fleet.jsonl:" + (i + 1), "t" + i), line(i));
        }
        resumed.commit();
        resumed.close();
        assertEquals(5_000, resumed.counter().state().valid(), "the summary counts the records of both runs");
        return Files.readAllBytes(target);
    }

    /** Lines of uneven length, so that records end anywhere in a block. */
    private static byte[] line(int i) {
        return ("{\"tenant\":\"t" + i + "\",\"pad\":\"" + "x".repeat(i * 37 % 5_000) + "\"}\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String expected(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(new String(line(i), StandardCharsets.UTF_8));
        }
        return b.toString();
    }
}
