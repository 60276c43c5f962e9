package dev.preflight.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The code examples of the public API's Javadoc compile against the API as it is: each
 * {@code <pre>{@code ...}}</pre>} block becomes the body of a method, with the API's packages
 * imported and an {@code evaluator}, a {@code log} and a {@code json} text in scope.
 */
class JavadocExamplesTest {

    static final List<Path> DOCUMENTED = List.of(
            Path.of("src/main/java/dev/preflight/api/package-info.java"),
            Path.of("src/main/java/dev/preflight/api/Evaluator.java"),
            Path.of("src/main/java/dev/preflight/facts/package-info.java"));

    static List<String> examples(Path source) throws IOException {
        String text = Files.readString(source, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?s)<pre>\\{@code\\n(.*?)\\n\\s*\\*\\s*}</pre>").matcher(text);
        while (m.find()) {
            out.add(m.group(1).replaceAll("(?m)^\\s*\\* ?", ""));
        }
        return out;
    }

    static String wrap(String body) {
        return """
                import dev.preflight.api.*;
                import dev.preflight.facts.*;
                import java.io.InputStream;
                import java.nio.file.Path;
                import java.util.List;
                import java.util.Locale;

                class Example {
                    Evaluator evaluator;
                    org.slf4j.Logger log;
                    String json;

                    void example() throws Exception {
                %s
                    }
                }
                """.formatted(body);
    }

    static List<String> compileErrors(String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Example.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-proc:none", "-Xlint:deprecation", "-Werror",
                "-d", System.getProperty("java.io.tmpdir") + "/javadoc-examples");
        javac.getTask(new StringWriter(), null, diagnostics, options, null, List.of(file)).call();
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING || d.getKind() == Diagnostic.Kind.WARNING)
                .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                .toList();
    }

    @Test
    void everyExampleCompilesWithoutDeprecatedCalls() throws IOException {
        int count = 0;
        for (Path source : DOCUMENTED) {
            for (String example : examples(source)) {
                count++;
                assertEquals(List.of(), compileErrors(wrap(example)), source + " example:\n" + example);
            }
        }
        assertTrue(count >= 4, "examples found: " + count);
    }

    @Test
    void aWrongExampleFails() {
        // The check can fail: the example the package Javadoc had before (issue 21).
        assertTrue(compileErrors(wrap("Report report = evaluator.evaluate(Path.of(\"t.json\")); report.failures();"))
                .stream().anyMatch(e -> e.contains("failures")));
        assertTrue(!compileErrors(wrap("Report report = evaluator.evaluate(\"{}\");")).isEmpty(), "a deprecated call is reported");
    }
}
