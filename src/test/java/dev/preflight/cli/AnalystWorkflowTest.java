package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.api.Evaluator;
import dev.preflight.api.Report;
import dev.preflight.api.Verdict;
import dev.preflight.engine.RulesDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an analyst does with the jar and a text editor: edit a copy of rules/, see it load (or
 * fail with a precise message), list it, test it, and see both the command line and the API
 * pick it up with no build step.
 */
class AnalystWorkflowTest {

    @TempDir
    Path tmp;

    private Path rules() {
        return RulesDirs.copy(tmp.resolve("rules"));
    }

    private static Report evaluate(Path rules, String sample) {
        try (Evaluator e = Evaluator.builder().rulesDirectory(rules).build()) {
            return e.evaluate(Path.of("samples", sample));
        }
    }

    private static int exitOf(Path rules, String sample) {
        return Cli.run("evaluate", "--rules", rules.toString(), "samples/" + sample).exitCode();
    }

    @Test
    void addingASkuToTheCloudResetTableTakesEffect() throws IOException {
        Path rules = rules();
        Path tenant = tmp.resolve("developer-pack.json");
        // A tenant whose cloud-only users have a developer subscription only (not in the table).
        Files.writeString(tenant, Files.readString(Path.of("samples/office-only-licensing.json"))
                .replace("\"ENTERPRISEPACK\"", "\"DEVELOPERPACK\""));
        try (Evaluator before = Evaluator.builder().rulesDirectory(rules).build()) {
            assertEquals("FAIL/WARNING", before.evaluate(tenant).check("PWB-LIC-003").orElseThrow().outcome());
        }
        RulesDirs.append(rules.resolve("tables/cloud-reset-skus.csv"), "DEVELOPERPACK,Office 365 E3 Developer\n");
        try (Evaluator after = Evaluator.builder().rulesDirectory(rules).build()) {
            assertEquals("PASS", after.evaluate(tenant).check("PWB-LIC-003").orElseThrow().outcome());
        }
    }

    @Test
    void raisingTheMinimumConnectVersionTakesEffect() {
        Path rules = rules();
        assertEquals(0, exitOf(rules, "healthy-hybrid.json"));
        RulesDirs.append(rules.resolve("tables/connect-versions.csv"), "2.6.2.0,,2026-11-01,the new mandatory minimum\n");
        assertEquals(1, exitOf(rules, "healthy-hybrid.json"), "2.5.79.0 is below the minimum since 2026-11-01");
        Report r = evaluate(rules, "healthy-hybrid.json");
        assertEquals("FAIL/ERROR", r.check("PWB-CON-002").orElseThrow().outcome());
        assertTrue(r.check("PWB-CON-002").orElseThrow().findings().get(0).message().contains("2.6.2.0"));
    }

    @Test
    void changingASeverityTakesEffect() {
        Path rules = rules();
        assertEquals(Verdict.ELIGIBLE, evaluate(rules, "short-idle-timeout.json").verdict());
        RulesDirs.edit(rules.resolve("network.drl"),
                "rule \"PWB-NET-003 idle connections are cut at the edge of the limit\"\n    @id(\"PWB-NET-003\") @severity(WARNING)",
                "rule \"PWB-NET-003 idle connections are cut at the edge of the limit\"\n    @id(\"PWB-NET-003\") @severity(ERROR)");
        // The check now raises only errors: its declaration says so too.
        RulesDirs.edit(rules.resolve("checks.json"), "minutes\",\n      \"severities\": [\"ERROR\", \"WARNING\"]", "minutes\",\n      \"severities\": [\"ERROR\"]");
        assertEquals(Verdict.NOT_ELIGIBLE, evaluate(rules, "short-idle-timeout.json").verdict());
        assertEquals(1, exitOf(rules, "short-idle-timeout.json"));
    }

    static final String NEW_RULE = """
            package preflight.rules

            import dev.preflight.facts.*

            global dev.preflight.rules.Outcome outcome

            rule "PWB-SSPR-005 password reset is enabled for a selected group only"
                @id("PWB-SSPR-005") @severity(INFO)
            when
                PasswordReset(selfServiceScope == SelfServiceScope.SELECTED)
            then
                outcome.fail("selected-group-only");
            end
            """;

