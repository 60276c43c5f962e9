package dev.preflight.spark;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * On demand, not part of {@code mvn verify}: the Spark job in {@code local[2]} against the core's
 * {@code preflight batch --threads 2} on the same generated tenants, each in JVMs of its own,
 * cold (a fresh JVM: start-up, rule loading and JIT warm-up included, as a one-shot batch is run)
 * and warm (the last of several runs in one JVM, three by default), reported as ratios measured in this one run.
 *
 * <pre>
 * mvn -B -q install -DskipTests                       # the core and target/preflight.jar
 * mvn -B -q -f spark/pom.xml package -DskipTests
 * mvn -B -q -f spark/pom.xml exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.preflight.spark.SparkBenchmark [-Dexec.args="200000 3"]
 * </pre>
 */
public final class SparkBenchmark {

    private static final Pattern RUN = Pattern.compile("run (\\d+) ([0-9.]+) exit (\\d+)");
    private static final Pattern PEAK = Pattern.compile("peakHeapMB (\\d+)");

    private SparkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int warmRuns = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createDirectories(Path.of("target/bench"));
        Path cliJar = Path.of("../target/preflight.jar").toAbsolutePath();
        Path jobJar = Path.of("target/preflight-spark.jar").toAbsolutePath();
        if (!Files.exists(cliJar) || !Files.exists(jobJar)) {
            throw new IllegalStateException("build first: mvn install at the root (" + cliJar + ") and mvn package in spark/ (" + jobJar + ")");
        }
        Path fleet = work.resolve("fleet-" + count + ".jsonl");
        if (!Files.exists(fleet)) {
            Fleet.write(fleet, 42, count, false);
        }
        String sparkJars = Files.readString(Path.of("target/spark-classpath.txt")).strip();
        String testClasses = Path.of("target/test-classes").toAbsolutePath().toString();
        List<String> sparkOptions = Arrays.asList(javaOptions().split("\\s+"));
        System.out.printf(Locale.ROOT, "fleet: %d tenants, %.0f MB; %s%n", count, Files.size(fleet) / 1e6, uptime());

        // Cold: one fresh JVM per run.
        double cliCold = timed(List.of(java(), "-jar", cliJar.toString(), "batch", "-q", "--threads", "2", fleet.toString(),
                "-o", work.resolve("cli.jsonl").toString()), work, "cli-cold");
        List<String> submit = new ArrayList<>(List.of(java()));
        submit.addAll(sparkOptions);
        submit.addAll(List.of("-cp", sparkJars + File.pathSeparator + jobJar, "org.apache.spark.deploy.SparkSubmit",
                "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--class", "dev.preflight.spark.PreflightJob", jobJar.toString(),
                fleet.toString(), "-o", work.resolve("spark-out").toString(), "--mode", "overwrite"));
        double sparkCold = timed(submit, work, "spark-cold");

        // Warm: the last of the runs in one JVM.
        List<String> warmCli = new ArrayList<>(List.of(java(), "-cp", cliJar + File.pathSeparator + testClasses, WarmRuns.class.getName(), "cli",
                String.valueOf(warmRuns), "batch", "-q", "--threads", "2", fleet.toString(), "-o", work.resolve("cli-warm.jsonl").toString()));
        Warm cliWarm = warm(warmCli, work, "cli-warm");
        List<String> warmSpark = new ArrayList<>(List.of(java()));
        warmSpark.addAll(sparkOptions);
        warmSpark.addAll(List.of("-cp", sparkJars + File.pathSeparator + jobJar + File.pathSeparator + testClasses, WarmRuns.class.getName(),
                "spark", String.valueOf(warmRuns), fleet.toString(), "-o", work.resolve("spark-warm").toString(), "--mode", "overwrite"));
        Warm sparkWarm = warm(warmSpark, work, "spark-warm");

        System.out.printf(Locale.ROOT, "%n| %d tenants | preflight batch, 2 threads | Spark job, local[2] | Spark / batch |%n|---|---|---|---|%n", count);
        System.out.printf(Locale.ROOT, "| cold (fresh JVM, end to end) | %.1f s (%,.0f/s) | %.1f s (%,.0f/s) | **%.2fx** |%n",
                cliCold, count / cliCold, sparkCold, count / sparkCold, sparkCold / cliCold);
        System.out.printf(Locale.ROOT, "| warm (run %d in one JVM) | %.1f s (%,.0f/s) | %.1f s (%,.0f/s) | **%.2fx** |%n",
                warmRuns, cliWarm.last, count / cliWarm.last, sparkWarm.last, count / sparkWarm.last, sparkWarm.last / cliWarm.last);
        System.out.printf(Locale.ROOT, "| peak heap of the warm JVM | %d MB | %d MB | |%n", cliWarm.peakMb, sparkWarm.peakMb);
        System.out.println(uptime());
    }

    private record Warm(double last, long peakMb) {
    }

    private static double timed(List<String> cmd, Path work, String name) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        run(cmd, work, name);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %.1f s%n", name, s);
        return s;
    }

    private static Warm warm(List<String> cmd, Path work, String name) throws IOException, InterruptedException {
        Path log = run(cmd, work, name);
        double last = 0;
        long peak = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = RUN.matcher(line);
            if (m.find()) {
                last = Double.parseDouble(m.group(2));
                System.out.printf(Locale.ROOT, "%s run %s: %s s%n", name, m.group(1), m.group(2));
            }
            Matcher p = PEAK.matcher(line);
            if (p.find()) {
                peak = Long.parseLong(p.group(1));
            }
        }
        return new Warm(last, peak);
    }

    private static Path run(List<String> cmd, Path work, String name) throws IOException, InterruptedException {
        Path log = work.resolve(name + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException(name + " exited with " + code + "; see " + log);
        }
        return log;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The Java 17 options Spark's launcher adds, as the pom lists them for the tests. */
    private static String javaOptions() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<spark.java17.options>(.*?)</spark.java17.options>", Pattern.DOTALL).matcher(pom);
        if (!m.find()) {
            throw new IllegalStateException("spark.java17.options not found in pom.xml");
        }
        return m.group(1).trim();
    }

    private static String uptime() {
        try {
            return "load: " + Files.readString(Path.of("/proc/loadavg")).strip() + " (" + Runtime.getRuntime().availableProcessors() + " processors)";
        } catch (IOException e) {
            return "load: unknown";
        }
    }
}
