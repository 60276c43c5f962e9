package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.generate.TenantGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -o} naming a pipe or a device ({@code /dev/stdout}, {@code /dev/null}, a shell's process
 * substitution): the output is written into it, and it is still a pipe afterwards. A file written
 * beside it and renamed over it, as an ordinary output is, replaced {@code /dev/null} with a file
 * when run as root. A named pipe stands for them here: a test must not risk the machine's devices.
 */
class OutputToPipesTest {

    @TempDir
    Path tmp;

    @Test
    void batchWritesIntoAPipeAndLeavesItAPipe() throws Exception {
        Path fifo = fifo("results");
        Path in = tmp.resolve("tenants.jsonl");
        String healthy = Files.readString(Path.of("samples/healthy-hybrid.json")).replace("\n", "");
        Files.writeString(in, (healthy + "\n").repeat(3));
        CompletableFuture<byte[]> read = drain(fifo);
        Cli.Result r = Cli.run("batch", "--rules", "rules", "-q", in.toString(), "-o", fifo.toString());
        assertEquals(0, r.exitCode(), r.err());
        String written = new String(read.get(60, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        assertEquals(3, written.lines().count(), "one result line per tenant through the pipe");
        assertTrue(written.lines().allMatch(l -> l.contains("\"verdict\":\"ELIGIBLE\"")), written.substring(0, Math.min(300, written.length())));
        assertPipe(fifo);
        assertFalse(Files.exists(tmp.resolve("results.partial")), "no partial file beside the pipe");
        assertFalse(Files.exists(tmp.resolve("results.partial.checkpoint")), "no checkpoint beside the pipe");
    }

    @Test
    void aReaderThatGoesAwayStopsTheBatchWithOneMessage() throws Exception {
        Path fifo = fifo("results");
        Path in = tmp.resolve("tenants.jsonl");
        TenantGenerator generator = new TenantGenerator(5);
        StringBuilder tenants = new StringBuilder();
        for (int i = 0; i < 300; i++) { // some 3 MB of results: more than a pipe holds
            tenants.append(generator.line(i)).append('\n');
        }
        Files.writeString(in, tenants);
        // As `| head -c 100` does: read a little, then close.
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try (InputStream pipe = Files.newInputStream(fifo)) {
                return pipe.readNBytes(100);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Cli.Result r = Cli.run("batch", "--rules", "rules", "-q", in.toString(), "-o", fifo.toString());
        assertEquals(100, read.get(60, TimeUnit.SECONDS).length);
        assertEquals(ExitCodes.IO_ERROR, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("preflight: batch stopped after "), r.err());
        assertEquals(1, r.err().lines().count(), "one message: " + r.err());
        assertPipe(fifo);
    }

    @Test
    void aReaderOfStandardOutputThatGoesAwayStopsTheBatchToo() throws Exception {
        Path in = tmp.resolve("tenants.jsonl");
        TenantGenerator generator = new TenantGenerator(5);
        StringBuilder tenants = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            tenants.append(generator.line(i)).append('\n');
        }
        Files.writeString(in, tenants);
        // Standard output piped into `head`: after 100 KB every write fails, as a closed pipe's does.
        OutputStream closing = new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > 100_000) {
                    throw new IOException("Broken pipe");
                }
                written += len;
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new ByteArrayInputStream(new byte[0]), new PrintStream(closing, false, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("PREFLIGHT_RULES_CACHE", Cli.RULES_CACHE), false);
        int exit = Main.run(console, "batch", "--rules", "rules", "-q", in.toString());
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.IO_ERROR, exit, message);
        Matcher stopped = Pattern.compile("^preflight: batch stopped after (\\d+) records: .*standard output is closed").matcher(message);
        assertTrue(stopped.find(), message);
        assertTrue(Integer.parseInt(stopped.group(1)) < 300, "stopped before the end: " + message);
        assertEquals(1, message.lines().count(), "one message: " + message);
    }

    @Test
    void resumingIntoAPipeIsRefused() throws Exception {
        Path fifo = fifo("results");
        Cli.Result r = Cli.run("batch", "--rules", "rules", "-q", "--resume", "samples/healthy-hybrid.json", "-o", fifo.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().contains("--resume needs an output file; " + fifo + " is a device or a pipe"), r.err());
        assertPipe(fifo);
    }

    @Test
    void evaluateWritesIntoAPipeAndLeavesItAPipe() throws Exception {
        Path fifo = fifo("report");
        CompletableFuture<byte[]> read = drain(fifo);
        Cli.Result r = Cli.run("evaluate", "--rules", "rules", "--format", "json", "-o", fifo.toString(), "samples/healthy-hybrid.json");
        assertEquals(0, r.exitCode(), r.err());
        String report = new String(read.get(60, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        assertTrue(report.contains("\"verdict\" : \"ELIGIBLE\"") || report.contains("\"verdict\":\"ELIGIBLE\""), report.substring(0, Math.min(300, report.length())));
        assertPipe(fifo);
    }

    @Test
    void aDirectoryAsTheOutputIsAnErrorAndStaysAsItWas() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("reports"));
        Cli.Result batch = Cli.run("batch", "--rules", "rules", "-q", "samples/healthy-hybrid.json", "-o", dir.toString());
        assertEquals(ExitCodes.IO_ERROR, batch.exitCode(), batch.err());
        assertTrue(batch.err().contains(dir + " is a directory"), batch.err());
        Cli.Result evaluate = Cli.run("evaluate", "--rules", "rules", "-o", dir.toString(), "samples/healthy-hybrid.json");
        assertEquals(ExitCodes.IO_ERROR, evaluate.exitCode(), evaluate.err());
        assertTrue(evaluate.err().contains(dir + " is a directory"), evaluate.err());
        assertTrue(Files.isDirectory(dir));
        try (var left = Files.list(tmp)) {
            assertArrayEquals(new Object[] {dir}, left.toArray(), "nothing written beside it");
        }
    }

    private Path fifo(String name) throws IOException, InterruptedException {
        Path fifo = tmp.resolve(name);
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertPipe(fifo);
        return fifo;
    }

    /** Reads the pipe to its end on a thread of its own, as the process at its other end would. */
    private static CompletableFuture<byte[]> drain(Path fifo) {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void assertPipe(Path path) {
        assertTrue(Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path), path + " is still a pipe");
    }
}
