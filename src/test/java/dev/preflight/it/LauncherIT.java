package dev.preflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/preflight} as a user runs it, after {@code package}: it finds the jar, passes
 * arguments and exit codes through untouched, picks JVM options per command and lets the user
 * override them, and uses the class-data archive only when it fits, silently running without it
 * otherwise (no message on standard output, where it would break a JSON report).
 */
@EnabledOnOs({OS.LINUX, OS.MAC}) // a POSIX shell script
class LauncherIT {

    static final Path LAUNCHER = Path.of("bin/preflight").toAbsolutePath();
    static final Path JAR = Path.of("target/preflight.jar").toAbsolutePath();
    static final Path ARCHIVE = Path.of("target/preflight.jsa").toAbsolutePath();
    static final String JAVA_HOME = System.getProperty("java.home");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(Path launcher, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("preflight-launcher", ".out");
        Path err = Files.createTempFile("preflight-launcher", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().keySet().removeAll(List.of("JAVA_OPTS", "PREFLIGHT_OPTS", "PREFLIGHT_CDS", "PREFLIGHT_LAUNCHER_DEBUG"));
            pb.environment().put("JAVA_HOME", JAVA_HOME); // the JVM that made the archive
            pb.environment().putAll(env);
            Process p = pb.start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished in time: " + cmd);
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Run run(String... args) throws IOException, InterruptedException {
        return run(LAUNCHER, Map.of(), args);
    }

    /** A distribution: the launcher with a copy of the jar beside it, and no archive. */
    Path distribution(String dirName) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(dirName));
        Files.copy(LAUNCHER, dir.resolve("preflight"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(JAR, dir.resolve("preflight.jar"));
        return dir.resolve("preflight");
    }

    /** The classes a run loaded from the application archive, counted from the JVM's class loading log. */
    static long classesFromArchive(Path launcher, Map<String, String> env, Path log, String... args) throws IOException, InterruptedException {
        Map<String, String> withLog = new java.util.HashMap<>(env);
        withLog.put("PREFLIGHT_OPTS", "-Xlog:class+load:file=" + log);
        Run r = run(launcher, withLog, args);
        assertEquals(0, r.exitCode(), r.err());
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("source: shared objects file (top)")).count();
        }
    }

    static void assertCleanJsonReport(Run r, String verdict) throws IOException {
        assertEquals("", r.err(), "nothing on standard error");
        assertTrue(r.out().startsWith("{"), "standard output is the report and nothing else: " + r.out().lines().findFirst().orElse(""));
        assertEquals(verdict, JSON.readTree(r.out()).get("verdict").asText());
    }

    @Test
    void exitCodesPassThrough() throws Exception {
        assertEquals(0, run("evaluate", "samples/healthy-hybrid.json").exitCode());
        assertEquals(1, run("evaluate", "samples/legacy-forest-2008r2.json").exitCode());
        assertEquals(2, run("evaluate", "samples/network-not-collected.json").exitCode());
        Run usage = run("evaluate", "--no-such-option", "samples/healthy-hybrid.json");
        assertEquals(64, usage.exitCode());
        assertTrue(usage.err().contains("--no-such-option"), usage.err());
        assertEquals(66, run("evaluate", "samples/no-such-tenant.json").exitCode());
    }

    @Test
    void argumentsReachTheProgramUntouched() throws Exception {
        // Spaces, quotes, a glob and a variable: none of them split, expanded or re-quoted.
        Path dir = Files.createDirectories(tmp.resolve("a dir with spaces"));
        Path input = dir.resolve("it's \"a\" tenant $HOME *.json");
        Files.copy(Path.of("samples/legacy-forest-2008r2.json"), input);
        Path output = dir.resolve("the report (1).json");
        Run r = run("evaluate", "--format", "json", "-o", output.toString(), input.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("NOT_ELIGIBLE", JSON.readTree(output.toFile()).get("verdict").asText());

        Run missing = run("evaluate", dir.resolve("no such * file.json").toString());
        assertEquals(66, missing.exitCode());
        assertTrue(missing.err().contains("no such * file.json"), missing.err());
    }

    @Test
    void oneShotCommandsRunWithC1TheSerialCollectorAndTheArchive() throws Exception {
        for (String[] args : List.of(new String[] {"evaluate", "samples/healthy-hybrid.json"}, new String[] {"rules", "list"}, new String[] {"--version"})) {
            Run r = run(LAUNCHER, Map.of("PREFLIGHT_LAUNCHER_DEBUG", "1"), args);
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.err().contains("preflight launcher: one-shot command"), r.err());
            assertTrue(r.err().contains("'-XX:TieredStopAtLevel=1' '-XX:+UseSerialGC' '-XX:SharedArchiveFile=" + ARCHIVE + "' '-Xshare:auto'"), r.err());
            assertTrue(r.err().contains("'-jar' '" + JAR + "' '" + String.join("' '", args) + "'"), r.err());
        }
    }

