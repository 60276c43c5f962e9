package dev.preflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shell example the docs mark runnable ({@code <!-- run exit=N output="..." -->} on the line
 * before a {@code sh} block) runs as a reader would type it, after {@code package}: in a scratch
 * directory per document that links the checkout's {@code target/}, {@code samples/} and
 * {@code rules/}, and the unpacked distribution's {@code bin/} and {@code lib/} (the front page's
 * examples run from the distribution), the blocks of one document in order, each by {@code sh}. Its exit code is the
 * marker's ({@code 0} when it names none) and its output, standard output and error together,
 * contains the marker's text.
 */
class DocsExamplesIT {

    @TempDir
    static Path scratch;

    private static final Pattern RUN = Pattern.compile("^\\s*<!-- run( .*)? -->$");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=(\"([^\"]*)\"|\\S+)");

    record Example(Path doc, int line, String script, int exit, String output) {
    }

    static List<Example> examples(Path doc) throws IOException {
        List<Example> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
        for (int i = 0; i + 1 < lines.size(); i++) {
            Matcher m = RUN.matcher(lines.get(i));
            if (!m.matches() || !lines.get(i + 1).strip().equals("```sh")) {
                continue;
            }
            Map<String, String> attributes = new HashMap<>();
            Matcher a = ATTRIBUTE.matcher(m.group(1) == null ? "" : m.group(1));
            while (a.find()) {
                attributes.put(a.group(1), a.group(3) != null ? a.group(3) : a.group(2));
            }
            StringBuilder script = new StringBuilder();
            int j = i + 2;
            for (; !lines.get(j).strip().equals("```"); j++) {
                script.append(lines.get(j).strip()).append('\n');
            }
            out.add(new Example(doc, i + 2, script.toString(), Integer.parseInt(attributes.getOrDefault("exit", "0")), attributes.get("output")));
            i = j;
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyRunnableShellExampleRunsAsDocumented() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> s = Files.list(Path.of("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path doc : docs) {
            Path dir = scratch.resolve(doc.getFileName().toString());
            for (Example e : examples(doc)) {
                tests.add(DynamicTest.dynamicTest(doc + ":" + e.line(), () -> run(dir, e)));
            }
        }
        assertTrue(tests.size() >= 7, "runnable examples found: " + tests.size());
        return tests.stream();
    }

    private static void run(Path dir, Example e) throws IOException, InterruptedException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            for (String linked : List.of("target", "samples", "rules", "collector")) {
                Files.createSymbolicLink(dir.resolve(linked), Path.of(linked).toAbsolutePath());
            }
            try (Stream<Path> unpacked = Files.list(Path.of("target"))) {
                Path distribution = unpacked.filter(p -> p.getFileName().toString().startsWith("preflight-") && Files.isDirectory(p.resolve("bin")))
                        .findFirst().orElseThrow(() -> new AssertionError("mvn package unpacks the distribution in target/preflight-<version>/"));
                for (String linked : List.of("bin", "lib")) {
                    Files.createSymbolicLink(dir.resolve(linked), distribution.resolve(linked).toAbsolutePath());
                }
            }
        }
        Path output = Files.createTempFile(scratch, "example", ".out");
        Process p = new ProcessBuilder("sh", "-c", e.script()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "finished in time: " + e);
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(e.exit(), p.exitValue(), e.doc() + ":" + e.line() + " exits " + e.exit() + "\n" + e.script() + "---\n" + printed);
        if (e.output() != null) {
            assertTrue(printed.contains(e.output()), e.doc() + ":" + e.line() + " prints '" + e.output() + "'\n" + e.script() + "---\n" + printed);
        }
    }
}
