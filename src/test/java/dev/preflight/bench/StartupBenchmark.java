package dev.preflight.bench;

import dev.preflight.engine.RulesDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Start-up of a one-shot {@code evaluate SAMPLE}, wall time, a cold JVM each run: plain
 * {@code java -jar target/preflight.jar} (the baseline), the JVM options of the distribution's {@code bin/preflight}
 * one at a time (the class-data archive, the C1 compiler alone) and together, the launcher itself,
 * floors that show where the time goes (an empty JVM, {@code --version}), and, with the argument
 * {@code compiled}, the same rules in a directory whose DRL differs by a comment, which must be
 * compiled (what every run cost before rules were precompiled). All variants run interleaved in
 * one run, each round in a rotated order, so that all see the same machine; medians of wall and CPU
 * time and their ratios to the baseline are printed, with the load average before and after. Then
 * one logged run each counts the classes loaded and where from. The launcher keeps its class-data
 * archive in a cache folder of this run's, made by its warm-up evaluate.
 *
 * <pre>mvn -q package -DskipTests &amp;&amp; mvn -q exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.preflight.bench.StartupBenchmark [-Dexec.args="RUNS [compiled]"]</pre>
 */
public final class StartupBenchmark {

    static final Path JAR = Path.of("target/preflight.jar").toAbsolutePath();
    /** The distribution's launcher, as {@code mvn package} unpacks it into target/preflight-VERSION/. */
    static final Path LAUNCHER = launcher();
    /** The launchers' cache for this run: their first evaluate (the warm-up) makes the archive in it. */
    static final Path CACHE = tempDir("preflight-bench-cache");
    /** The archive the {@code java -jar} variants use, made at the start as the launcher makes its own. */
    static final Path ARCHIVE = CACHE.resolve("java-jar.jsa");
    static final String SAMPLE = "samples/healthy-hybrid.json";
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    static final String C1 = "-XX:TieredStopAtLevel=1";
    static final String SERIAL = "-XX:+UseSerialGC";

    private StartupBenchmark() {
    }

    /** One way of starting: a name for the table, the command, and environment additions. */
    record Variant(String name, List<String> command, Map<String, String> env) {
        static Variant java(String name, List<String> jvmOptions, String... args) {
            List<String> cmd = new ArrayList<>();
            cmd.add(JAVA);
            cmd.addAll(jvmOptions);
            cmd.add("-jar");
            cmd.add(JAR.toString());
            cmd.addAll(List.of(args));
            return new Variant(name, cmd, Map.of());
        }

        static Variant launcher(String name, Map<String, String> env, String... args) {
            List<String> cmd = new ArrayList<>();
            cmd.add(LAUNCHER.toString());
            cmd.addAll(List.of(args));
            Map<String, String> withCache = new java.util.HashMap<>(env);
            withCache.put("XDG_CACHE_HOME", CACHE.toString());
            withCache.put("JAVA_HOME", System.getProperty("java.home"));
            return new Variant(name, cmd, withCache);
        }
    }

