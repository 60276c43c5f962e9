package dev.preflight.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar on a real standalone Spark cluster ({@link StandaloneCluster}: a Master, two Workers and
 * their executors, each a JVM of its own, on 127.0.0.1), submitted in client mode as {@code spark-submit}
 * submits it: every result line equals {@code preflight batch}'s for the same record, with the built-in
 * rules and with a rules directory (which the executors compile themselves).
 */
class SparkClusterIT {

    private static final int TENANTS = 2000;

    @TempDir
    static Path dir;

    private static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = StandaloneCluster.start(dir.resolve("cluster"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theClusterGivesTheResultsOfTheCommandLineWithTheBuiltInRules() throws Exception {
        Path input = Fleet.write(dir.resolve("fleet.jsonl"), 61, TENANTS, true);
        Map<String, String> expected = Reference.cliLines(dir.resolve("cli.jsonl"), null, input.toString());

        Path out = dir.resolve("out");
        SparkSubmitIT.Submitted run = cluster.submit(List.of(input.toString(), "-o", out.toString(), "--split-size", "1m"));
        assertEquals(0, run.code(), run.log());
        assertTrue(run.log().contains(TENANTS + " records read, " + TENANTS + " results written"), run.log());
        assertEquals(TENANTS, expected.size());
        assertEquals(expected, Reference.sparkLines(out));
        assertBothExecutorsRanTasks(run);
    }

    @Test
    void theClusterGivesTheResultsOfTheCommandLineWithARulesDirectory() throws Exception {
        String rules = Path.of("../rules").toAbsolutePath().normalize().toString();
        Path input = Fleet.write(dir.resolve("fleet-rules.jsonl"), 62, TENANTS, true);
        Map<String, String> expected = Reference.cliLines(dir.resolve("cli-rules.jsonl"), null, "--rules", rules, input.toString());

        Path out = dir.resolve("out-rules");
        SparkSubmitIT.Submitted run = cluster.submit(List.of("--rules", rules, input.toString(), "-o", out.toString(), "--split-size", "1m"));
        assertEquals(0, run.code(), run.log());
        Map<String, String> actual = Reference.sparkLines(out);
        assertEquals(expected, actual);
        assertTrue(actual.values().stream().filter(l -> l.contains("\"verdict\"")).allMatch(l -> l.contains("\"source\":\"" + rules + "\"")),
                "every report names the rules directory");
        assertBothExecutorsRanTasks(run);
    }

    /** The job ran in executors' JVMs on both Workers: each Worker's executor of this application logged finished tasks. */
    private static void assertBothExecutorsRanTasks(SparkSubmitIT.Submitted run) throws IOException {
        Matcher app = Pattern.compile("app-\\d{14}-\\d{4}").matcher(run.log());
        assertTrue(app.find(), "the driver names its application: " + run.log());
        for (Path workDir : cluster.workDirs()) {
            List<String> logs = new ArrayList<>();
            Path appDir = workDir.resolve(app.group());
            assertTrue(Files.isDirectory(appDir), "an executor of " + app.group() + " on " + workDir);
            try (Stream<Path> files = Files.walk(appDir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().equals("stderr")).toList()) {
                    logs.add(Files.readString(f));
                }
            }
            assertTrue(logs.stream().anyMatch(l -> l.contains("Finished task")), "an executor of " + workDir + " ran tasks: " + logs);
        }
    }
}
