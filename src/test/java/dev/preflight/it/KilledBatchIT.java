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
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A batch killed with SIGKILL halfway, as by the OOM killer or a lost machine: the previous output
 * stays as it was, the partial result says it is partial, and {@code --resume} finishes the batch
 * with an output byte for byte the same as an uninterrupted run's.
 *
 * <p>Where the kill lands does not depend on the machine's speed: the batch is paused (SIGSTOP) as
 * soon as its output is open, for longer than the checkpoint interval (1 s), and resumed (SIGCONT),
 * so the first record it writes then takes a checkpoint; the kill follows as soon as that
 * checkpoint is on the disk (polled every 5 ms), in the first records (at the first one, on a
 * 2-core machine under load 15 to 35), with thousands still to come. Unpaused, the first
 * checkpoint came at 5,000 records or after a second, whichever came first, and the test needed
 * 12,000 records for the batch to be surely still running when it was seen.
 */
@EnabledOnOs({OS.LINUX, OS.MAC}) // SIGSTOP and SIGCONT through the shell's kill
class KilledBatchIT {

    /** A checkpoint, an invalid record (the 778th) and thousands of records after the kill. */
    private static final int RECORDS = 3_000;

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
        long checkpointed;
        try {
            // The output open starts its checkpoint clock: a pause longer than a checkpoint interval
            // makes the first record written after it take a checkpoint. A CSV output checkpoints its
            // header as it opens (and restarts the clock): the pause comes after that one.
            waitFor(() -> Files.exists(partial) && (!format.equals("csv") || Files.exists(checkpoint)), batch, "the batch opens its output");
            signal(batch, "STOP");
            Thread.sleep(1_500);
            signal(batch, "CONT");
            checkpointed = waitForCheckpoint(checkpoint, batch);
        } finally {
            batch.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
        }
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

    /** Sends {@code signal} (STOP, CONT) to the batch's process: the shell's kill, there without procps. */
    private static void signal(Process batch, String signal) throws Exception {
        Process kill = new ProcessBuilder("sh", "-c", "kill -" + signal + " " + batch.pid()).inheritIO().start();
        assertTrue(kill.waitFor(30, TimeUnit.SECONDS), "kill -" + signal);
        assertEquals(0, kill.exitValue(), "kill -" + signal);
    }

    /** Waits (at most 60 s) until {@code done}, the batch running all along. */
    private static void waitFor(java.util.function.BooleanSupplier done, Process batch, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            assertTrue(batch.isAlive(), "the batch is still running");
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Waits until the batch has checkpointed some records, and returns how many. */
    private static long waitForCheckpoint(Path checkpoint, Process batch) throws Exception {
        ObjectMapper json = new ObjectMapper();
        long[] records = {0};
        waitFor(() -> {
            if (Files.exists(checkpoint)) {
                try {
                    JsonNode c = json.readTree(checkpoint.toFile());
                    records[0] = c.get("records").asLong();
                } catch (IOException e) {
                    // replaced while read: try again
                }
            }
            return records[0] > 0;
        }, batch, "a checkpoint of some records");
        return records[0];
    }
}
