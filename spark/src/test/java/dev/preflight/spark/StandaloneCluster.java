package dev.preflight.spark;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on 127.0.0.1, started from Spark's classes as Maven resolved them (no
 * Spark distribution): a Master and two Workers, each in a JVM of its own, on random ports with the
 * Master's REST server off; the Workers start the executors in JVMs of their own. The recipe of
 * {@code docs/batch-and-spark.md} ("A standalone cluster from Maven artifacts"), step for step.
 *
 * <p>Every process it starts (the daemons, the executors they start, the driver) is stopped by
 * {@link #close()}, and by a JVM shutdown hook if the test JVM ends first.
 */
final class StandaloneCluster implements AutoCloseable {

    static final Duration START = Duration.ofMinutes(3);
    static final Duration JOB = Duration.ofMinutes(8);
    private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)");
    /**
     * The Master's and Workers' JVMs: they only keep the books and pass messages (the job runs in the
     * driver and the executors), so C1 alone and the serial collector, which leave the two cores to
     * the driver and executors instead of compiling and collecting beside them; the results do not
     * depend on how Spark's daemons are compiled.
     */
    private static final String[] DAEMON_OPTIONS = {"-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dspark.master.rest.enabled=false"};

    private final Path dir;
    private final Path sparkHome;
    private final List<Process> started = new CopyOnWriteArrayList<>();
    private final Thread shutdownHook = new Thread(this::killAll, "stop-spark-cluster");
    private final List<Process> workers = new ArrayList<>();
    private Process master;
    private String masterUrl;

    private StandaloneCluster(Path dir) {
        this.dir = dir;
        this.sparkHome = dir.resolve("spark-home");
    }

    /** Starts the Master and two Workers and returns once both Workers are registered; stops what it started if that fails. */
    static StandaloneCluster start(Path dir) throws IOException, InterruptedException {
        StandaloneCluster cluster = new StandaloneCluster(Files.createDirectories(dir));
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.startDaemons();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    String masterUrl() {
        return masterUrl;
    }

    /** The Workers' work directories, where each executor's log is ({@code app-ID/N/stderr}). */
    List<Path> workDirs() {
        return List.of(dir.resolve("worker-1"), dir.resolve("worker-2"));
    }

    private void startDaemons() throws IOException, InterruptedException {
        // 1. Spark's own jars (the provided class path, target/spark-classpath.txt) as $SPARK_HOME/jars,
        //    where a Worker takes the class path of the executors it launches.
        Path jars = Files.createDirectories(sparkHome.resolve("jars"));
        for (String jar : Files.readString(Path.of("target/spark-classpath.txt")).strip().split(File.pathSeparator)) {
            Path source = Path.of(jar).toAbsolutePath();
            Files.createSymbolicLink(jars.resolve(source.getFileName()), source);
        }
        String classPath = jars + File.separator + "*";

        // 3. The Master, on a random port.
        Path masterLog = dir.resolve("master.log");
        master = launch(masterLog, SparkSubmitIT.sparkJava(classPath, DAEMON_OPTIONS),
                "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "0", "--webui-port", "0");
        Matcher url = awaitLog(master, masterLog, MASTER_URL, 1);
        masterUrl = url.group(1);

        // 4. Two Workers, one core each; the Master logs each registration.
        for (int i = 1; i <= 2; i++) {
            Path workDir = Files.createDirectories(dir.resolve("worker-" + i));
            workers.add(launch(dir.resolve("worker-" + i + ".log"),
                    SparkSubmitIT.sparkJava(classPath, DAEMON_OPTIONS),
                    "org.apache.spark.deploy.worker.Worker", masterUrl, "--host", "127.0.0.1", "--port", "0", "--webui-port", "0",
                    "--cores", "1", "--memory", "1g", "--work-dir", workDir.toString()));
        }
        awaitLog(master, masterLog, Pattern.compile("Registering worker"), 2);
    }

    /**
     * 5. {@code spark-submit --master spark://... --deploy-mode client} of the job jar (Spark's jars alone
     * on the driver's class path), with both executors registered before the first task.
     */
    SparkSubmitIT.Submitted submit(List<String> jobArgs) throws IOException, InterruptedException {
        List<String> cmd = SparkSubmitIT.sparkJava(Files.readString(Path.of("target/spark-classpath.txt")).strip(), "-Xmx1g", "-XX:TieredStopAtLevel=1");
        // The driver and the executors in C1 alone, as the test JVMs: each lives a minute, mostly starting
        // Spark and loading or compiling the rules; the test took 143 s of CPU instead of 203 s (one A/B,
        // loaded machine, 2/2 green both ways). The JIT tier does not change what the job computes.
        cmd.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", masterUrl, "--deploy-mode", "client",
                "--conf", "spark.executor.extraJavaOptions=-XX:TieredStopAtLevel=1",
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.executor.memory=1g", "--conf", "spark.executor.cores=1",
                "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=120s"));
        cmd.addAll(SparkSubmitIT.jobJar(jobArgs));
        Path log = dir.resolve("submit-" + System.nanoTime() + ".log");
        Process driver = launch(log, cmd);
        try {
            if (!driver.waitFor(JOB.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the job did not finish in " + JOB + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new SparkSubmitIT.Submitted(driver.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            kill(driver);
            started.remove(driver);
        }
    }

    /** 6. The Workers by their process ids (each stops its executors), then the Master; whatever is left, forcibly. */
    @Override
    public void close() {
        List<ProcessHandle> executors = new ArrayList<>();
        for (Process worker : workers) {
            worker.descendants().forEach(executors::add);
        }
        for (Process worker : workers) {
            worker.destroy();
        }
        for (Process worker : workers) {
            awaitExit(worker.toHandle());
        }
        if (master != null) {
            master.destroy();
            awaitExit(master.toHandle());
        }
        executors.forEach(StandaloneCluster::awaitExit);
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs or has run: nothing left to remove
        }
    }

    private Process launch(Path log, List<String> java, String... mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>(java);
        cmd.addAll(List.of(mainAndArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // 2. The environment every Spark JVM of the cluster gets.
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_LOCAL_DIRS", Files.createDirectories(dir.resolve("local")).toString());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** Waits until {@code log} holds {@code count} matches of {@code pattern}; the last one. */
    private static Matcher awaitLog(Process p, Path log, Pattern pattern, int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            Matcher m = pattern.matcher(text);
            int seen = 0;
            while (seen < count && m.find()) {
                seen++;
            }
            if (seen == count) {
                return m;
            }
            if (!p.isAlive()) {
                throw new AssertionError("the Spark process ended (exit " + p.exitValue() + ") before logging " + pattern + ":\n" + text);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + count + " x '" + pattern + "' in " + START + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
    }

    private static void awaitExit(ProcessHandle p) {
        try {
            p.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception notInTime) {
            p.destroyForcibly();
        }
    }

    /** Every process started and every process they started, forcibly: the last resort (and the shutdown hook). */
    private void killAll() {
        for (Process p : started) {
            kill(p);
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }
}
