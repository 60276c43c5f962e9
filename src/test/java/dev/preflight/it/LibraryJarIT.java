package dev.preflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two artifacts as they are packaged: the library jar ({@code dev.preflight:preflight}) holds
 * no application class, build-time tool or test case; the application's classes jar holds nothing
 * else; the runnable jar holds both. And a JPMS consumer compiled against the library jar sees the
 * exported packages only, and runs on the module path.
 */
class LibraryJarIT {

    static final Path LIBRARY = Path.of(System.getProperty("preflight.library.jar", "target/preflight-0.1.0-SNAPSHOT.jar"));
    static final Path APP = Path.of(System.getProperty("preflight.app.jar", "target/preflight-0.1.0-SNAPSHOT-app.jar"));
    static final Path RUNNABLE = Path.of("target/preflight.jar");
    static final List<String> APPLICATION = List.of("dev/preflight/cli/", "dev/preflight/generate/", "dev/preflight/ruletest/",
            "dev/preflight/server/", "preflight/rules/tests/", "preflight/rules-tests.index");

    static List<String> entries(Path jar) throws IOException {
        List<String> out = new ArrayList<>();
        try (JarFile f = new JarFile(jar.toFile())) {
            f.stream().map(ZipEntry::getName).forEach(out::add);
        }
        return out;
    }

    static boolean application(String entry) {
        return APPLICATION.stream().anyMatch(entry::startsWith);
    }

    @Test
    void theLibraryJarHoldsNoApplicationClassNoBuildToolAndNoTestCase() throws IOException {
        List<String> entries = entries(LIBRARY);
        List<String> wrong = entries.stream()
                .filter(e -> application(e) || e.startsWith("dev/preflight/engine/RulesBundler"))
                .toList();
        assertEquals(List.of(), wrong, "in the library jar");
        for (String needed : List.of("module-info.class", "dev/preflight/api/Evaluator.class", "dev/preflight/facts/TenantFacts.class",
                "dev/preflight/batch/BatchEvaluator.class", "dev/preflight/report/HtmlReport.class", "preflight/rules.kjar",
                "preflight/rules.index", "preflight/rules/checks.json")) {
            assertTrue(entries.contains(needed), needed + " in the library jar");
        }
    }

    @Test
    void theApplicationJarHoldsOnlyTheApplication() throws IOException {
        List<String> entries = entries(APP);
        assertTrue(entries.contains("dev/preflight/cli/Main.class"), "the CLI");
        assertTrue(entries.contains("preflight/rules-tests.index"), "the built-in rules' test cases");
        List<String> other = entries.stream()
                .filter(e -> !e.endsWith("/") && !e.startsWith("META-INF/") && !application(e))
                .toList();
        assertEquals(List.of(), other, "in the application's jar besides the application");
    }

    @Test
    void theRunnableJarHoldsBothAndNoModuleDescriptor() throws IOException {
        List<String> entries = entries(RUNNABLE);
        assertTrue(entries.contains("dev/preflight/cli/Main.class"));
        assertTrue(entries.contains("dev/preflight/api/Evaluator.class"));
        assertTrue(entries.contains("preflight/rules-tests.index"));
        assertFalse(entries.contains("module-info.class"), "a shaded jar is no module: its descriptor would not describe it");
    }

    // --- A JPMS consumer -------------------------------------------------------------------------

    static final String CONSUMER_MODULE = "module consumer { requires dev.preflight; }\n";

    static final String GOOD = """
            package consumer;

            import dev.preflight.api.Evaluator;
            import dev.preflight.api.Report;
            import dev.preflight.facts.TenantFacts;
            import java.nio.file.Path;

            public class Main {
                public static void main(String[] args) {
                    try (Evaluator evaluator = Evaluator.builder().build()) {
                        Report report = evaluator.evaluate(Path.of(args[0]));
                        TenantFacts none = null;
                        System.out.println(report.verdict() + " " + report.checks().size());
                    }
                }
            }
            """;

    static final String BAD = """
            package consumer;

            public class Internal {
                Object rules = dev.preflight.engine.RuleFiles.builtIn();
                Class<?> json = dev.preflight.report.JsonReport.class;
            }
            """;

    static String modulePath() throws IOException {
        Path cp = Path.of(System.getProperty("preflight.library.classpath", "target/library-classpath.txt"));
        return LIBRARY + File.pathSeparator + Files.readString(cp, StandardCharsets.UTF_8).strip();
    }

    static List<Diagnostic<? extends JavaFileObject>> compile(Path src, Path out, String... sources) throws IOException {
        Path dir = src.resolve("consumer");
        Files.createDirectories(dir);
        Files.writeString(src.resolve("module-info.java"), CONSUMER_MODULE);
        List<File> files = new ArrayList<>(List.of(src.resolve("module-info.java").toFile()));
        for (int i = 0; i < sources.length; i += 2) {
            Path f = dir.resolve(sources[i] + ".java");
            Files.writeString(f, sources[i + 1]);
            files.add(f.toFile());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--module-path", modulePath(), "-d", out.toString(), "-Xlint:none");
            javac.getTask(new StringWriter(), fm, diagnostics, options, null, fm.getJavaFileObjectsFromFiles(files)).call();
        }
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
    }

    @Test
    void aModuleSeesTheExportedPackagesAndRunsOnTheModulePath(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(List.of(), compile(tmp.resolve("src"), out, "Main", GOOD), "the API compiles from a module");
        Path stdout = tmp.resolve("stdout");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", out + File.pathSeparator + modulePath(),
                "-m", "consumer/consumer.Main", Path.of("samples/short-idle-timeout.json").toAbsolutePath().toString())
                .redirectOutput(stdout.toFile()).redirectError(tmp.resolve("stderr").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished in time");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("stderr")));
        assertEquals("ELIGIBLE 36", Files.readString(stdout).strip(), "the built-in rules evaluate on the module path");
    }

    @Test
    void aModuleCannotReachTheInternalPackages(@TempDir Path tmp) throws Exception {
        List<Diagnostic<? extends JavaFileObject>> errors = compile(tmp.resolve("src"), tmp.resolve("out"), "Internal", BAD);
        List<String> messages = errors.stream().map(d -> d.getMessage(Locale.ROOT)).toList();
        assertTrue(messages.stream().anyMatch(m -> m.contains("package dev.preflight.engine is not visible")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("package dev.preflight.report is not visible")), messages.toString());
    }
}
