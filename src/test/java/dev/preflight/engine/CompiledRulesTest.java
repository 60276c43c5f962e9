package dev.preflight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.InvalidRulesException;
import dev.preflight.api.Verdict;
import dev.preflight.api.FactsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiled rules are reused only when the DRL is unchanged: never stale, never trusted when damaged. */
class CompiledRulesTest {

    @TempDir
    Path tmp;

    static Verdict verdictOf(RuleBase base, String sample) {
        return base.evaluate(FactsReader.read(Path.of("samples/" + sample)), Clock.systemUTC()).verdict();
    }

    @Test
    void theShippedRulesLoadPrecompiled() {
        try (RuleBase base = RuleBase.load(RuleFiles.builtIn())) {
            assertEquals(RuleBase.Source.PRECOMPILED, base.source());
        }
        try (RuleBase copy = RuleBase.load(RuleFiles.fromDirectory(RulesDirs.copy(tmp)))) {
            assertEquals(RuleBase.Source.PRECOMPILED, copy.source(), "an unchanged copy has the same DRL, so the same compiled rules");
        }
    }

    @Test
    void onlyTheExactFilesCheckedWhenTheJarWasBuiltSkipTheirChecksAtLoad() {
        assertTrue(CompiledRules.checkedAtBuild(RuleFiles.builtIn().contentHash()));
        assertTrue(CompiledRules.checkedAtBuild(RuleFiles.fromDirectory(RulesDirs.copy(tmp)).contentHash()), "an unchanged copy");
        Path edited = RulesDirs.copy(tmp.resolve("edited"));
        RulesDirs.edit(edited.resolve("messages.properties"), "\n", "\n# an analyst's note\n");
        assertFalse(CompiledRules.checkedAtBuild(RuleFiles.fromDirectory(edited).contentHash()), "any edit, even to a message file, is checked again");
    }

    @Test
    void aChangedRuleIsCompiledAndTakesEffect() {
        Path dir = RulesDirs.copy(tmp);
        RulesDirs.edit(dir.resolve("network.drl"), "idleTimeoutSeconds < 180)", "idleTimeoutSeconds < 400)");
        try (RuleBase base = RuleBase.load(RuleFiles.fromDirectory(dir))) {
            assertEquals(RuleBase.Source.COMPILED, base.source());
            assertEquals(Verdict.ELIGIBLE, verdictOf(base, "healthy-hybrid.json"));
            assertEquals("FAIL/WARNING", base.evaluate(FactsReader.read(Path.of("samples/healthy-hybrid.json")), Clock.systemUTC())
                    .check("PWB-NET-003").orElseThrow().outcome(), "300 s is now under the edited limit");
        }
    }

    @Test
    void aCacheDirectoryIsFilledThenReusedAndADamagedEntryIsCompiledAgain() throws IOException {
        Path dir = RulesDirs.copy(tmp.resolve("rules"));
        RulesDirs.edit(dir.resolve("network.drl"), "idleTimeoutSeconds < 180)", "idleTimeoutSeconds < 400)");
        Path cache = tmp.resolve("cache");
        try (RuleBase first = RuleBase.load(RuleFiles.fromDirectory(dir), cache)) {
            assertEquals(RuleBase.Source.COMPILED, first.source());
        }
        try (RuleBase second = RuleBase.load(RuleFiles.fromDirectory(dir), cache)) {
            assertEquals(RuleBase.Source.CACHE, second.source());
            assertEquals("FAIL/WARNING", second.evaluate(FactsReader.read(Path.of("samples/healthy-hybrid.json")), Clock.systemUTC())
                    .check("PWB-NET-003").orElseThrow().outcome());
        }
        try (Stream<Path> files = Files.list(cache)) {
            for (Path kjar : files.filter(p -> p.toString().endsWith(".kjar")).toList()) {
                Files.write(kjar, new byte[] {1, 2, 3});
            }
        }
        try (RuleBase third = RuleBase.load(RuleFiles.fromDirectory(dir), cache)) {
            assertEquals(RuleBase.Source.COMPILED, third.source(), "a damaged cache entry is not trusted");
            assertEquals(Verdict.ELIGIBLE, verdictOf(third, "healthy-hybrid.json"));
        }
    }

