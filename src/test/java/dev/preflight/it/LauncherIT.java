package dev.preflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's {@code bin/preflight} as a user runs it, after {@code package}: unpacked from
 * the archive with only a Java runtime, it finds its jar and a Java, passes arguments and exit
 * codes through untouched, picks JVM options per command and lets the user override them, and
 * makes the class-data archive in the user's cache on the first evaluate and uses it from then
 * on, silently running without it when it does not fit (no message on standard output, where it
 * would break a JSON report). Every test has a cache folder of its own ({@code XDG_CACHE_HOME}).
 */
@EnabledOnOs({OS.LINUX, OS.MAC}) // a POSIX shell script; bin/preflight.cmd is compared by LaunchersTest
class LauncherIT {

    /** The distribution unpacked by {@code package}: target/preflight-VERSION/. */
    static final Path DIST = distributionFolder();
    static final Path LAUNCHER = DIST.resolve("bin/preflight");
    static final Path JAR = DIST.resolve("lib/preflight.jar");
    static final String JAVA_HOME = System.getProperty("java.home");
    static final Path SAMPLE = Path.of("samples/healthy-hybrid.json").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern ARCHIVE = Pattern.compile("class-data archive (\\S+\\.jsa) \\(([^)]*)\\)");

    @TempDir
    Path tmp;

    /**
     * The user's cache (XDG_CACHE_HOME) of the tests that do not look at the class-data archive: the
     * first evaluate among them makes it and the others use it, as a user's runs do (making one is
     * most of a first run's time). Each test about the archive has a cache of its own.
     */
    @TempDir
    static Path sharedCache;

    Path cache;

    @BeforeEach
    void ownCache() throws IOException {
        cache = Files.createDirectories(tmp.resolve("cache"));
    }

    /** This test runs with the cache the tests that do not look at the archive share. */
    void shareTheCache() {
        cache = sharedCache;
    }

