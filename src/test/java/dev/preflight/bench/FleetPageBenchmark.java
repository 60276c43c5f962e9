package dev.preflight.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.preflight.api.Evaluator;
import dev.preflight.batch.BatchEvaluator;
import dev.preflight.batch.BatchInputs;
import dev.preflight.batch.BatchRecord;
import dev.preflight.batch.BatchResult;
import dev.preflight.browser.Chromium;
import dev.preflight.generate.TenantGenerator;
import dev.preflight.report.FleetPage;
import dev.preflight.results.TenantSummary;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * The fleet page at scale: N generated tenants evaluated and streamed into the page (what
 * {@code batch --html} does), then opened in headless Chromium: page size (and gzipped, as an
 * e-mail attachment would be zipped), time until the table is rendered (measured by the page
 * itself from navigation start), the JavaScript heap, and a search and a sort through the page's
 * own controls. A 1,000-tenant page measured in the same run is the baseline the ratios are against.
 *
 * <pre>mvn -q package -DskipTests &amp;&amp; mvn -q exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.preflight.bench.FleetPageBenchmark [-Dexec.args=100000]</pre>
 */
public final class FleetPageBenchmark {

    private FleetPageBenchmark() {
    }

    /** What one page measured. */
    private record Row(int tenants, long bytes, long gzipBytes, double writeSeconds, double loadMs, double htmlMs, double parseMs, double readyMs, double heapMb,
                       double searchMs, double sortMs, double filterMs) {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        System.out.println("machine: " + new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes()).strip());
        Path dir = ScratchDir.create("preflight-fleet-bench");
        try {
            try (Evaluator evaluator = Evaluator.builder().build()) {
                Row base = measure(evaluator, 1_000, dir);
                Row big = measure(evaluator, n, dir);
                System.out.println();
                System.out.println("| tenants | page | gzipped | written in | HTML parsed | JSON.parse | table ready | load event (wall) | JS heap | search | sort by name | filter |");
                System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
                for (Row r : new Row[] {base, big}) {
                    System.out.printf(Locale.ROOT, "| %,d | %.1f MB | %.1f MB | %.1f s | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f MB | %.0f ms | %.0f ms | %.0f ms |%n",
                            r.tenants, r.bytes / 1e6, r.gzipBytes / 1e6, r.writeSeconds, r.htmlMs, r.parseMs, r.readyMs, r.loadMs, r.heapMb, r.searchMs, r.sortMs, r.filterMs);
                }
                System.out.printf(Locale.ROOT, "%nratios %,d / %,d tenants: size %.1fx, table ready %.1fx, search %.1fx, sort %.1fx%n",
                        big.tenants, base.tenants, (double) big.bytes / base.bytes, big.readyMs / base.readyMs, big.searchMs / base.searchMs,
                        big.sortMs / base.sortMs);
                System.out.println("bytes per tenant: " + big.bytes / big.tenants);
                System.out.println("machine after: " + new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes()).strip());
            }
        } finally {
            ScratchDir.delete(dir);
        }
    }

    private static Row measure(Evaluator evaluator, int n, Path dir) throws Exception {
        TenantGenerator gen = new TenantGenerator(7);
        Path input = dir.resolve("fleet-" + n + ".jsonl");
        try (var w = Files.newBufferedWriter(input)) {
            for (int i = 0; i < n; i++) {
                w.write(gen.line(i));
                w.write('\n');
            }
        }
        Path page = dir.resolve("fleet-" + n + ".html");
        long t0 = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(page), 1 << 20);
             FleetPage fleet = new FleetPage(out, input.getFileName().toString())) {
            java.util.Iterator<BatchRecord> records = BatchInputs.open(input.toString(), new ByteArrayInputStream(new byte[0]));
            new BatchEvaluator(evaluator, Runtime.getRuntime().availableProcessors()).run(records, r -> r, r -> {
                if (r instanceof BatchResult.Evaluated e) {
                    fleet.add(TenantSummary.of(e.report(), e.origin()));
                }
            });
        }
        double writeSeconds = (System.nanoTime() - t0) / 1e9;
        long bytes = Files.size(page);
        long gzip;
        try (var counter = new CountingStream(); var gz = new GZIPOutputStream(counter)) {
            Files.copy(page, gz);
            gz.finish();
            gzip = counter.count;
        }
        try (Chromium c = Chromium.start()) {
            long start = System.nanoTime();
            c.open(page, 1280, 1000);
            double loadMs = (System.nanoTime() - start) / 1e6;
            c.waitFor("document.body.dataset.ready", Duration.ofMinutes(3));
            double readyMs = c.eval("+document.body.dataset.ready").asDouble();
            double htmlMs = c.eval("+document.body.dataset.scriptStart").asDouble();
            double parseMs = c.eval("+document.body.dataset.jsonParse").asDouble();
            c.screenshot(Path.of("target", "browser", "fleet-" + n + ".png"));
            JsonNode heap = c.eval("performance.memory ? performance.memory.usedJSHeapSize : 0");
            double searchMs = c.eval("(() => { const q = document.getElementById('q'); const t = performance.now(); q.value = 'works ltd #99';"
                    + " q.dispatchEvent(new Event('input')); const d = performance.now() - t; q.value = ''; q.dispatchEvent(new Event('input')); return d; })()").asDouble();
            double sortMs = c.eval("(() => { const t = performance.now(); document.querySelector('button[data-sort=name]').click(); return performance.now() - t; })()").asDouble();
            double filterMs = c.eval("(() => { const v = document.getElementById('verdict'); const t = performance.now(); v.value = '1';"
                    + " v.dispatchEvent(new Event('change')); return performance.now() - t; })()").asDouble();
            if (!c.problems().isEmpty()) {
                throw new IllegalStateException("page errors: " + c.problems());
            }
            System.out.printf(Locale.ROOT, "%,d tenants: %s%n", n, c.eval("document.getElementById('count').textContent").asText());
            return new Row(n, bytes, gzip, writeSeconds, loadMs, htmlMs, parseMs, readyMs, heap.asDouble() / 1e6, searchMs, sortMs, filterMs);
        }
    }

    /** Counts bytes written. */
    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
