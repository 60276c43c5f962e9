package dev.preflight.bench;

import dev.preflight.it.SlimClasspath;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The library with the whole Drools compiler (the baseline) against the library without the jars
 * docs/library.md lets integrators exclude, each in a cold JVM that builds an evaluator with the
 * built-in rules and evaluates every sample ({@link LibraryProbe}): jars and megabytes on the class
 * path, wall time of the JVM, time from JVM start to the first report, heap after a full GC and
 * classes loaded. The two run interleaved, each round in a rotated order, so that both see the same
 * machine; medians and their ratios to the baseline are printed, with the load average before and
 * after. Every run's reports must equal the baseline's first run's, or the benchmark stops.
 *
 * <pre>mvn -q package -DskipTests &amp;&amp; mvn -q exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.preflight.bench.SlimLibraryBenchmark [-Dexec.args=ROUNDS]</pre>
 */
public final class SlimLibraryBenchmark {

    private SlimLibraryBenchmark() {
    }

    record Run(long wallMs, long firstReportMs, long heapBytes, long classes) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path scratch = ScratchDir.create("preflight-probe");
        try {
            Path probe = SlimClasspath.probe(scratch);
            Map<String, List<Path>> variants = new LinkedHashMap<>();
            variants.put("whole compiler (baseline)", SlimClasspath.full());
            variants.put("compiler excluded", SlimClasspath.slim());
            Map<String, List<Run>> runs = new LinkedHashMap<>();
            variants.keySet().forEach(k -> runs.put(k, new ArrayList<>()));
            List<String> names = new ArrayList<>(variants.keySet());
            List<String> reference = null;
            double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            for (int r = 0; r < rounds; r++) {
                List<String> order = new ArrayList<>(names);
                Collections.rotate(order, r);
                for (String name : order) {
                    Path out = Files.createTempFile(scratch, "probe", ".out");
                    long start = System.nanoTime();
                    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                            "-cp", SlimClasspath.classPath(variants.get(name), probe), LibraryProbe.class.getName(), "samples")
                            .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                    if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
                        throw new IllegalStateException(name + ": the probe failed");
                    }
                    long wall = (System.nanoTime() - start) / 1_000_000;
                    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
                    Files.delete(out);
                    List<String> reports = lines.subList(0, lines.size() - 1);
                    if (reference == null) {
                        reference = reports;
                    } else if (!reference.equals(reports)) {
                        throw new IllegalStateException(name + ": reports differ from the baseline's\n" + reports + "\n" + reference);
                    }
                    Map<String, Long> f = new LinkedHashMap<>();
                    for (String kv : lines.get(lines.size() - 1).substring("figures ".length()).split(" ")) {
                        f.put(kv.substring(0, kv.indexOf('=')), Long.parseLong(kv.substring(kv.indexOf('=') + 1)));
                    }
                    runs.get(name).add(new Run(wall, f.get("firstReportMs"), f.get("heapBytes"), f.get("classes")));
                }
            }
            double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.printf(Locale.ROOT, "%d rounds, %d tenants each, all reports equal; load average %.1f before, %.1f after%n",
                    rounds, reference.size(), loadBefore, loadAfter);
            System.out.printf(Locale.ROOT, "%-26s %5s %8s %10s %14s %10s %8s%n", "", "jars", "MB", "wall ms", "first report ms", "heap MB", "classes");
            Run base = null;
            List<Path> baseJars = null;
            for (String name : names) {
                List<Run> rs = runs.get(name);
                Run m = new Run(median(rs.stream().mapToLong(Run::wallMs).toArray()), median(rs.stream().mapToLong(Run::firstReportMs).toArray()),
                        median(rs.stream().mapToLong(Run::heapBytes).toArray()), median(rs.stream().mapToLong(Run::classes).toArray()));
                List<Path> jars = variants.get(name);
                System.out.printf(Locale.ROOT, "%-26s %5d %8.2f %10d %14d %10.1f %8d%n", name, jars.size(), SlimClasspath.megabytes(jars),
                        m.wallMs(), m.firstReportMs(), m.heapBytes() / 1048576.0, m.classes());
                if (base == null) {
                    base = m;
                    baseJars = jars;
                } else {
                    System.out.printf(Locale.ROOT, "%-26s %5.2f %8.2f %10.2f %14.2f %10.2f %8.2f%n", "  ratio to the baseline",
                            (double) jars.size() / baseJars.size(), SlimClasspath.megabytes(jars) / SlimClasspath.megabytes(baseJars),
                            (double) m.wallMs() / base.wallMs(), (double) m.firstReportMs() / base.firstReportMs(),
                            (double) m.heapBytes() / base.heapBytes(), (double) m.classes() / base.classes());
                }
            }
            // The load of a shared machine swings between rounds: the ratio within each round (the two
            // runs back to back) is steadier than the ratio of medians.
            List<Run> b = runs.get(names.get(0));
            List<Run> s = runs.get(names.get(1));
            double[] wall = new double[rounds];
            double[] first = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                wall[r] = (double) s.get(r).wallMs() / b.get(r).wallMs();
                first[r] = (double) s.get(r).firstReportMs() / b.get(r).firstReportMs();
            }
            java.util.Arrays.sort(wall);
            java.util.Arrays.sort(first);
            System.out.printf(Locale.ROOT, "median of the rounds' own ratios: wall %.2f (%.2f-%.2f), first report %.2f (%.2f-%.2f)%n",
                    wall[rounds / 2], wall[0], wall[rounds - 1], first[rounds / 2], first[0], first[rounds - 1]);
            System.out.println("per run (wall ms, first report ms, heap MB): ");
            runs.forEach((name, rs) -> System.out.println("  " + name + ": " + rs.stream()
                    .map(r -> r.wallMs() + "/" + r.firstReportMs() + "/" + String.format(Locale.ROOT, "%.1f", r.heapBytes() / 1048576.0)).toList()));
        } finally {
            ScratchDir.delete(scratch);
        }
    }

    static long median(long[] values) {
        long[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
