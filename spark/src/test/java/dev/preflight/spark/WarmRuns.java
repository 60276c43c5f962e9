package dev.preflight.spark;

import dev.preflight.cli.Console;
import dev.preflight.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * One JVM that runs the same batch several times and prints each run's wall time, for the
 * benchmark's warm figures: {@code cli RUNS ARGS...} runs {@code preflight batch ARGS}, {@code spark
 * RUNS ARGS...} runs the job in a {@code local[2]} session kept across runs. Then the JVM's peak heap.
 */
final class WarmRuns {

    private WarmRuns() {
    }

    public static void main(String[] args) throws Exception {
        String what = args[0];
        int runs = Integer.parseInt(args[1]);
        String[] rest = Arrays.copyOfRange(args, 2, args.length);
        Object spark = what.equals("spark") ? org.apache.spark.sql.SparkSession.builder().master("local[2]")
                .appName("preflight-bench").config("spark.ui.enabled", false).getOrCreate() : null;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            int code;
            if (spark != null) {
                code = PreflightJob.run((org.apache.spark.sql.SparkSession) spark, System.err, rest);
            } else {
                Console console = new Console(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                        System.err, Map.of(), false);
                code = Main.run(console, rest);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "run %d %.3f exit %d%n", i + 1, s, code);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "peakHeapMB %d%n", peak >> 20);
        if (spark != null) {
            ((org.apache.spark.sql.SparkSession) spark).stop();
        }
    }
}
