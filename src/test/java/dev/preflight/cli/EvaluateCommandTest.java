package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvaluateCommandTest {

    @TempDir
    Path tmp;

    private static final String RULES = "--rules=rules";

    @ParameterizedTest
    @CsvSource({
        "samples/healthy-hybrid.json, 0, ELIGIBLE",
        "samples/short-idle-timeout.json, 0, ELIGIBLE",
        "samples/legacy-forest-2008r2.json, 1, NOT ELIGIBLE",
        "samples/office-only-licensing.json, 1, NOT ELIGIBLE",
        "samples/network-not-collected.json, 2, INCOMPLETE"
    })
    void exitCodeFollowsTheVerdict(String sample, int code, String verdict) {
        Cli.Result r = Cli.run("evaluate", RULES, sample);
        assertEquals(code, r.exitCode(), r.err());
        assertTrue(r.out().contains("Verdict  " + verdict), r.out());
        assertEquals("", r.err());
    }

    @Test
    void jsonOutputHasEveryCatalogueIdExactlyOnce() throws IOException {
        Cli.Result r = Cli.run("evaluate", RULES, "--format", "json", "samples/blocked-service-bus.json");
        assertEquals(1, r.exitCode());
        JsonNode report = new ObjectMapper().readTree(r.out());
        List<String> ids = new ArrayList<>();
        report.get("checks").forEach(c -> ids.add(c.get("id").asText()));
        assertEquals(36, ids.size());
        assertEquals(new HashSet<>(ids).size(), ids.size());
        assertEquals("NOT_ELIGIBLE", report.get("verdict").asText());
    }

    @Test
    void readsStandardInput() throws IOException {
        byte[] json = Files.readAllBytes(Path.of("samples/healthy-hybrid.json"));
        Cli.Result r = Cli.run(json, Map.of(), false, "evaluate", RULES, "-");
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void invalidInputExitsThreeNamingFileFieldLineAndColumnWithoutStackTrace() throws IOException {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\n  \"onPremises\": {\n    \"connect\": {\n      \"version\": \"2.x\"\n    }\n  }\n}\n");
        Cli.Result r = Cli.run("evaluate", RULES, bad.toString());
        assertEquals(3, r.exitCode());
        assertTrue(r.err().contains(bad + ":4:"), r.err());
        assertTrue(r.err().contains("onPremises.connect.version"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertEquals("", r.out());
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "[]");
        Cli.Result r = Cli.run("evaluate", RULES, "--verbose", bad.toString());
        assertEquals(3, r.exitCode());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void eachKindOfBadInputExitsThree() throws IOException {
        Map<String, String> cases = Map.of(
                "malformed.json", "{\"tenant\": ",
                "wrong-type.json", "{\"users\": {}}",
                "bad-date.json", "{\"tenant\": {\"collectedAt\": \"yesterday\"}}",
                "negative.json", "{\"onPremises\": {\"network\": {\"idleTimeoutSeconds\": -1}}}",
                "empty.json", "",
                "array.json", "[]");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path f = tmp.resolve(c.getKey());
            Files.writeString(f, c.getValue());
            Cli.Result r = Cli.run("evaluate", RULES, f.toString());
            assertEquals(3, r.exitCode(), c.getKey() + ": " + r.err());
            assertTrue(r.err().startsWith("preflight: invalid input: " + f), c.getKey() + ": " + r.err());
        }
    }

    @Test
    void aMissingFileExitsSixtySix() {
        Cli.Result r = Cli.run("evaluate", RULES, tmp.resolve("nope.json").toString());
        assertEquals(66, r.exitCode());
        assertTrue(r.err().contains("no such file"), r.err());
    }

    @Test
    void invalidRulesExitThreeWithFileAndLine() throws IOException {
        Path rules = dev.preflight.engine.RulesDirs.copy(tmp.resolve("rules"));
        dev.preflight.engine.RulesDirs.edit(rules.resolve("sspr.drl"), "@id(\"PWB-SSPR-001\") @severity(ERROR)", "@id(\"PWB-SSPR-001\")");
        Cli.Result r = Cli.run("evaluate", "--rules", rules.toString(), "samples/healthy-hybrid.json");
        assertEquals(3, r.exitCode());
        assertTrue(r.err().contains("sspr.drl:"), r.err());
        assertTrue(r.err().contains("lacks @severity"), r.err());
    }

    @Test
    void usageErrorsExitSixtyFour() {
        assertEquals(64, Cli.run("evaluate", "--format", "xml", "samples/healthy-hybrid.json").exitCode());
        assertEquals(64, Cli.run("evaluate").exitCode());
        assertEquals(64, Cli.run("frobnicate").exitCode());
        assertEquals(64, Cli.run().exitCode());
    }

    @Test
    void helpAndVersion() {
        Cli.Result help = Cli.run("evaluate", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--format"), help.out());
        Cli.Result version = Cli.run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("preflight "), version.out());
        assertTrue(Cli.run("--help").out().contains("Exit codes:"));
    }

    @Test
    void theUsageListsEveryCommandAndATypoIsAnsweredWithTheRightOne() {
        // A run that names its command builds only that one (start-up); any other run builds them all.
        String usage = Cli.run("--help").out();
        for (String command : List.of("evaluate", "import", "batch", "rules", "generate", "diff", "report")) {
            assertTrue(usage.contains("\n  " + command + " "), command + " missing from:\n" + usage);
        }
        Cli.Result typo = Cli.run("evalute", "samples/healthy-hybrid.json");
        assertEquals(64, typo.exitCode());
        assertTrue(typo.err().contains("evaluate"), typo.err());
        assertTrue(Cli.run("rules", "--help").out().contains("check"), "the rules command keeps its own subcommands");
    }

    @Test
    void outputFileIsWrittenAndNothingGoesToStdout() throws IOException {
        Path out = tmp.resolve("report.json");
        Cli.Result r = Cli.run("evaluate", RULES, "--format=json", "--output", out.toString(), "samples/healthy-hybrid.json");
        assertEquals(0, r.exitCode());
        assertEquals("", r.out());
        assertEquals("ELIGIBLE", new ObjectMapper().readTree(out.toFile()).get("verdict").asText());
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(out), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void anUnwritableOutputExitsSeventyFour() {
        Cli.Result r = Cli.run("evaluate", RULES, "--output", tmp.resolve("no/such/dir/r.txt").toString(), "samples/healthy-hybrid.json");
        assertEquals(74, r.exitCode());
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() {
        String sample = "samples/legacy-forest-2008r2.json";
        assertFalse(Cli.run(new byte[0], Map.of(), false, "evaluate", RULES, sample).out().contains("\u001b["), "not a terminal");
        assertTrue(Cli.run(new byte[0], Map.of(), true, "evaluate", RULES, sample).out().contains("\u001b["), "a terminal");
        assertFalse(Cli.run(new byte[0], Map.of("NO_COLOR", "1"), true, "evaluate", RULES, sample).out().contains("\u001b["), "NO_COLOR");
        assertTrue(Cli.run(new byte[0], Map.of("NO_COLOR", "1"), false, "evaluate", RULES, "--color=always", sample).out().contains("\u001b["), "--color=always");
    }

    @Test
    void textGroupsByAreaWorstFirstAndShowsEvidenceFixAndLink() {
        String out = Cli.run("evaluate", RULES, "samples/multi-forest-rodc.json").out();
        int error = out.indexOf("[ERROR   ] PWB-AD-004");
        int warning = out.indexOf("[WARNING ] PWB-AD-007");
        int info = out.indexOf("[INFO    ] PWB-AD-006");
        assertTrue(error > 0 && error < warning && warning < info, out);
        assertTrue(out.contains("fix: Remove emea-rodc1.emea.gdi.local from the preferred domain controllers"), out);
        assertTrue(out.contains("docs: https://learn.microsoft.com/"), out);
        assertTrue(out.contains("- isReadOnly is true"), out);
    }

    @Test
    void hostileStringsCannotRewriteTheTerminal() throws IOException {
        String json = Files.readString(Path.of("samples/healthy-hybrid.json"), StandardCharsets.UTF_8)
                .replace("Contoso Ltd", "Evil\\u001b[2J\\u001b[31mFAKE\\r\\nVerdict  ELIGIBLE");
        Path f = tmp.resolve("evil.json");
        Files.writeString(f, json);
        Cli.Result r = Cli.run("evaluate", RULES, f.toString());
        assertFalse(r.out().contains("\u001b"), r.out());
        assertEquals(1, r.out().lines().filter(l -> l.startsWith("  Verdict")).count(), "one verdict line: " + r.out());
        assertTrue(r.out().contains("Evil?[2J?[31mFAKE??Verdict  ELIGIBLE"), "the name is shown, neutralised: " + r.out());
    }

    @Test
    void allListsPassingChecks() {
        String out = Cli.run("evaluate", RULES, "--all", "samples/healthy-hybrid.json").out();
        Set<String> passLines = new HashSet<>();
        out.lines().filter(l -> l.contains("[PASS    ]")).forEach(passLines::add);
        assertEquals(36, passLines.size());
    }
}