    /** A new check as docs/analysts.md's walk-through adds it: declaration, rule, message. */
    static void addNewCheck(Path rules, String rule) throws IOException {
        RulesDirs.declare(rules, """
                {"id": "PWB-SSPR-005", "title": "Password reset is enabled for all users", "severities": ["INFO"],
                 "doc": "https://learn.microsoft.com/entra/identity/authentication/tutorial-enable-sspr",
                 "remediation": "Once the pilot group works, set the scope to All.",
                 "requires": ["passwordReset.selfServiceScope"]}""");
        Files.writeString(rules.resolve("pilot.drl"), rule);
        RulesDirs.addMessages(rules, """
                selected-group-only = Password reset is enabled for a selected group only
                selected-group-only.evidence = passwordReset.selfServiceScope is Selected""");
        // Every language the rules speak gets the new texts: rules check fails on a missing one.
        RulesDirs.append(rules.resolve("messages_zh_CN.properties"), """
                PWB-SSPR-005.title = 已为所有用户启用密码重置
                PWB-SSPR-005.remediation = 试点组正常工作后，将范围设为“全部”。
                selected-group-only = 仅为所选组启用了密码重置
                selected-group-only.evidence = passwordReset.selfServiceScope 为 Selected
                """);
        RulesDirs.append(rules.resolve("messages_zh_TW.properties"), """
                PWB-SSPR-005.title = 已為所有使用者啟用密碼重設
                PWB-SSPR-005.remediation = 試驗群組運作正常後，將範圍設為 [全部]。
                selected-group-only = 只為選取的群組啟用了密碼重設
                selected-group-only.evidence = passwordReset.selfServiceScope 為 Selected
                """);
    }

    @Test
    void aNewRuleWithANewIdIsListedTestedAndEvaluated() throws IOException {
        Path rules = rules();
        addNewCheck(rules, NEW_RULE);

        Cli.Result list = Cli.run("rules", "list", rules.toString(), "--format", "csv");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("PWB-SSPR-005,SSPR,\"Password reset is enabled for all users\",INFO"), list.out());

        Cli.Result check = Cli.run("rules", "check", rules.toString());
        assertEquals(0, check.exitCode(), check.out());
        assertTrue(check.out().matches("(?s).*checks.json:\\d+: warning: check PWB-SSPR-005 has no test case.*"), check.out());
        assertEquals(3, Cli.run("rules", "check", "--strict", rules.toString()).exitCode(), "--strict fails on warnings");

        Files.writeString(rules.resolve("tests/pilot.json"), """
                {"facts": "tenants/healthy.json", "cases": [
                  {"name": "scope All passes", "expect": {"checks": {"PWB-SSPR-005": "PASS"}}},
                  {"name": "a selected group is advice", "set": {"passwordReset.selfServiceScope": "Selected"},
                   "expect": {"verdict": "ELIGIBLE", "checks": {"PWB-SSPR-005": "FAIL/INFO"}}},
                  {"name": "scope not collected", "remove": ["passwordReset.selfServiceScope"],
                   "expect": {"checks": {"PWB-SSPR-005": "NOT_EVALUATED"}, "missing": {"PWB-SSPR-005": ["passwordReset.selfServiceScope"]}}}
                ]}""");
        Cli.Result test = Cli.run("rules", "test", rules.toString(), "--only", "pilot", "--coverage");
        assertEquals(0, test.exitCode(), test.out());
        assertTrue(test.out().contains("3 cases, 3 passed, 0 failed"), test.out());
        assertEquals(0, Cli.run("rules", "check", "--strict", rules.toString()).exitCode(), "clean once it has a test");

