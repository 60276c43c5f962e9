package dev.preflight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.api.Evaluator;
import dev.preflight.api.Finding;
import dev.preflight.api.InvalidRulesException;
import dev.preflight.api.MissingFact;
import dev.preflight.api.Report;
import dev.preflight.api.RuleProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each check is declared once in {@code checks.json}; its requirements stand for the rules that
 * reported missing facts, and its findings' texts come from {@code messages.properties} by key.
 * What an analyst sees when one of the three parts does not fit the others.
 */
class CheckDeclarationsTest {

    @TempDir
    Path tmp;

    private static List<RuleProblem> problemsOf(Path dir) {
        InvalidRulesException e = assertThrows(InvalidRulesException.class, () -> RuleBase.load(RuleFiles.fromDirectory(dir)));
        return e.problems().stream().filter(RuleProblem::isError).toList();
    }

    private static RuleProblem only(List<RuleProblem> problems) {
        assertEquals(1, problems.size(), problems::toString);
        return problems.get(0);
    }

    @Test
    void aRuleOfAnUndeclaredCheckFailsAtItsLine() {
        Path dir = RulesDirs.copy(tmp);
        RulesDirs.append(dir.resolve("network.drl"), """

                rule "PWB-NET-009 a check nobody declared"
                    @id("PWB-NET-009") @severity(WARNING)
                when
                    Network(tlsInspection == true)
                then
                    outcome.fail("tls-inspection");
                end
                """);
        RuleProblem p = only(problemsOf(dir));
        assertEquals("network.drl", p.file());
        assertEquals(RulesDirs.lineOf(dir.resolve("network.drl"), "PWB-NET-009 a check nobody declared"), p.line());
        assertTrue(p.message().contains("belongs to check PWB-NET-009, which checks.json does not declare"), p.message());
    }

    @Test
    void aDeclaredCheckWithoutRulesFailsAtItsDeclaration() {
        Path dir = RulesDirs.copy(tmp);
        RulesDirs.declare(dir, """
                {"id": "PWB-NET-009", "title": "Nothing judges this", "severities": ["WARNING"],
                 "doc": "https://learn.microsoft.com/entra/identity/authentication/troubleshoot-sspr-writeback"}""");
        RuleProblem p = only(problemsOf(dir));
        assertEquals("checks.json", p.file());
        assertEquals(RulesDirs.lineOf(dir.resolve("checks.json"), "PWB-NET-009") - 1, p.line(), "the line the declaration starts on");
        assertTrue(p.message().contains("check PWB-NET-009 is declared but no rule has @id(\"PWB-NET-009\")"), p.message());
    }

    @Test
    void aRequirementThatIsNotAFieldOfTheFactsFailsWithItsLine() {
        Path dir = RulesDirs.copy(tmp);
        Path checks = dir.resolve("checks.json");
        RulesDirs.edit(checks, "\"onPremises.network.idleTimeoutSeconds\"", "\"onPremises.network.idleTimeoutSecs\"");
        RuleProblem p = only(problemsOf(dir));
        assertEquals("checks.json", p.file());
        assertEquals(RulesDirs.lineOf(checks, "idleTimeoutSecs"), p.line());
        assertTrue(p.message().contains("\"idleTimeoutSecs\" is not a field of Network"), p.message());
        assertTrue(p.message().contains("idleTimeoutSeconds"), "names the fields there are: " + p.message());
    }

    @Test
    void aConditionNamingNoFieldOrTermFails() {
        Path dir = RulesDirs.copy(tmp);
        Path checks = dir.resolve("checks.json");
        RulesDirs.edit(checks, "users[testUser].roles", "users[testUzer].roles");
        RuleProblem p = only(problemsOf(dir));
        assertEquals(RulesDirs.lineOf(checks, "testUzer"), p.line());
        assertTrue(p.message().contains("\"testUzer\" is not a field or term of User or the facts"), p.message());
    }

    @Test
    void theSchemaIsWhatDecidesWhatAFieldIs() {
        assertEquals(null, CheckDeclarations.FactSchema.check("onPremises.forests[*].domains[*].domainControllers[*].operatingSystem"));
        assertEquals(null, CheckDeclarations.FactSchema.check("users[testUser && synced].isSsprCapable"));
        assertTrue(CheckDeclarations.FactSchema.check("onPremises.forests[*].domains[*].controllers").contains("\"controllers\" is not a field"));
        assertTrue(CheckDeclarations.FactSchema.check("tables.endpoints").contains("\"tables\" is not a field of the facts"));
        assertTrue(CheckDeclarations.FactSchema.check("forests[*].name").contains("write onPremises.forests[*].name"));
        assertFalse(CheckDeclarations.FactSchema.check("tables.endpoints").contains("write"), "no full path for what is nowhere in the facts");
    }

    @Test
    void aMessageKeyWithoutTextFailsAtTheRuleLine() {
        Path dir = RulesDirs.copy(tmp);
        Path drl = dir.resolve("network.drl");
        RulesDirs.edit(drl, "outcome.fail(\"tls-inspection\")", "outcome.fail(\"tls-inspektion\")");
        RuleProblem p = only(problemsOf(dir));
        assertEquals("network.drl", p.file());
        assertEquals(RulesDirs.lineOf(drl, "tls-inspektion"), p.line());
        assertTrue(p.message().contains("message key \"tls-inspektion\" has no text in messages.properties"), p.message());
    }