    @Test
    void aRuleChangedAfterCachingIsNeverServedStale() {
        Path dir = RulesDirs.copy(tmp.resolve("rules"));
        Path cache = tmp.resolve("cache");
        RulesDirs.edit(dir.resolve("network.drl"), "idleTimeoutSeconds < 180)", "idleTimeoutSeconds < 400)");
        try (RuleBase base = RuleBase.load(RuleFiles.fromDirectory(dir), cache)) {
            assertEquals(RuleBase.Source.COMPILED, base.source());
        }
        RulesDirs.edit(dir.resolve("network.drl"), "idleTimeoutSeconds < 400)", "idleTimeoutSeconds < 200)");
        try (RuleBase base = RuleBase.load(RuleFiles.fromDirectory(dir), cache)) {
            assertEquals(RuleBase.Source.COMPILED, base.source());
        }
    }

    @Test
    void aTableEditNeedsNoCompileAtAll() {
        Path dir = RulesDirs.copy(tmp);
        RulesDirs.edit(dir.resolve("tables/connect-versions.csv"), "2.5.79.0,,2026-09-30,", "2.5.79.0,2026-10-01,2026-09-30,");
        try (RuleBase base = RuleBase.load(RuleFiles.fromDirectory(dir))) {
            assertEquals(RuleBase.Source.PRECOMPILED, base.source(), "tables are read at run time, not compiled");
            assertEquals(Verdict.NOT_ELIGIBLE, verdictOf(base, "healthy-hybrid.json"), "2.5.79.0 now retired on 2026-10-01");
        }
    }

    @Test
    void rulesCheckReusesTheCompileWhenOnlyTablesTextsCatalogueOrTestsChangedAndStillChecksThem() throws IOException {
        Path dir = RulesDirs.copy(tmp.resolve("rules"));
        Path cache = tmp.resolve("cache");
        RulesDirs.append(dir.resolve("network.drl"), "\n// an analyst's copy\n"); // not the DRL compiled into the jar
        try (RuleBase first = RuleBase.loadAndCheck(RuleFiles.fromDirectory(dir), cache)) {
            assertEquals(RuleBase.Source.COMPILED, first.source());
        }
        // A table edit that is an error: reported without compiling.
        Path csv = dir.resolve("tables/connect-versions.csv");
        String table = Files.readString(csv);
        RulesDirs.append(csv, "2.6.2.0,2027-01-01\n");
        InvalidRulesException e = assertThrows(InvalidRulesException.class, () -> RuleBase.loadAndCheck(RuleFiles.fromDirectory(dir), cache));
        assertTrue(e.problems().stream().anyMatch(p -> p.file().equals("tables/connect-versions.csv")), e.problems()::toString);
        Files.writeString(csv, table);
        // A catalogue edit the rules disagree with is still caught on a cached compile.
        RulesDirs.edit(dir.resolve("checks.json"), "{\"path\": \"onPremises.connect.tls12Enabled\", \"when\": \"!onPremises.connect.notInstalled\"}", "");
        e = assertThrows(InvalidRulesException.class, () -> RuleBase.loadAndCheck(RuleFiles.fromDirectory(dir), cache));
        assertTrue(e.problems().stream().anyMatch(p -> p.file().equals("connect.drl") && p.message().startsWith("PWB-CON-007 reads")), e.problems()::toString);
        RulesDirs.edit(dir.resolve("checks.json"), "\"requires\": [\n        \n      ]", "\"requires\": [\"onPremises.connect.tls12Enabled\"]");
        try (RuleBase again = RuleBase.loadAndCheck(RuleFiles.fromDirectory(dir), cache)) {
            assertEquals(RuleBase.Source.CACHE, again.source());
        }
        RulesDirs.edit(dir.resolve("network.drl"), "idleTimeoutSeconds < 180)", "idleTimeoutSeconds < 181)");
        try (RuleBase changed = RuleBase.loadAndCheck(RuleFiles.fromDirectory(dir), cache)) {
            assertEquals(RuleBase.Source.COMPILED, changed.source(), "a DRL edit compiles");
        }
    }
}
