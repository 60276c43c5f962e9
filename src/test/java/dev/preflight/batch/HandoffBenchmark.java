package dev.preflight.batch;

import dev.preflight.api.Evaluator;
import dev.preflight.generate.TenantGenerator;
import dev.preflight.report.BatchLines;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The batch pipeline handing records over one at a time against what it does (up to
 * {@link BatchEvaluator#HANDOFF} at a handoff), on demand (never in {@code mvn verify}): the same
 * generated tenants in memory, the same evaluator, rendered to result lines that are discarded,
 * alternated round by round in one JVM so that a shared machine's load falls on both alike.
 *
 * <pre>mvn -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.preflight.batch.HandoffBenchmark -Dexec.args="[TENANTS ROUNDS THREADS]"</pre>
 *
 * Prints, per side, the median wall time and process CPU time a tenant over the rounds after the
 * first two (warm-up).
 */
public final class HandoffBenchmark {

    private HandoffBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tenants = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 11;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        TenantGenerator generator = new TenantGenerator(42);
        List<BatchRecord> records = new ArrayList<>(tenants);
        for (int i = 0; i < tenants; i++) {
            records.add(new BatchRecord("bench", i + 1, generator.line(i).getBytes(StandardCharsets.UTF_8)));
        }
        BatchLines lines = new BatchLines();
        int[] sides = {1, BatchEvaluator.HANDOFF};
        List<List<double[]>> figures = List.of(new ArrayList<>(), new ArrayList<>());
        try (Evaluator evaluator = Evaluator.builder().build()) {
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < 2; k++) {
                    int side = (round + k) % 2;
                    AtomicLong bytes = new AtomicLong();
                    long cpu0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    BatchEvaluator.withHandoff(evaluator, threads, sides[side]).run(records.iterator(), lines::jsonLine, b -> bytes.addAndGet(b.length));
                    double wall = (System.nanoTime() - t0) / 1e3 / tenants;
                    double cpu = (os.getProcessCpuTime() - cpu0) / 1e3 / tenants;
                    if (round >= 2) {
                        figures.get(side).add(new double[] {wall, cpu});
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%,d tenants, %d threads, %d rounds (first 2 not counted); load %s%n", tenants, threads, rounds,
                Files.readString(Path.of("/proc/loadavg")).trim());
        double[] wall = new double[2];
        for (int side = 0; side < 2; side++) {
            wall[side] = median(figures.get(side), 0);
            System.out.printf(Locale.ROOT, "   handoff %2d: %.1f us a tenant (%,.0f tenants/s), process CPU %.1f us a tenant%n",
                    sides[side], wall[side], 1e6 / wall[side], median(figures.get(side), 1));
        }
        System.out.printf(Locale.ROOT, "   handoff %d against 1: %.2fx the wall time%n", BatchEvaluator.HANDOFF, wall[1] / wall[0]);
    }

    private static double median(List<double[]> xs, int field) {
        List<Double> s = new ArrayList<>();
        xs.forEach(x -> s.add(x[field]));
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