        Cli.Result json = Cli.run("evaluate", "--rules", rules.toString(), "--format", "json", "samples/healthy-hybrid.json");
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertEquals(37, report.get("checks").size());
        try (Evaluator api = Evaluator.builder().rulesDirectory(rules).build()) {
            assertEquals(37, api.catalogue().size());
            assertEquals("PASS", api.evaluate(Path.of("samples/healthy-hybrid.json")).check("PWB-SSPR-005").orElseThrow().outcome());
        }
    }

    @Test
    void aMistypedNewRuleFailsToLoadWithAPreciseMessage() throws IOException {
        Path rules = rules();
        addNewCheck(rules, NEW_RULE.replace("selfServiceScope == SelfServiceScope.SELECTED", "selfServiceScop == SelfServiceScope.SELECTED"));
        Cli.Result check = Cli.run("rules", "check", rules.toString());
        assertEquals(3, check.exitCode());
        assertTrue(check.out().contains("pilot.drl:10:"), check.out());
        assertTrue(check.out().contains("selfServiceScop == SelfServiceScope.SELECTED"), check.out());
        Cli.Result evaluate = Cli.run("evaluate", "--rules", rules.toString(), "samples/healthy-hybrid.json");
        assertEquals(3, evaluate.exitCode());
        assertTrue(evaluate.err().contains("pilot.drl:10:"), evaluate.err());
    }

    @Test
    void deletingARuleFileRemovesItsCheck() throws IOException {
        Path rules = rules();
        Files.delete(rules.resolve("events.drl"));
        RulesDirs.undeclare(rules, "PWB-EVT-001");
        Files.delete(rules.resolve("tests/events.json"));
        try (Evaluator e = Evaluator.builder().rulesDirectory(rules).build()) {
            assertEquals(35, e.catalogue().size());
            Report r = e.evaluate(Path.of("samples/blocked-service-bus.json"));
            assertFalse(r.check("PWB-EVT-001").isPresent());
            assertTrue(e.warnings().isEmpty() || e.warnings().stream().noneMatch(w -> w.isError()));
        }
        Cli.Result check = Cli.run("rules", "check", rules.toString());
        assertEquals(3, check.exitCode(), "other cases still expect the deleted check: " + check.out());
        assertTrue(check.out().contains("tests/connect.json: error: case #"), check.out());
        assertTrue(check.out().contains("names check PWB-EVT-001, which no rule declares"), check.out());
        assertFalse(check.out().contains("events.csv: warning: no rule reads"), "PWB-CON-008 still reads the event table: " + check.out());
    }

    @Test
    void testCasesNamingAnUnknownCheckAreAnError() throws IOException {
        Path rules = rules();
        Files.writeString(rules.resolve("tests/typo.json"), """
                {"facts": "tenants/healthy.json", "cases": [{"name": "typo", "expect": {"checks": {"PWB-NET-03": "PASS"}}}]}""");
        Cli.Result check = Cli.run("rules", "check", rules.toString());
        assertEquals(3, check.exitCode());
        assertTrue(check.out().contains("tests/typo.json: error: case #1 \"typo\" names check PWB-NET-03, which no rule declares"), check.out());
    }

    @Test
    void checkCanReportAsJsonForEditors() throws IOException {
        Path rules = rules();
        RulesDirs.edit(rules.resolve("sspr.drl"), "PasswordReset(writebackEnabled == false)", "PasswordReset(writebackEnabled == false");
        Cli.Result r = Cli.run("rules", "check", rules.toString(), "--format", "json");
        assertEquals(3, r.exitCode());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(1, json.get("errors").asInt());
        JsonNode p = json.get("problems").get(0);
        assertEquals("ERROR", p.get("level").asText());
        assertTrue(p.get("file").asText().endsWith("rules/sspr.drl"), p.toString());
        assertTrue(p.get("line").asInt() > 0);
    }

    @Test
    void theShippedRulesAreClean() {
        Cli.Result r = Cli.run("rules", "check", "--strict", "rules");
        assertEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().contains("36 checks"), r.out());
        Cli.Result builtIn = Cli.run("rules", "check", "--strict");
        assertEquals(0, builtIn.exitCode(), builtIn.out());
    }
}
