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
 * baseline) against reusing the compile from a warm {@code --rules-cache}. Interleaved, each round
 * in alternating order, medians and their ratio printed with the load average before and after.
 *
 * <pre>mvn -q test-compile &amp;&amp; mvn -q exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.preflight.bench.RulesCheckBenchmark [-Dexec.args=ROUNDS]</pre>
 */
public final class RulesCheckBenchmark {

    private RulesCheckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path work = Files.createTempDirectory("rules-check-bench");
        Path rules = RulesDirs.copy(work.resolve("rules"));
        // Not the DRL compiled into the jar: a directory an analyst edits.
        RulesDirs.append(rules.resolve("network.drl"), "\n// an analyst's copy\n");
        Path cache = work.resolve("cache");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        List<String> baseline = List.of(java, "-cp", cp, "dev.preflight.cli.Main", "rules", "check", "--no-rules-cache", rules.toString());
        List<String> cached = List.of(java, "-cp", cp, "dev.preflight.cli.Main", "rules", "check", "--rules-cache", cache.toString(), rules.toString());
        run(cached); // fills the cache
        System.out.printf(Locale.ROOT, "load average before: %s%n", load());
        List<Double> before = new ArrayList<>();
        List<Double> after = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            if (i % 2 == 0) {
                before.add(run(baseline));
                after.add(run(cached));
            } else {
                after.add(run(cached));
                before.add(run(baseline));
            }
        }
        double b = median(before);
        double a = median(after);
        System.out.printf(Locale.ROOT, "rules check, unchanged DRL, %d rounds: compiling %.2f s, cached %.2f s (median wall); ratio %.2f%n", rounds, b, a, a / b);
        System.out.printf(Locale.ROOT, "load average after: %s%n", load());
    }

    private static double run(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
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