    static Path launcher() {
        try (var s = Files.list(Path.of("target"))) {
            return s.map(p -> p.resolve("bin/preflight")).filter(Files::isRegularFile).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build the distribution first: mvn -q package -DskipTests")).toAbsolutePath();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path tempDir(String prefix) {
        try {
            return ScratchDir.create(prefix);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An application class-data archive of one evaluate, written at the JVM's exit. */
    static void makeArchive(Path archive) throws IOException, InterruptedException {
        int code = new ProcessBuilder(JAVA, "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds*=off", C1, SERIAL, "-jar", JAR.toString(),
                "evaluate", "--all", "samples/short-idle-timeout.json").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        if (code != 0 || !Files.isRegularFile(archive)) {
            throw new IllegalStateException("the training evaluate exited " + code);
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("build the jar first: mvn -q package -DskipTests");
        }
        makeArchive(ARCHIVE);
        List<String> archive = List.of("-XX:SharedArchiveFile=" + ARCHIVE, "-Xlog:cds*=off");
        List<String> both = new ArrayList<>(archive);
        both.add(C1);
        List<String> launchers = new ArrayList<>(both);
        launchers.add(SERIAL);
        Variant baseline = Variant.java("java -jar (baseline)", List.of(), "evaluate", SAMPLE);
        List<Variant> variants = new ArrayList<>(List.of(
                baseline,
                Variant.java("java -jar + archive", archive, "evaluate", SAMPLE),
                Variant.java("java -jar + C1", List.of(C1), "evaluate", SAMPLE),
                Variant.java("java -jar + archive + C1", both, "evaluate", SAMPLE),
                Variant.java("java -jar + archive + C1 + serial GC", launchers, "evaluate", SAMPLE),
                Variant.launcher("bin/preflight (archive, C1, serial GC)", Map.of(), "evaluate", SAMPLE),
                Variant.launcher("bin/preflight without archive", Map.of("PREFLIGHT_CDS", "off"), "evaluate", SAMPLE),
                Variant.launcher("floor: bin/preflight --version", Map.of(), "--version"),
                new Variant("floor: empty JVM (java -version), C1, serial", List.of(JAVA, C1, SERIAL, "-version"), Map.of())));
        if (List.of(args).contains("compiled")) { // about 5 s a run: on request
            Path changed = RulesDirs.copy(ScratchDir.create("preflight-bench-rules"));
            RulesDirs.append(changed.resolve("network.drl"), "\n// an analyst's edit: the DRL differs, so it must be compiled\n");
            variants.add(Variant.java("changed rules, compiled (java -jar)", List.of(), "evaluate", "--rules", changed.toString(), SAMPLE));
        }

        String loadBefore = loadAverage();
        for (Variant v : variants) {
            time(v); // warms the file cache, and fails early on a broken variant
        }
        Map<Variant, List<Double>> times = new LinkedHashMap<>();
        Map<Variant, List<Double>> cpu = new LinkedHashMap<>();
        variants.forEach(v -> times.put(v, new ArrayList<>()));
        variants.forEach(v -> cpu.put(v, new ArrayList<>()));
        for (int round = 0; round < runs; round++) {
            for (int i = 0; i < variants.size(); i++) { // rotated, so that no variant always runs first
                Variant v = variants.get((i + round) % variants.size());
                double cpu0 = childrenCpuSeconds();
                times.get(v).add(time(v));
                cpu.get(v).add(childrenCpuSeconds() - cpu0);
            }
        }
        String loadAfter = loadAverage();

        System.out.printf(Locale.ROOT, "cores: %d, runs: %d each, interleaved; %s%n", Runtime.getRuntime().availableProcessors(), runs, System.getProperty("java.vm.version"));
        System.out.printf(Locale.ROOT, "load average before: %s; after: %s%n%n", loadBefore, loadAfter);
        double base = median(times.get(baseline));
        double baseCpu = median(cpu.get(baseline));
        System.out.printf(Locale.ROOT, "| %-46s | %-20s | %-6s | %-16s | %-6s |%n", "variant: evaluate " + SAMPLE, "median wall (range)", "ratio", "median CPU", "ratio");
        System.out.printf(Locale.ROOT, "|%s|%s|%s|%s|%s|%n", "-".repeat(48), "-".repeat(22), "-".repeat(8), "-".repeat(18), "-".repeat(8));
        for (Variant v : variants) {
            List<Double> t = times.get(v);
            double c = median(cpu.get(v));
            System.out.printf(Locale.ROOT, "| %-46s | %.2f s (%.2f-%.2f) | %.2fx  | %.2f s           | %.2fx  |%n",
                    v.name(), median(t), Collections.min(t), Collections.max(t), median(t) / base, c, c / baseCpu);
        }
        System.out.println("(CPU: user and system time of the process, all its threads; the JIT compiler's included)");

        System.out.println();
        System.out.println("classes loaded by one evaluate, by source:");
        printClassSources("java -jar", List.of(JAVA, "-Xlog:class+load:file=%s", "-jar", JAR.toString(), "evaluate", SAMPLE), Map.of());
        printClassSources("bin/preflight", List.of(LAUNCHER.toString(), "evaluate", SAMPLE), Map.of("PREFLIGHT_OPTS", "-Xlog:class+load:file=%s",
                "XDG_CACHE_HOME", CACHE.toString(), "JAVA_HOME", System.getProperty("java.home")));
    }

    static double time(Variant v) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(v.command()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(v.env());
        long t0 = System.nanoTime();
        int code = pb.start().waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (code != 0) {
            throw new IllegalStateException(v.command() + " exited " + code);
        }
        return s;
    }

    /** Where the classes of one run come from: the archive, the jar, the JDK, or defined at run time. */
    private static void printClassSources(String name, List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createTempFile("preflight-classes", ".log");
        try {
            List<String> cmd = command.stream().map(a -> a.replace("%s", log.toString())).toList();
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            env.forEach((k, v) -> pb.environment().put(k, v.replace("%s", log.toString())));
            pb.start().waitFor();
            Map<String, Integer> bySource = new TreeMap<>();
            List<String> lines = Files.readAllLines(log);
            for (String line : lines) {
                bySource.merge(sourceKind(line), 1, Integer::sum);
            }
            System.out.printf(Locale.ROOT, "  %-14s %5d classes: %s%n", name, lines.size(), bySource);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String sourceKind(String line) {
        if (line.contains("source: shared objects file (top)")) {
            return "application archive";
        } else if (line.contains("source: shared objects file")) {
            return "JDK archive";
        } else if (line.contains("source: jrt:")) {
            return "JDK modules";
        } else if (line.contains("preflight.jar")) {
            return "jar";
        } else if (line.contains("source: __JVM_DefineClass__")) {
            return "defined from bytes (rules)";
        } else {
            return "generated (lambdas, proxies)";
        }
    }

    /**
     * User and system CPU seconds of this JVM's waited-for children, from /proc (Linux): read
     * before and after one run, the difference is that run's CPU time. NaN elsewhere.
     */
    private static double childrenCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields from the third of proc(5): cutime and cstime are its 16th and 17th, in clock ticks (100 a second on Linux)
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
