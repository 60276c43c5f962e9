package dev.preflight.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.generate.TenantGenerator;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load benchmark of {@code preflight serve}, on demand (not part of {@code mvn verify}), against
 * 127.0.0.1 only, every loop bounded in time:
 * <ol>
 * <li>wrk posts one sample tenant at 1, 8 and 64 connections: requests/s, p50 and p99, errors;</li>
 * <li>the same generated tenants through {@code POST /v1/batches} (curl) and through
 * {@code preflight batch} (its own summary's throughput, start-up left out), interleaved;</li>
 * <li>a bounded soak with wrk at 8 connections: heap after a full GC (jcmd) after the first minute
 * and at the end.</li>
 * </ol>
 * <pre>mvn -q package -DskipTests &amp;&amp; mvn -q exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.preflight.bench.ServiceBenchmark -Dexec.args="2000 20 300"</pre>
 * Arguments: tenants of the batch comparison, seconds per wrk run, seconds of soak. Needs wrk and curl.
 */
public final class ServiceBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tenants = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int soak = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Path work = ScratchDir.create("preflight-service-bench");
        System.out.printf(Locale.ROOT, "machine: %d processors, load average %s%n", Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).strip());

        Process server = new ProcessBuilder(java, "-Xmx1g", "-cp", cp, "dev.preflight.cli.Main", "serve", "--port", "0")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int port = awaitReady(server);
            String base = "http://127.0.0.1:" + port;
            System.out.println("server pid " + server.pid() + " at " + base);

            // 1. One sample tenant under wrk.
            Path lua = work.resolve("post.lua");
            String body = JSON.readTree(Path.of("samples/healthy-hybrid.json").toFile()).toString();
            Files.writeString(lua, "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = "
                    + JSON.writeValueAsString(body) + "\n");
            wrk(base, lua, 8, 5); // warm-up, not reported
            System.out.println("\nconnections  requests/s  p50 ms  p99 ms  errors");
            for (int c : new int[] {1, 8, 64}) {
                Wrk w = wrk(base, lua, c, seconds);
                System.out.printf(Locale.ROOT, "%11d  %10.1f  %6.1f  %6.1f  %d%n", c, w.rps, w.p50, w.p99, w.errors);
            }

            // 2. The same tenants through the service and through `preflight batch`, interleaved.
            Path input = work.resolve("tenants.jsonl");
            TenantGenerator g = new TenantGenerator(7);
            try (BufferedWriter w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
                for (int i = 0; i < tenants; i++) {
                    w.write(g.line(i));
                    w.write('\n');
                }
            }
            System.out.println("\nround  service tenants/s  cli batch tenants/s  service ms/tenant  cli ms/tenant  ratio");
            for (int round = 1; round <= 3; round++) {
                double service = serviceBatch(base, input, tenants, work);
                double cli = cliBatch(java, cp, input, work);
                System.out.printf(Locale.ROOT, "%5d  %17.0f  %19.0f  %17.3f  %13.3f  %5.2fx%n", round, service, cli, 1000 / service, 1000 / cli,
                        cli / service);
            }

            // 3. Soak: heap after a full GC after the first minute and at the end.
            if (soak > 0) {
                CompletableFuture<Wrk> run = CompletableFuture.supplyAsync(() -> {
                    try {
                        return wrk(base, lua, 8, soak);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(60_000);
                long first = heapAfterGc(server.pid(), base);
                Wrk w = run.get(soak + 120L, TimeUnit.SECONDS);
                long last = heapAfterGc(server.pid(), base);
                System.out.printf(Locale.ROOT, "%nsoak %d s at 8 connections: %.1f requests/s, %d errors; heap after GC at 1 min %.1f MiB, at the end %.1f MiB%n",
                        soak, w.rps, w.errors, first / 1048576.0, last / 1048576.0);
            }
        } finally {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static int awaitReady(Process server) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
        int port = -1;
        for (String l; (l = err.readLine()) != null;) {
            Matcher m = listening.matcher(l);
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
            }
            if (l.startsWith("preflight: ready")) {
                Thread drain = new Thread(() -> {
                    try {
                        err.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ignored) {
                        // the server ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return port;
            }
        }
        throw new IllegalStateException("the server ended before it was ready");
    }

    private record Wrk(double rps, double p50, double p99, long errors) {
    }

    private static Wrk wrk(String base, Path lua, int connections, int seconds) throws Exception {
        Process p = new ProcessBuilder("wrk", "-t", Integer.toString(Math.min(connections, 2)), "-c", Integer.toString(connections),
                "-d", seconds + "s", "--timeout", "30s", "--latency", "-s", lua.toString(), base + "/v1/evaluations").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        long errors = 0;
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(out);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(socket.group(i));
            }
        }
        return new Wrk(number(out, "Requests/sec:\\s+([0-9.]+)"), millis(out, "50%"), millis(out, "99%"), errors);
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double millis(String out, String percentile) {
        Matcher m = Pattern.compile("\\s" + percentile + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + percentile + " in " + out);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    /** Tenants per second through POST /v1/batches, the response read to its end by curl. */
    private static double serviceBatch(String base, Path input, int tenants, Path work) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder("curl", "-sS", "--fail", "-X", "POST", "-H", "Content-Type: application/x-ndjson", "--data-binary", "@" + input,
                "-o", work.resolve("service.jsonl").toString(), base + "/v1/batches").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("curl failed: " + out);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long lines = Files.lines(work.resolve("service.jsonl")).count();
        if (lines != tenants) {
            throw new IllegalStateException(lines + " lines for " + tenants + " tenants");
        }
        return tenants / seconds;
    }

    /** Tenants per second of `preflight batch` as its own summary says (its batch, without the JVM's start). */
    private static double cliBatch(String java, String cp, Path input, Path work) throws Exception {
        Path summary = work.resolve("summary.json");
        Process p = new ProcessBuilder(java, "-Xmx1g", "-cp", cp, "dev.preflight.cli.Main", "batch", "-q", input.toString(), "-o",
                work.resolve("cli.jsonl").toString(), "--summary", summary.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("batch failed: " + out);
        }
        JsonNode s = JSON.readTree(summary.toFile()).path("summary");
        return s.path("recordsPerSecond").asDouble();
    }

    /** Heap in use after a full GC (jcmd GC.run), read from the server's own /metrics. */
    private static long heapAfterGc(long pid, String base) throws Exception {
        Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), "GC.run")
                .redirectErrorStream(true).start();
        gc.getInputStream().readAllBytes();
        gc.waitFor(60, TimeUnit.SECONDS);
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long heap = 0;
        Matcher m = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\",[^}]*\\} ([0-9.E+]+)$").matcher(metrics);
        List<Double> parts = new ArrayList<>();
        while (m.find()) {
            parts.add(Double.parseDouble(m.group(1)));
        }
        for (double d : parts) {
            heap += (long) d;
        }
        return heap;
    }
}
