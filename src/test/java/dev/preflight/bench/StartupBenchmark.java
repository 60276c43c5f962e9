package dev.preflight.bench;

import dev.preflight.engine.RulesDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Start-up of a one-shot {@code java -jar target/preflight.jar evaluate SAMPLE}, cold JVM each
 * run: with the shipped rules (precompiled into the jar) against the same rules in a directory
 * whose DRL differs by a comment, which must be compiled (what every run cost before rules were
 * precompiled). Both measured in the same run; medians and their ratio are printed.
 *
 * <pre>mvn -q package -DskipTests &amp;&amp; mvn -q exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.preflight.bench.StartupBenchmark [-Dexec.args=RUNS]</pre>
 */
public final class StartupBenchmark {

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        Path jar = Path.of("target/preflight.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the jar first: mvn -q package -DskipTests");
        }
        Path changed = RulesDirs.copy(Files.createTempDirectory("preflight-bench-rules"));
        RulesDirs.append(changed.resolve("network.drl"), "\n// an analyst's edit: the DRL differs, so it must be compiled\n");
        String sample = "samples/healthy-hybrid.json";
        run(jar, List.of("evaluate", sample)); // warm the file cache
        List<Double> precompiled = new ArrayList<>();
        List<Double> compiled = new ArrayList<>();
        for (int i = 0; i < runs; i++) { // interleaved, so that both see the same machine state
            precompiled.add(run(jar, List.of("evaluate", sample)));
            compiled.add(run(jar, List.of("evaluate", "--rules", changed.toString(), sample)));
        }
        double p = median(precompiled);
        double c = median(compiled);
        System.out.printf(Locale.ROOT, "cores: %d, runs: %d each%n", Runtime.getRuntime().availableProcessors(), runs);
        System.out.printf(Locale.ROOT, "shipped rules, precompiled : median %.2f s (min %.2f, max %.2f)%n", p, Collections.min(precompiled), Collections.max(precompiled));
        System.out.printf(Locale.ROOT, "changed rules, compiled    : median %.2f s (min %.2f, max %.2f)%n", c, Collections.min(compiled), Collections.max(compiled));
        System.out.printf(Locale.ROOT, "ratio compiled / precompiled: %.1fx%n", c / p);
    }

    private static double run(Path jar, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        cmd.addAll(args);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int code = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (code != 0) {
            throw new IllegalStateException(cmd + " exited " + code);
        }
        return s;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
