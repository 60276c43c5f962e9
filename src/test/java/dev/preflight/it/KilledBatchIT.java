package dev.preflight.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.generate.TenantGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A batch killed with SIGKILL halfway, as by the OOM killer or a lost machine: the previous output
 * stays as it was, the partial result says it is partial, and {@code --resume} finishes the batch
 * with an output byte for byte the same as an uninterrupted run's.
 */
class KilledBatchIT {

    private static final int RECORDS = 12_000;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"jsonl", "csv"})
    void aKilledBatchLeavesThePreviousOutputAndResumesWithoutLosingOrRepeatingARecord(String format) throws Exception {
        Path input = tmp.resolve("tenants.jsonl");
        TenantGenerator generator = new TenantGenerator(11);
        try (BufferedWriter w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (int i = 0; i < RECORDS; i++) {
                w.write(i == 777 ? "{\"tenant\": 7}" : generator.line(i)); // an invalid record among them
                w.write('\n');
            }
        }
        Path expected = tmp.resolve("expected." + format);
        RunnableJarIT.Run whole = RunnableJarIT.run("batch", "-q", "--format", format, input.toString(), "-o", expected.toString());
        assertEquals(3, whole.exitCode(), whole.err());

        Path output = tmp.resolve("out." + format);
        byte[] previous = "the previous complete result\n".getBytes(StandardCharsets.UTF_8);
        Files.write(output, previous);
        Path partial = Path.of(output + ".partial");
        Path checkpoint = Path.of(output + ".partial.checkpoint");

        Process batch = start("batch", "-q", "--format", format, input.toString(), "-o", output.toString());
        long checkpointed = waitForCheckpoint(checkpoint, batch);
        batch.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
        assertTrue(batch.waitFor(30, TimeUnit.SECONDS));

        assertArrayEquals(previous, Files.readAllBytes(output), "the previous output is untouched");
        assertTrue(Files.exists(partial), "what was written is kept, under a name that says it is partial");
        assertTrue(checkpointed > 0 && checkpointed < RECORDS, "killed halfway: " + checkpointed);

        RunnableJarIT.Run resumed = RunnableJarIT.run("batch", "--format", format, input.toString(), "-o", output.toString(), "--resume");
        assertEquals(3, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("resuming after"), resumed.err());
        assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(output), "the same output as an uninterrupted run");
        assertFalse(Files.exists(partial));
        assertFalse(Files.exists(checkpoint));
        assertTrue(resumed.err().contains(RECORDS + " records"), "the summary counts every record: " + resumed.err());
        assertTrue(resumed.err().contains("invalid 1"), resumed.err());
    }

    private static Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(RunnableJarIT.JAR.toString());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Waits until the batch has checkpointed some records, and returns how many. */
    private static long waitForCheckpoint(Path checkpoint, Process batch) throws Exception {
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertTrue(batch.isAlive(), "the batch is still running");
            if (Files.exists(checkpoint)) {
                try {
                    JsonNode c = json.readTree(checkpoint.toFile());
                    if (c.get("records").asLong() > 0) {
                        return c.get("records").asLong();
                    }
                } catch (IOException e) {
                    // replaced while read: try again
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no checkpoint within 60 s");
    }
}
