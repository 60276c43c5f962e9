package dev.preflight.bench;

import dev.preflight.engine.RulesDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@code rules check} on an unchanged copy of the shipped rules, wall time of a cold JVM each run:
 * compiling the DRL every time ({@code --no-rules-cache}, what every run did before the cache: the
 * baseline) against reusing the compile and the DRL's analysis from the warm cache in the user's
 * cache directory (the default; {@code XDG_CACHE_HOME} points at this run's folder), with the
 * JVM's default options and with the one-shot options {@code bin/preflight} gives {@code rules}
 * commands (C1 only, serial collector). Interleaved, each round in a rotated order, medians and
 * their ratios printed with the load average before and after.
 *
 * <pre>mvn -q test-compile &amp;&amp; mvn -q exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.preflight.bench.RulesCheckBenchmark [-Dexec.args=ROUNDS]</pre>
 */
public final class RulesCheckBenchmark {

    private RulesCheckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path work = ScratchDir.create("rules-check-bench");
        try {
            Path rules = RulesDirs.copy(work.resolve("rules"));
            // Not the DRL compiled into the jar: a directory an analyst edits.
            RulesDirs.append(rules.resolve("network.drl"), "\n// an analyst's copy\n");
            Path cacheHome = work.resolve("cache");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String cp = System.getProperty("java.class.path");
            List<List<String>> variants = List.of(
                    List.of(java, "-cp", cp, "dev.preflight.cli.Main", "rules", "check", "--no-rules-cache", rules.toString()),
                    List.of(java, "-cp", cp, "dev.preflight.cli.Main", "rules", "check", rules.toString()),
                    List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", cp, "dev.preflight.cli.Main", "rules", "check", rules.toString()));
            List<String> names = List.of("compiling (--no-rules-cache)", "cached (default)", "cached, launcher's JVM options");
            run(variants.get(1), cacheHome); // fills the cache
            System.out.printf(Locale.ROOT, "load average before: %s%n", load());
            List<List<Double>> times = new ArrayList<>();
            variants.forEach(v -> times.add(new ArrayList<>()));
            for (int i = 0; i < rounds; i++) {
                for (int k = 0; k < variants.size(); k++) {
                    int v = (i + k) % variants.size();
                    times.get(v).add(run(variants.get(v), cacheHome));
                }
            }
            double b = median(times.get(0));
            System.out.printf(Locale.ROOT, "rules check, unchanged DRL, %d rounds (median wall, ratio to compiling):%n", rounds);
            for (int v = 0; v < variants.size(); v++) {
                double a = median(times.get(v));
                System.out.printf(Locale.ROOT, "  %-32s %6.2f s  %.2f%n", names.get(v), a, a / b);
            }
            System.out.printf(Locale.ROOT, "load average after: %s%n", load());
        } finally {
            ScratchDir.delete(work);
        }
    }

    /** One run, wall time; {@code cacheHome} stands for the user's cache directory. */
    private static double run(List<String> command, Path cacheHome) throws IOException, InterruptedException {
        long start = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("PREFLIGHT_RULES_CACHE");
        pb.environment().put("XDG_CACHE_HOME", cacheHome.toString());
        Process p = pb.start();
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("rules check exited " + exit + ": " + command);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