    @Test
    void anArgumentCountThatDoesNotMatchTheTextFails() {
        Path dir = RulesDirs.copy(tmp);
        RulesDirs.edit(dir.resolve("network.drl"), "outcome.fail(\"idle-timeout-too-short\", $n.idleTimeoutSeconds());",
                "outcome.fail(\"idle-timeout-too-short\");");
        RuleProblem p = only(problemsOf(dir));
        assertEquals("messages.properties", p.file());
        assertTrue(p.message().contains("uses {0}, but network.drl:"), p.message());
        assertTrue(p.message().contains("passes 0 arguments"), p.message());

        Path other = RulesDirs.copy(tmp.resolve("other"));
        RulesDirs.edit(other.resolve("network.drl"), "outcome.fail(\"tls-inspection\");", "outcome.fail(\"tls-inspection\", 1);");
        RuleProblem extra = only(problemsOf(other));
        assertEquals("network.drl", extra.file());
        assertTrue(extra.message().contains("1 argument passed, but its texts use only 0"), extra.message());
    }

    @Test
    void aTextNoRuleUsesIsAWarning() {
        Path dir = RulesDirs.copy(tmp);
        RulesDirs.addMessages(dir, "orphan-text = Nobody says this");
        try (RuleBase base = RuleBase.load(RuleFiles.fromDirectory(dir))) {
            assertTrue(base.warnings().stream().anyMatch(w -> w.file().equals("messages.properties") && w.line() > 0
                    && w.message().contains("text \"orphan-text\" belongs to no message key")), base.warnings()::toString);
        }
    }

    @Test
    void pluralsAreRightAndNumbersAreNotGrouped() {
        Messages m = Messages.of(Languages.read(java.util.Map.of("messages.properties",
                "errors = {0,choice,0#no errors|1#1 error|1<{0,number,0} errors} in {1}\n"), new java.util.ArrayList<>()));
        assertEquals("1 error in 2008", m.format("errors", List.of(1, 2008), Locale.ROOT));
        assertEquals("2 errors in Connect's", m.format("errors", List.of(2, "Connect's"), Locale.ROOT));
        assertEquals("12000 errors in x", m.format("errors", List.of(12000, "x"), Locale.ROOT));
        assertEquals("no errors in x", m.format("errors", List.of(0, "x"), Locale.ROOT));
    }

    @Test
    void aLanguageFileIsOneMoreFileAndFallsBackToEnglish() {
        Messages m = Messages.of(Languages.read(java.util.Map.of(
                "messages.properties", "a = Domain {0}\nb = only English\n",
                "messages_zh_CN.properties", "a = 域 {0}\n"), new java.util.ArrayList<>()));
        assertEquals("域 corp", m.format("a", List.of("corp"), Locale.SIMPLIFIED_CHINESE));
        assertEquals("only English", m.format("b", List.of(), Locale.SIMPLIFIED_CHINESE));
        assertEquals("Domain corp", m.format("a", List.of("corp"), Locale.ROOT));
    }

    @Test
    void aFindingCarriesItsKeyAndArgumentsIntoTheJsonReport() throws Exception {
        try (Evaluator e = Evaluator.builder().build()) {
            Report r = e.evaluate(Path.of("samples/legacy-forest-2008r2.json"));
            Finding f = r.check("PWB-AD-002").orElseThrow().findings().get(0);
            assertTrue(f.key() != null && !f.key().isEmpty(), f.toString());
            assertTrue(f.arguments().contains(f.subject()), "the DC is the first argument: " + f);
            JsonNode json = new ObjectMapper().readTree(r.toJson());
            JsonNode first = json.at("/checks").findValue("findings").get(0);
            for (JsonNode c : json.get("checks")) {
                if (c.get("id").asText().equals("PWB-AD-002")) {
                    first = c.get("findings").get(0);
                }
            }
            assertEquals(f.key(), first.get("key").asText());
            assertEquals(f.arguments().size(), first.get("arguments").size());
            assertEquals(f.message(), first.get("message").asText());
        }
    }

    @Test
    void theMissingFactsComeFromTheDeclarationsWithTheirReasons() throws Exception {
        String facts = Files.readString(Path.of("samples/healthy-hybrid.json"))
                .replaceFirst("\"operatingSystem\": \"[^\"]*\"", "\"operatingSystem\": \"Windows Server vNext\"");
        try (Evaluator e = Evaluator.builder().build()) {
            Report r = e.evaluateJson(facts);
            List<MissingFact> missing = r.check("PWB-AD-002").orElseThrow().missing();
            assertEquals(1, missing.size(), missing::toString);
            assertTrue(missing.get(0).path().endsWith(".operatingSystem"), missing.toString());
            assertTrue(missing.get(0).reason().startsWith("unrecognised operating system \"Windows Server vNext\" on "), missing.toString());
        }
    }
}
