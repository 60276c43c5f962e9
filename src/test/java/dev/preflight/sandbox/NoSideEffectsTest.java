package dev.preflight.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.engine.RulesDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust model, verified: evaluation makes no network calls and writes no files except the
 * outputs asked for. The commands run in a JVM of their own whose sockets, channels and URL
 * connections refuse and record every attempt, and whose temporary directory, home and working
 * directory start empty.
 */
class NoSideEffectsTest {

    @TempDir
    Path tmp;

    @Test
    void evaluationBatchesAndRuleToolsTouchNoNetworkAndWriteOnlyTheirOutputs() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path temp = Files.createDirectories(tmp.resolve("temp"));
        Path inputs = Files.createDirectories(tmp.resolve("inputs"));
        Path outputs = Files.createDirectories(tmp.resolve("outputs"));
        Path rules = RulesDirs.copy(inputs.resolve("rules"));
        RulesDirs.append(rules.resolve("network.drl"), "\n// an edit, so that the rules are compiled in the child\n");
        Files.copy(Path.of("samples/blocked-service-bus.json"), inputs.resolve("tenant.json"));
        Path fleet = inputs.resolve("fleet.jsonl");
        Files.writeString(fleet, Files.readString(Path.of("samples/healthy-hybrid.json")).replace("\n", "") + "\n{bad\n");
        Set<String> inputsBefore = tree(inputs);

        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // C1 alone, as the launchers run evaluate and the rule tools: the child compiles the rules three times.
                "-XX:TieredStopAtLevel=1",
                "-Djava.nio.channels.spi.SelectorProvider=" + RefusingSelectorProvider.class.getName(),
                "-Djava.io.tmpdir=" + temp, "-Duser.home=" + home,
                "-cp", System.getProperty("java.class.path"),
                NoSideEffectsMain.class.getName(),
                "evaluate|" + inputs.resolve("tenant.json") + "|--format|json|-o|" + outputs.resolve("report.json"),
                "evaluate|--rules|" + rules + "|--format|html|-o|" + outputs.resolve("report.html") + "|" + inputs.resolve("tenant.json"),
                "batch|-q|" + fleet + "|-o|" + outputs.resolve("results.jsonl") + "|--summary|" + outputs.resolve("summary.json"),
                "rules|check|" + rules,
                "rules|list|" + rules,
                "rules|test|-q|" + rules));
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("exit codes: 1 1 3 0 0 0"), "the commands ran as expected: " + out);
        assertTrue(out.contains("network attempts: []"), "no network call: " + out);

        assertEquals(Set.of(), tree(work), "nothing written to the working directory");
        // The rule tools keep compiled rules in the user's cache directory (evaluate and batch ran first, and wrote none).
        Set<String> cached = new TreeSet<>(tree(home));
        cached.removeIf(f -> f.matches("\\.cache(/preflight(/rules(/(rules-[0-9a-f]{64}\\.(kjar|meta\\.json|warnings\\.json)|defines-[0-9a-f]{64}\\.agreed))?)?)?"));
        assertEquals(Set.of(), cached, "nothing written to the home directory but the compiled rules in its cache: " + tree(home));
        assertTrue(tree(home).stream().anyMatch(f -> f.endsWith(".kjar")), "rules check kept its compile: " + tree(home));
        assertEquals(Set.of(), tree(temp), "nothing written to the temporary directory");
        assertEquals(inputsBefore, tree(inputs), "inputs and rules untouched");
        assertEquals(Set.of("report.json", "report.html", "results.jsonl", "summary.json"), tree(outputs), "exactly the outputs asked for");
    }

    @Test
    void theGuardsCatchAnAttempt() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.nio.channels.spi.SelectorProvider=" + RefusingSelectorProvider.class.getName(),
                "-cp", System.getProperty("java.class.path"), NoSideEffectsMain.class.getName(), "probe-network")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertTrue(out.contains("network attempts: [socket, NIO socket channel, URL https://login.microsoftonline.com/]"), out);
    }

    private static Set<String> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            Set<String> out = new TreeSet<>();
            s.filter(x -> !x.equals(dir)).forEach(x -> out.add(dir.relativize(x).toString().replace('\\', '/')));
            return out;
        }
    }
}
