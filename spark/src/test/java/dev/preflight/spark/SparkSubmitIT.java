package dev.preflight.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar as a cluster gets it: {@code target/preflight-spark.jar} submitted through
 * {@code org.apache.spark.deploy.SparkSubmit} in local mode, with only Spark's own jars beside it
 * (what the {@code spark-submit} script runs), over a generated JSON Lines file; its results equal
 * {@code preflight batch}'s.
 */
class SparkSubmitIT {

    @TempDir
    Path dir;

    @Test
    void sparkSubmitOfTheJobJarWritesTheResultsOfTheCommandLine() throws Exception {
        Path input = Fleet.write(dir.resolve("fleet.jsonl"), 41, 2000, true);
        Map<String, String> expected = Reference.cliLines(dir.resolve("cli.jsonl"), null, input.toString());

        Path out = dir.resolve("out");
        Submitted run = submit(dir, List.of(input.toString(), "-o", out.toString(), "--split-size", "2m"));
        assertEquals(0, run.code(), run.log());
        assertTrue(run.log().contains("2000 records read, 2000 results written"), run.log());
        assertEquals(expected, Reference.sparkLines(out));
    }

    @Test
    void aJobWhoseOutputExistsFailsWithoutTouchingIt() throws Exception {
        Path input = Fleet.write(dir.resolve("fleet.jsonl"), 42, 10, false);
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("keep.txt"), "earlier results");
        Submitted run = submit(dir, List.of(input.toString(), "-o", out.toString()));
        assertEquals(1, run.code(), run.log());
        assertTrue(run.log().contains("the output " + out + " exists; remove it or give --mode overwrite"), run.log());
        assertEquals("earlier results", Files.readString(out.resolve("keep.txt")));
    }

    record Submitted(int code, String log) {
    }

    /** {@code java} with the options Spark's launcher adds on Java 17, {@code jvmOptions}, and {@code -cp classPath}: what Spark's scripts start. */
    static List<String> sparkJava(String classPath, String... jvmOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Arrays.stream(System.getProperty("spark.java17.options", "").trim().split("\\s+")).filter(o -> !o.isEmpty()).forEach(cmd::add);
        cmd.addAll(Arrays.asList(jvmOptions));
        cmd.addAll(List.of("-cp", classPath));
        return cmd;
    }

    /** SparkSubmit's last arguments: {@code --class} the job, the job jar, the job's own arguments. */
    static List<String> jobJar(List<String> args) {
        List<String> out = new ArrayList<>(List.of("--class", PreflightJob.class.getName(),
                Path.of("target/preflight-spark.jar").toAbsolutePath().toString()));
        out.addAll(args);
        return out;
    }

    /** {@code spark-submit --master local[2] --class ... preflight-spark.jar ARGS}, as its launcher script runs it. */
    static Submitted submit(Path workDir, List<String> args) throws IOException, InterruptedException {
        // Spark's jars alone on the JVM's class path, the job jar only as SparkSubmit's argument: as
        // spark-submit runs it. A class the job needs from Spark but shaded away would fail here.
        List<String> cmd = sparkJava(Files.readString(Path.of("target/spark-classpath.txt")).strip(), "-Xmx1g", "-XX:TieredStopAtLevel=1"); // C1 alone, as the cluster's driver and executors
        cmd.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", "local[2]", "--conf", "spark.ui.enabled=false"));
        cmd.addAll(jobJar(args));
        Path log = workDir.resolve("submit-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("spark-submit did not finish in 10 minutes: " + Files.readString(log));
        }
        return new Submitted(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