    /** The links a test made to commands outside its folder, removed before JUnit cleans the folder (it warns about each). */
    @AfterEach
    void removeLinks() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            for (Path p : s.filter(Files::isSymbolicLink).toList()) {
                Files.delete(p);
            }
        }
    }

    static Path distributionFolder() {
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("preflight-") && Files.isDirectory(p.resolve("bin")))
                    .findFirst().orElseThrow(() -> new IllegalStateException("mvn package writes target/preflight-VERSION/")).toAbsolutePath();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    record Run(int exitCode, String out, String err) {
        /** The class-data archive the launcher chose, and what it did with it. */
        String[] archive() {
            Matcher m = ARCHIVE.matcher(err);
            assertTrue(m.find(), "the launcher names its archive: " + err);
            return new String[] {m.group(1), m.group(2)};
        }
    }

    Run run(Path launcher, Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "launcher", ".out");
        Path err = Files.createTempFile(tmp, "launcher", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().keySet().removeAll(List.of("JAVA_OPTS", "PREFLIGHT_OPTS", "PREFLIGHT_CDS", "PREFLIGHT_LAUNCHER_DEBUG"));
        pb.environment().put("JAVA_HOME", JAVA_HOME);
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getValue() == null) {
                pb.environment().remove(e.getKey());
            } else {
                pb.environment().put(e.getKey(), e.getValue());
            }
        }
        Process p = pb.start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "finished in time: " + cmd);
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(LAUNCHER, null, env, args);
    }

    Run run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    static Map<String, String> debug(String... more) {
        Map<String, String> env = new HashMap<>(Map.of("PREFLIGHT_LAUNCHER_DEBUG", "1"));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    /** The classes a run loaded from the application archive, counted from the JVM's class loading log. */
    long classesFromArchive(Path launcher, Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile(tmp, "classes", ".log");
        Map<String, String> withLog = new HashMap<>(env);
        withLog.put("PREFLIGHT_OPTS", "-Xlog:class+load:file=" + log);
        Run r = run(launcher, dir, withLog, args);
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

    /** A folder holding links to the commands the launcher uses, and to java unless told not to: no Maven, no build tools. */
    Path onlyAJavaRuntime(boolean withJava) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve(withJava ? "path-with-java" : "path-without-java"));
        for (String tool : List.of("sh", "dirname", "sed", "ls", "cat", "cksum", "cut", "cp", "mv", "rm", "mkdir", "head")) {
            for (String dir : List.of("/bin", "/usr/bin")) {
                Path p = Path.of(dir, tool);
                if (Files.isExecutable(p) && !Files.exists(bin.resolve(tool))) {
                    Files.createSymbolicLink(bin.resolve(tool), p);
                }
            }
        }
        if (withJava) {
            Files.createSymbolicLink(bin.resolve("java"), Path.of(JAVA_HOME, "bin", "java"));
        }
        return bin;
    }

    @Test
    void theArchiveUnpackedIntoAFolderWithASpaceRunsTwiceWithOnlyAJavaRuntimeAndTheSecondRunUsesTheClassDataArchive() throws Exception {
        Path tarGz;
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            tarGz = s.filter(p -> p.getFileName().toString().matches("preflight-.*\\.tar\\.gz")).findFirst().orElseThrow();
        }
        Path place = Files.createDirectories(tmp.resolve("Program Files"));
        Process untar = new ProcessBuilder("tar", "xzf", tarGz.toAbsolutePath().toString(), "-C", place.toString()).inheritIO().start();
        assertTrue(untar.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, untar.exitValue());
        Path home;
        try (Stream<Path> s = Files.list(place)) {
            home = s.findFirst().orElseThrow();
        }
        for (String f : List.of("bin/preflight", "bin/preflight.cmd", "lib/preflight.jar", "rules/checks.json", "rules/messages_zh_TW.properties",
                "samples/healthy-hybrid.json", "samples/collection-ps51/manifest.json", "collector/Collect-Preflight.ps1", "README.md")) {
            assertTrue(Files.isRegularFile(home.resolve(f)), f);
        }
        assertTrue(Files.isExecutable(home.resolve("bin/preflight")));
        assertTrue(Files.readString(home.resolve("README.md")).contains("docs/"), "the README points to the docs");

        // A user's working folder outside any checkout, JAVA_HOME unset, java only on the PATH.
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path launcher = home.resolve("bin/preflight");
        Path sample = home.resolve("samples/healthy-hybrid.json");
        Map<String, String> env = debug("JAVA_HOME", null, "PATH", onlyAJavaRuntime(true).toString());
        Run first = run(launcher, work, env, "evaluate", sample.toString());
        assertEquals(0, first.exitCode(), first.err());
        String[] made = first.archive();
        assertEquals("made by this run", made[1]);
        assertTrue(made[0].startsWith(cache.resolve("preflight").toString()), "in the user's cache: " + made[0]);
        assertTrue(Files.size(Path.of(made[0])) > 1_000_000, "the first run left a whole archive");
        try (Stream<Path> s = Files.list(cache.resolve("preflight"))) {
            assertFalse(s.anyMatch(p -> p.toString().endsWith(".tmp")), "nothing half-written left behind");
        }

        Run second = run(launcher, work, env, "evaluate", sample.toString());
        assertEquals(0, second.exitCode(), second.err());
        assertEquals(made[0], second.archive()[0]);
        assertEquals("used", second.archive()[1]);
        assertEquals(first.out(), second.out(), "the same report");
        assertTrue(first.out().contains("ELIGIBLE"), first.out());
        // Java 17 loads the application's classes from an archive only for a jar path without a
        // space: the launcher runs a copy in the cache, so they do come from it.
        long shared = classesFromArchive(launcher, work, Map.of("JAVA_HOME", "", "PATH", env.get("PATH")), "evaluate", sample.toString());
        assertTrue(shared > 1000, "classes from the application archive: " + shared);
    }

    @Test
    void twoFirstRunsAtOnceEachSucceedAndLeaveOneWholeArchive() throws Exception {
        List<Process> runs = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path out = tmp.resolve("concurrent" + i + ".json");
            outs.add(out);
            ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "evaluate", "--format", "json", SAMPLE.toString())
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("JAVA_HOME", JAVA_HOME);
            pb.environment().put("XDG_CACHE_HOME", cache.toString());
            runs.add(pb.start());
        }
        for (Process p : runs) {
            assertTrue(p.waitFor(180, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        }
        assertEquals(Files.readString(outs.get(0)), Files.readString(outs.get(1)));
        try (Stream<Path> s = Files.list(cache.resolve("preflight"))) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".jar")).toList();
            assertEquals(1, names.size(), "one archive, no partial file: " + names);
            assertTrue(names.get(0).endsWith(".jsa"), names.toString());
        }
        assertTrue(classesFromArchive(LAUNCHER, null, Map.of(), "evaluate", SAMPLE.toString()) > 1000, "the archive left is whole and used");
    }

    @Test
    void anotherJarOrAnotherJavaBuildGetsAnArchiveOfItsOwnAndABadArchiveOnlyMeansASlowerStart() throws Exception {
        Path dist = copyOfTheDistribution("dist");
        Path launcher = dist.resolve("bin/preflight");
        Run first = run(launcher, null, debug(), "evaluate", SAMPLE.toString());
        String archive = first.archive()[0];

        // The jar replaced (a new build): another name, made by the next evaluate.
        Path jar = dist.resolve("lib/preflight.jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 3_600_000));
        Run rebuilt = run(launcher, null, debug(), "evaluate", SAMPLE.toString());
        assertFalse(archive.equals(rebuilt.archive()[0]), "a new archive for the new jar");
        assertEquals("made by this run", rebuilt.archive()[1]);

        // Another build of Java (here: the same java, but a release file that says otherwise).
        Path otherJava = Files.createDirectories(tmp.resolve("other-java/bin"));
        Files.createSymbolicLink(otherJava.resolve("java"), Path.of(JAVA_HOME, "bin", "java"));
        Files.writeString(otherJava.resolveSibling("release"), "JAVA_VERSION=\"" + Runtime.version().feature() + ".0.99\"\nJAVA_RUNTIME_VERSION=\"other-build\"\n");
        Run other = run(launcher, null, debug("JAVA_HOME", otherJava.getParent().toString()), "--version");
        assertEquals(0, other.exitCode(), other.err());
        assertFalse(other.archive()[0].equals(rebuilt.archive()[0]), "a new archive for another Java build");
        assertEquals("none yet: the first evaluate makes it", other.archive()[1]);

        // Garbage, an empty file, another jar's archive under this jar's name: all ignored silently.
        Path current = Path.of(rebuilt.archive()[0]);
        byte[] garbage = new byte[100_000];
        new java.util.Random(1).nextBytes(garbage);
        for (byte[] content : List.of(garbage, new byte[0], Files.readAllBytes(Path.of(archive)))) {
            current.toFile().setWritable(true);
            Files.write(current, content);
            assertCleanJsonReport(run(launcher, null, Map.of(), "evaluate", "--format", "json", SAMPLE.toString()), "ELIGIBLE");
        }
    }

    Path copyOfTheDistribution(String name) {
        Path dist = dev.preflight.engine.RulesDirs.copyTree(DIST, tmp.resolve(name));
        assertTrue(dist.resolve("bin/preflight").toFile().setExecutable(true));
        return dist;
    }

    @Test
    void exitCodesPassThrough() throws Exception {
        shareTheCache();
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
        shareTheCache();
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
    void oneShotCommandsRunWithC1TheSerialCollectorAndTheArchiveOnceMade() throws Exception {
        Run before = run(debug(), "rules", "list");
        assertEquals(0, before.exitCode(), before.err());
        assertEquals("none yet: the first evaluate makes it", before.archive()[1], "only an evaluate makes the archive");
        assertTrue(before.err().contains("'-XX:TieredStopAtLevel=1' '-XX:+UseSerialGC' '-jar' '" + JAR + "' 'rules' 'list'"), before.err());
        run(debug(), "evaluate", "samples/healthy-hybrid.json");
        for (String[] args : List.of(new String[] {"evaluate", "samples/healthy-hybrid.json"}, new String[] {"rules", "list"}, new String[] {"--version"})) {
            Run r = run(debug(), args);
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.err().contains("preflight launcher: one-shot command"), r.err());
            assertTrue(r.err().contains("'-XX:TieredStopAtLevel=1' '-XX:+UseSerialGC' '-XX:SharedArchiveFile=" + r.archive()[0] + "' '-Xshare:auto'"), r.err());
            assertTrue(r.err().contains("'-jar' '" + JAR + "' '" + String.join("' '", args) + "'"), r.err());
        }
    }

    @Test
    void batchKeepsFullCompilationAndTakesTheParallelCollector() throws Exception {
        Run r = run(debug(), "generate", "--count", "2", "--seed", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(2, r.out().lines().count(), r.out());
        assertTrue(r.err().contains("preflight launcher: throughput command"), r.err());
        assertTrue(r.err().contains("'-XX:InlineSmallCode=500' '-XX:+UseParallelGC' '-XX:-UseAdaptiveSizePolicy' '-jar'"), r.err());
        assertFalse(r.err().contains("TieredStopAtLevel"), r.err());
        assertFalse(r.err().contains("UseSerialGC"), r.err());

        // The generation sizing belongs to the launcher's collector: it goes with it.
        Run serial = run(debug("PREFLIGHT_OPTS", "-XX:+UseSerialGC"), "generate", "--count", "1", "--seed", "1");
        assertEquals(0, serial.exitCode(), serial.err());
        assertFalse(serial.err().contains("UseParallelGC"), serial.err());
        assertFalse(serial.err().contains("UseAdaptiveSizePolicy"), serial.err());

        // The user's value of the launcher's inlining option comes after it, and Java takes the last.
        Run inlining = run(debug("PREFLIGHT_OPTS", "-XX:InlineSmallCode=2500"), "generate", "--count", "1", "--seed", "1");
        assertEquals(0, inlining.exitCode(), inlining.err());
        int launchers = inlining.err().indexOf("'-XX:InlineSmallCode=500'");
        assertTrue(launchers >= 0, inlining.err());
        assertTrue(launchers < inlining.err().indexOf("'-XX:InlineSmallCode=2500' '-jar'"), inlining.err());

        // A one-shot command keeps C1 alone when the user sets it.
        Run oneShot = run(debug("PREFLIGHT_OPTS", "-XX:InlineSmallCode=2500"), "rules", "list");
        assertEquals(0, oneShot.exitCode(), oneShot.err());
        assertTrue(oneShot.err().contains("'-XX:TieredStopAtLevel=1'"), oneShot.err());
    }

    @Test
    void theUsersOptionsReplaceTheLaunchersOfTheSameKind() throws Exception {
        Path gcLog = tmp.resolve("gc.log");
        // A second collector beside the launcher's would stop the JVM ("conflicting collector combinations").
        Run r = run(debug("JAVA_OPTS", "-XX:+UseG1GC", "PREFLIGHT_OPTS", "-XX:TieredStopAtLevel=4 -Xshare:off -Xlog:gc*:file=" + gcLog),
                "evaluate", "samples/healthy-hybrid.json");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.err().contains("UseSerialGC"), r.err());
        assertFalse(r.err().contains("TieredStopAtLevel=1"), r.err());
        assertFalse(r.err().contains("SharedArchiveFile"), r.err());
        assertFalse(r.err().contains("ArchiveClassesAtExit"), r.err());
        assertTrue(r.err().contains("'-XX:+UseG1GC' '-XX:TieredStopAtLevel=4' '-Xshare:off' '-Xlog:gc*:file="), "JAVA_OPTS, then PREFLIGHT_OPTS, unglobbed: " + r.err());
        assertTrue(Files.readString(gcLog).contains("Using G1"), "the user's collector ran");

        Run off = run(debug("PREFLIGHT_CDS", "off"), "evaluate", "samples/healthy-hybrid.json");
        assertEquals(0, off.exitCode(), off.err());
        assertTrue(off.err().contains("class-data archive off (PREFLIGHT_CDS=off)"), off.err());
        assertFalse(Files.exists(cache.resolve("preflight")) && Files.list(cache.resolve("preflight")).findAny().isPresent(), "nothing made");
    }

    @Test
    void aLinkToTheLauncherFindsTheJarAndALauncherWithoutOneSaysWhatIsMissing() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("preflight"), LAUNCHER);
        Run r = run(link, null, Map.of(), "rules", "list", "--format", "csv");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(37, r.out().lines().count(), "a header and 36 checks");

        Path bin = Files.createDirectories(tmp.resolve("no-jar/bin"));
        Files.copy(LAUNCHER, bin.resolve("preflight"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        Run noJar = run(bin.resolve("preflight"), null, Map.of(), "--version");
        assertEquals(127, noJar.exitCode());
        assertTrue(noJar.err().contains("cannot find " + tmp.resolve("no-jar").toRealPath() + "/lib/preflight.jar"), noJar.err());
    }

    @Test
    void withoutJava17OrLaterItSaysSoAndExits127() throws Exception {
        Run r = run(debug(), "--version");
        assertTrue(r.err().contains("exec '" + JAVA_HOME + "/bin/java'"), r.err());

        Run wrong = run(Map.of("JAVA_HOME", tmp.resolve("no-java").toString()), "--version");
        assertEquals(127, wrong.exitCode());
        assertTrue(wrong.err().contains("JAVA_HOME is " + tmp.resolve("no-java") + ", but"), wrong.err());

        Run none = run(Map.of("JAVA_HOME", "", "PATH", onlyAJavaRuntime(false).toString()), "--version");
        assertEquals(127, none.exitCode());
        assertTrue(none.err().contains("no java on the PATH: install Java 17 or later"), none.err());

        // A Java 11: its release file says so (the launcher does not start it to ask).
        Path java11 = Files.createDirectories(tmp.resolve("jdk-11/bin"));
        Files.writeString(java11.resolve("java"), "#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n");
        java11.resolve("java").toFile().setExecutable(true);
        Files.writeString(java11.resolveSibling("release"), "JAVA_VERSION=\"11.0.2\"\n");
        Run old = run(Map.of("JAVA_HOME", java11.getParent().toString()), "--version");
        assertEquals(127, old.exitCode());
        assertTrue(old.err().contains("is Java 11.0.2; preflight needs Java 17 or later"), old.err());
        // Without a release file it asks the java itself.
        Files.delete(java11.resolveSibling("release"));
        Run asked = run(Map.of("JAVA_HOME", java11.getParent().toString()), "--version");
        assertEquals(127, asked.exitCode());
        assertTrue(asked.err().contains("is Java 11.0.2; preflight needs Java 17 or later"), asked.err());
    }
}