    @Test
    void batchKeepsFullCompilationAndTakesTheParallelCollector() throws Exception {
        Run r = run(LAUNCHER, Map.of("PREFLIGHT_LAUNCHER_DEBUG", "1"), "generate", "--count", "2", "--seed", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(2, r.out().lines().count(), r.out());
        assertTrue(r.err().contains("preflight launcher: throughput command"), r.err());
        assertTrue(r.err().contains("'-XX:+UseParallelGC' '-XX:SharedArchiveFile="), r.err());
        assertFalse(r.err().contains("TieredStopAtLevel"), r.err());
        assertFalse(r.err().contains("UseSerialGC"), r.err());
    }

    @Test
    void theUsersOptionsReplaceTheLaunchersOfTheSameKind() throws Exception {
        Path gcLog = tmp.resolve("gc.log");
        // A second collector beside the launcher's would stop the JVM ("conflicting collector combinations").
        Run r = run(LAUNCHER, Map.of("PREFLIGHT_LAUNCHER_DEBUG", "1", "JAVA_OPTS", "-XX:+UseG1GC",
                "PREFLIGHT_OPTS", "-XX:TieredStopAtLevel=4 -Xshare:off -Xlog:gc*:file=" + gcLog), "evaluate", "samples/healthy-hybrid.json");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.err().contains("UseSerialGC"), r.err());
        assertFalse(r.err().contains("TieredStopAtLevel=1"), r.err());
        assertFalse(r.err().contains("SharedArchiveFile"), r.err());
        assertTrue(r.err().contains("'-XX:+UseG1GC' '-XX:TieredStopAtLevel=4' '-Xshare:off' '-Xlog:gc*:file="), "JAVA_OPTS, then PREFLIGHT_OPTS, unglobbed: " + r.err());
        assertTrue(Files.readString(gcLog).contains("Using G1"), "the user's collector ran");
    }

    @Test
    void theBuildsArchiveIsUsed() throws Exception {
        assertTrue(Files.isRegularFile(ARCHIVE), "mvn package writes target/preflight.jsa");
        long shared = classesFromArchive(LAUNCHER, Map.of(), tmp.resolve("classes.log"), "evaluate", "samples/healthy-hybrid.json");
        assertTrue(shared > 1000, "classes from the application archive: " + shared);
        assertEquals(0, classesFromArchive(LAUNCHER, Map.of("PREFLIGHT_CDS", "off"), tmp.resolve("off.log"), "evaluate", "samples/healthy-hybrid.json"));
    }

    @Test
    void aDistributionWithoutAnArchiveRunsAndAJarLessOneSaysWhatIsMissing() throws Exception {
        Path launcher = distribution("preflight dist"); // a space in its path, too
        assertCleanJsonReport(run(launcher, Map.of(), "evaluate", "--format", "json", Path.of("samples/healthy-hybrid.json").toAbsolutePath().toString()), "ELIGIBLE");
        Run debug = run(launcher, Map.of("PREFLIGHT_LAUNCHER_DEBUG", "1"), "--version");
        assertTrue(debug.err().contains("class-data archive none"), debug.err());
        assertFalse(debug.err().contains("SharedArchiveFile"), debug.err());

        Files.delete(launcher.resolveSibling("preflight.jar"));
        Run noJar = run(launcher, Map.of(), "--version");
        assertEquals(127, noJar.exitCode());
        assertTrue(noJar.err().contains("cannot find preflight.jar"), noJar.err());
    }

    @Test
    void aLinkToTheLauncherFindsTheJar() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("preflight"), LAUNCHER);
        Run r = run(link, Map.of(), "rules", "list", "--format", "csv");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(37, r.out().lines().count(), "a header and 36 checks");
    }

    @Test
    void javaHomeIsHonoured() throws Exception {
        Run r = run(LAUNCHER, Map.of("PREFLIGHT_LAUNCHER_DEBUG", "1"), "--version");
        assertTrue(r.err().contains("exec '" + JAVA_HOME + "/bin/java'"), r.err());
        Run wrong = run(LAUNCHER, Map.of("JAVA_HOME", tmp.resolve("no-java").toString()), "--version");
        assertEquals(127, wrong.exitCode());
        assertTrue(wrong.err().contains("JAVA_HOME"), wrong.err());
    }

    @Test
    void aCorruptArchiveIsIgnoredSilently() throws Exception {
        Path launcher = distribution("dist");
        Path archive = launcher.resolveSibling("preflight.jsa");
        Path sample = Path.of("samples/healthy-hybrid.json").toAbsolutePath();
        byte[] garbage = new byte[100_000];
        new java.util.Random(1).nextBytes(garbage);
        Files.write(archive, garbage);
        assertCleanJsonReport(run(launcher, Map.of(), "evaluate", "--format", "json", sample.toString()), "ELIGIBLE");
        Files.write(archive, new byte[0]);
        assertCleanJsonReport(run(launcher, Map.of(), "evaluate", "--format", "json", sample.toString()), "ELIGIBLE");
        // The build's archive beside another copy of the jar: made for a different file.
        Files.copy(ARCHIVE, archive, StandardCopyOption.REPLACE_EXISTING);
        assertCleanJsonReport(run(launcher, Map.of(), "evaluate", "--format", "json", sample.toString()), "ELIGIBLE");
    }

    @Test
    void anArchiveIsUsedWhileItFitsAndIgnoredSilentlyOnceTheJarChanges() throws Exception {
        // No space in its path: Java 17 loads no application class from an archive made for a jar
        // whose path has one (it still runs, without them).
        Path launcher = distribution("dist");
        Path jar = launcher.resolveSibling("preflight.jar");
        Path archive = launcher.resolveSibling("preflight.jsa");
        Path sample = Path.of("samples/healthy-hybrid.json").toAbsolutePath();
        // As the build makes one.
        Process dump = new ProcessBuilder(Path.of(JAVA_HOME, "bin", "java").toString(), "-XX:ArchiveClassesAtExit=" + archive,
                "-jar", jar.toString(), "evaluate", sample.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(dump.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, dump.exitValue());
        assertTrue(classesFromArchive(launcher, Map.of(), tmp.resolve("fresh.log"), "evaluate", sample.toString()) > 1000, "the fresh archive is used");

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 3_600_000)); // the jar was replaced
        assertEquals(0, classesFromArchive(launcher, Map.of(), tmp.resolve("stale.log"), "evaluate", sample.toString()), "a stale archive is not used");
        assertCleanJsonReport(run(launcher, Map.of(), "evaluate", "--format", "json", sample.toString()), "ELIGIBLE");
    }
}
