package dev.preflight.fuzz;

import dev.preflight.generate.TenantGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * On demand: the batch of "Collections must not read outside themselves" that exhausted a 512 MB
 * heap: 60 records of about 16 MB each (each under the 16 MiB record limit), run by the real
 * command line in a child JVM with {@code -Xmx512m}. It must finish (or fail cleanly) with no
 * OutOfMemoryError, and a second run sent SIGTERM after a few seconds must end promptly.
 *
 * <pre>
 * mvn -o -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.preflight.fuzz.BigRecordsBatch
 * </pre>
 */
public final class BigRecordsBatch {

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of("target/big-records-batch"));
        Path input = dir.resolve("big.jsonl");
        write(input, 60);
        System.out.printf("input: %,d bytes in 60 records%n", Files.size(input));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", classPath(), "dev.preflight.cli.Main", "batch", "-q", "-o", dir.resolve("out.jsonl").toString(),
                input.toString()));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile()).start();
        boolean done = p.waitFor(600, TimeUnit.SECONDS);
        String log = Files.readString(dir.resolve("run.log"));
        System.out.printf("full run: %s in %.0f s, exit %s, OutOfMemoryError: %s%n", done ? "ended" : "STILL RUNNING", (System.nanoTime() - start) / 1e9,
                done ? p.exitValue() : "-", log.contains("OutOfMemoryError"));
        if (!done) {
            p.destroyForcibly();
        }
        start = System.nanoTime();
        Process q = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("term.log").toFile()).start();
        Thread.sleep(15_000);
        q.destroy(); // SIGTERM
        boolean ended = q.waitFor(30, TimeUnit.SECONDS);
        System.out.printf("SIGTERM after 15 s: %s %.1f s after the signal, exit %s%n", ended ? "ended" : "IGNORED",
                (System.nanoTime() - start) / 1e9 - 15, ended ? q.exitValue() : "-");
        if (!ended) {
            q.destroyForcibly();
        }
        Files.delete(input);
        System.exit(done && !log.contains("OutOfMemoryError") && ended ? 0 : 1);
    }

    /** The class path this runs with (exec:java's own loader when run through Maven). */
    private static String classPath() {
        if (Thread.currentThread().getContextClassLoader() instanceof java.net.URLClassLoader u) {
            return Arrays.stream(u.getURLs()).map(url -> {
                try {
                    return Path.of(url.toURI()).toString();
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    /** Records of a generated tenant padded, in a field the reader ignores, to just under 16 MiB. */
    private static void write(Path file, int count) throws IOException {
        TenantGenerator gen = new TenantGenerator(3);
        char[] chunk = new char[999_000];
        Arrays.fill(chunk, 'x');
        String pad = new String(chunk);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int i = 0; i < count; i++) {
                String t = gen.line(i);
                StringBuilder sb = new StringBuilder(t.length() + 16_100_000);
                sb.append(t, 0, t.length() - 1).append(", \"padding\": [");
                for (int k = 0; k < 16; k++) {
                    sb.append(k == 0 ? "" : ",").append('"').append(pad).append('"');
                }
                sb.append("]}\n");
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private BigRecordsBatch() {
    }
}
