package dev.preflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.Evaluator;
import dev.preflight.bench.LibraryProbe;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library without the Drools compiler, as docs/library.md offers it to integrators who use the
 * built-in rules: its dependency jars minus the exclusions the guide lists. In a JVM of its own
 * with nothing else on the class path, every sample evaluates to the same report, byte for byte, as
 * with the whole compiler (this JVM); a rules directory that needs compiling is refused with an
 * {@code InvalidRulesException} naming exactly the jars the guide excludes, not a
 * {@code NoClassDefFoundError}; and on the module path the built-in rules evaluate too.
 */
class SlimLibraryIT {

    static final Path SAMPLES = Path.of("samples");
    static Path rules;
    static List<String> output;
    static String errors;

    @BeforeAll
    static void runTheSlimLibrary(@TempDir Path tmp) throws Exception {
        // The shipped rules with a comment added: the same checks, DRL that must be compiled.
        rules = tmp.resolve("rules");
        copy(Path.of("rules"), rules);
        Path drl;
        try (var s = Files.list(rules)) {
            drl = s.filter(p -> p.toString().endsWith(".drl")).sorted().findFirst().orElseThrow();
        }
        Files.writeString(drl, Files.readString(drl) + "\n// edited\n");
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        Process p = new ProcessBuilder(java(), "-cp", SlimClasspath.classPath(SlimClasspath.slim(), SlimClasspath.probe(tmp.resolve("probe"))),
                LibraryProbe.class.getName(), SAMPLES.toString(), rules.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "finished in time");
        output = Files.readAllLines(out, StandardCharsets.UTF_8);
        errors = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), errors);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void copy(Path from, Path to) throws Exception {
        try (var s = Files.walk(from)) {
            for (Path f : s.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }

    @Test
    void theExcludedJarsAreGoneFromTheClassPath() {
        List<Path> full = SlimClasspath.full();
        List<Path> slim = SlimClasspath.slim();
        List<String> excluded = SlimClasspath.documentedExclusions();
        assertEquals(full.size() - excluded.size(), slim.size(), "each documented exclusion is one jar of the library's class path");
        assertFalse(excluded.isEmpty());
    }

    @Test
    void everySampleEvaluatesAsWithTheWholeCompiler() throws Exception {
        List<String> expected = new ArrayList<>();
        try (Evaluator evaluator = Evaluator.builder().clock(LibraryProbe.CLOCK).build()) {
            for (Path t : LibraryProbe.tenants(SAMPLES)) {
                expected.add(LibraryProbe.line(t, evaluator.evaluate(t)));
            }
        }
        assertTrue(expected.size() >= 10, "the samples: " + expected);
        assertEquals(expected, output.subList(0, expected.size()), "file, verdict and SHA-256 of each report");
        assertTrue(output.get(expected.size()).startsWith("figures "), output.toString());
    }

    @Test
    void aRulesDirectoryThatNeedsCompilingIsRefusedNamingTheMissingJars() {
        String last = output.get(output.size() - 1);
        assertTrue(last.startsWith("rules refused InvalidRulesException: rules " + rules + " need compiling:"), last);
        Matcher m = Pattern.compile("the Drools rule compiler is not on the class path \\(missing ([^)]*)\\)").matcher(last);
        assertTrue(m.find(), last);
        assertEquals(SlimClasspath.documentedExclusions(), Arrays.asList(m.group(1).split(", ")),
                "the message names what docs/library.md excludes");
        assertFalse(errors.contains("NoClassDefFoundError") || errors.contains("Exception"), errors);
    }

    @Test
    void theBuiltInRulesEvaluateOnTheModulePathWithoutTheCompiler(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(List.of(), LibraryJarIT.compile(tmp.resolve("src"), out, "Main", LibraryJarIT.GOOD), "the consumer compiles");
        Path stdout = tmp.resolve("stdout");
        List<String> modulePath = new ArrayList<>(List.of(out.toString(), SlimClasspath.LIBRARY.toString()));
        SlimClasspath.slim().forEach(j -> modulePath.add(j.toString()));
        Process p = new ProcessBuilder(java(), "--module-path", String.join(File.pathSeparator, modulePath),
                "-m", "consumer/consumer.Main", Path.of("samples/short-idle-timeout.json").toAbsolutePath().toString())
                .redirectOutput(stdout.toFile()).redirectError(tmp.resolve("stderr").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished in time");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("stderr")));
        assertEquals("ELIGIBLE 36", Files.readString(stdout).strip());
    }
}
