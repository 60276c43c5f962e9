package dev.preflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The runnable jar as a user runs it ({@code java -jar target/preflight.jar ...}), after
 * {@code package}: every sample gives its documented exit code. Catches what unit tests cannot,
 * such as Drools service files lost while shading.
 */
class RunnableJarIT {

    static final Path JAR = Path.of("target/preflight.jar");

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("preflight-it", ".out");
        Path err = Files.createTempFile("preflight-it", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished in time: " + cmd);
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static int exitCodeOf(String verdict) {
        return switch (verdict) {
            case "ELIGIBLE" -> 0;
            case "NOT_ELIGIBLE" -> 1;
            default -> 2;
        };
    }

    @TestFactory
    Stream<DynamicTest> everySampleGivesItsDocumentedExitCode() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(Path.of("src/test/resources/sample-cases/samples.json").toFile()).get("cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            String sample = "samples/" + c.get("name").asText().split(":")[0];
            String verdict = c.get("expect").get("verdict").asText();
            tests.add(DynamicTest.dynamicTest(sample + " -> " + verdict, () -> {
                Run r = run("evaluate", "--format", "json", sample);
                assertEquals(exitCodeOf(verdict), r.exitCode(), r.err());
                JsonNode report = new ObjectMapper().readTree(r.out());
                assertEquals(verdict, report.get("verdict").asText());
                assertEquals(36, report.get("checks").size());
                assertEquals("", r.err(), "nothing on stderr");
            }));
        }
        return tests.stream();
    }

    @Test
    void badInputExitsThreeWithoutAStackTrace() throws Exception {
        Path bad = Files.createTempFile("bad", ".json");
        try {
            Files.writeString(bad, "{\"tenant\": {\"cloud\": 7}}");
            Run r = run("evaluate", bad.toString());
            assertEquals(3, r.exitCode());
            assertTrue(r.err().contains("tenant.cloud"), r.err());
            assertTrue(!r.err().contains("\tat "), r.err());
        } finally {
            Files.deleteIfExists(bad);
        }
    }

    @Test
    void versionAndRulesList() throws Exception {
        Run v = run("--version");
        assertEquals(0, v.exitCode());
        assertTrue(v.out().contains("Drools 10.2.0"), v.out());
        Run list = run("rules", "list", "--format", "csv");
        assertEquals(0, list.exitCode(), list.err());
        assertEquals(37, list.out().lines().count(), "a header and 36 checks");
    }
}
