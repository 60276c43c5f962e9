package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.engine.RulesDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rules check} and {@code rules test} keep compiled rules in the user's cache directory
 * unless told not to, and a check that reuses them reports what a compile would; the commands that
 * evaluate write no cache unasked.
 */
class RulesCacheCommandTest {

    @TempDir
    Path tmp;

    @Test
    void rulesCheckKeepsItsCompileInTheUsersCacheAndReportsTheSameFromIt() throws IOException {
        Path rules = RulesDirs.copy(tmp.resolve("rules"));
        // A rule that raises no finding under a severity: a warning the DRL alone gives.
        RulesDirs.append(rules.resolve("network.drl"), """

                rule "PWB-NET-001 a rule that never fails"
                    @id("PWB-NET-001") @severity(ERROR)
                when
                    Tenant()
                then
                end
                """);
        Map<String, String> env = Map.of("XDG_CACHE_HOME", tmp.resolve("xdg").toString());
        Cli.Result compiled = Cli.run(new byte[0], env, false, "rules", "check", rules.toString());
        assertEquals(0, compiled.exitCode(), compiled.out() + compiled.err());
        assertTrue(compiled.out().contains("network.drl:") && compiled.out().contains("never calls outcome.fail"), compiled.out());
        List<Path> kept = files(tmp.resolve("xdg/preflight/rules"));
        assertTrue(kept.stream().anyMatch(p -> p.toString().endsWith(".kjar")), "compiled rules kept in $XDG_CACHE_HOME/preflight/rules: " + kept);

        Cli.Result cached = Cli.run(new byte[0], env, false, "rules", "check", rules.toString());
        assertEquals(compiled.out(), cached.out(), "the DRL's warnings come back from the cache, with their lines");
        assertEquals(3, Cli.run(new byte[0], env, false, "rules", "check", "--strict", rules.toString()).exitCode(), "--strict fails on them");
        assertEquals(kept, files(tmp.resolve("xdg/preflight/rules")), "nothing compiled again");
        Cli.Result tested = Cli.run(new byte[0], env, false, "rules", "test", "-q", rules.toString());
        assertEquals(0, tested.exitCode(), tested.out() + tested.err());
    }

    @Test
    void noRulesCacheStoresNothingAndEvaluatingWritesNoCacheUnasked() throws IOException {
        Path rules = RulesDirs.copy(tmp.resolve("rules"));
        RulesDirs.append(rules.resolve("network.drl"), "\n// an analyst's copy\n");
        Path xdg = Files.createDirectories(tmp.resolve("xdg"));
        Map<String, String> env = Map.of("XDG_CACHE_HOME", xdg.toString());
        assertEquals(0, Cli.run(new byte[0], env, false, "rules", "check", "--no-rules-cache", rules.toString()).exitCode());
        Cli.Result evaluated = Cli.run(new byte[0], env, false, "evaluate", "--rules", rules.toString(), "--format", "json", "samples/healthy-hybrid.json");
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        assertEquals(List.of(), files(xdg), "no file in the user's cache");
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
