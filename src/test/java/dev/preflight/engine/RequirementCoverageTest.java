package dev.preflight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.InvalidRulesException;
import dev.preflight.api.RuleProblem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A check's rules and its declared requirements cannot drift apart: a rule that reads a field its
 * check does not require would pass a tenant lacking it, so loading such rules fails, at the rule's
 * line, unless the declaration requires the field, conditions on it or exempts it by name.
 */
class RequirementCoverageTest {

    @TempDir
    Path tmp;

    private static final String CON_007_REQUIREMENT =
            "{\"path\": \"onPremises.connect.tls12Enabled\", \"when\": \"!onPremises.connect.notInstalled\"}";

    private static List<RuleProblem> errorsLoading(Path dir) {
        InvalidRulesException e = assertThrows(InvalidRulesException.class, () -> RuleBase.load(RuleFiles.fromDirectory(dir)));
        return e.problems().stream().filter(RuleProblem::isError).toList();
    }

    @Test
    void removingTheRequirementARuleReadsIsALoadErrorAtTheRulesLine() {
        Path dir = RulesDirs.copy(tmp);
        RulesDirs.edit(dir.resolve("checks.json"), CON_007_REQUIREMENT, "");
        List<RuleProblem> errors = errorsLoading(dir);
        assertEquals(1, errors.size(), errors::toString);
        RuleProblem p = errors.get(0);
        assertEquals("connect.drl", p.file());
        assertEquals(RulesDirs.lineOf(dir.resolve("connect.drl"), "Connect(!notInstalled, tls12Enabled == false)"), p.line());
        assertTrue(p.column() > 0);
        assertTrue(p.message().startsWith("PWB-CON-007 reads onPremises.connect.tls12Enabled, which its declaration does not require"), p.message());
        assertTrue(p.excerpt().contains("tls12Enabled == false"), p.excerpt());
    }

    @Test
    void aNewCheckWhoseRuleReadsAFieldItDoesNotRequireDoesNotLoad() {
        Path dir = RulesDirs.copy(tmp);
        RulesDirs.declare(dir, """
                {"id": "PWB-NET-005", "title": "Idle connections are not cut within the hour", "severities": ["INFO"],
                 "doc": "https://learn.microsoft.com/entra/identity/authentication/troubleshoot-sspr-writeback",
                 "requires": ["onPremises.network.tlsInspection"]}""");
        RulesDirs.addMessages(dir, "idle-under-an-hour = Idle connections are cut within the hour");
        RulesDirs.append(dir.resolve("network.drl"), """

                rule "PWB-NET-005 idle connections are cut within the hour"
                    @id("PWB-NET-005") @severity(INFO)
                when
                    Network(idleTimeoutSeconds < 3600)
                then
                    outcome.fail("idle-under-an-hour");
                end
                """);
        List<RuleProblem> errors = errorsLoading(dir);
        assertEquals(1, errors.size(), errors::toString);
        assertEquals("network.drl", errors.get(0).file());
        assertEquals(RulesDirs.lineOf(dir.resolve("network.drl"), "Network(idleTimeoutSeconds < 3600)"), errors.get(0).line());
        assertTrue(errors.get(0).message().startsWith("PWB-NET-005 reads onPremises.network.idleTimeoutSeconds,"), errors.get(0).message());
    }

    @Test
    void aFieldReadThroughABindingOrADeclaredTypeCountsToo() {
        Path dir = RulesDirs.copy(tmp);
        // PWB-ACC-006 reads users[*].roleAssignment through WritebackAdmin's user (declared in terms.drl).
        RulesDirs.edit(dir.resolve("checks.json"), "\"users[writebackAdmin(this)].roleAssignment\"", "");
        List<RuleProblem> errors = errorsLoading(dir);
        assertEquals(1, errors.size(), errors::toString);
        assertEquals("accounts.drl", errors.get(0).file());
        assertEquals(RulesDirs.lineOf(dir.resolve("accounts.drl"), "user.roleAssignment == RoleAssignment.GROUP"), errors.get(0).line());
        assertTrue(errors.get(0).message().startsWith("PWB-ACC-006 reads users[*].roleAssignment,"), errors.get(0).message());
    }

    @Test
    void anExplicitNamedExemptionLoadsAndAnExemptionNoRuleNeedsIsAWarning() {
        Path dir = RulesDirs.copy(tmp);
        RulesDirs.edit(dir.resolve("checks.json"), CON_007_REQUIREMENT,
                "{\"path\": \"onPremises.connect.stagingMode\", \"when\": \"!onPremises.connect.notInstalled\"}");
        RulesDirs.edit(dir.resolve("checks.json"), "\"id\": \"PWB-CON-007\",",
                "\"id\": \"PWB-CON-007\", \"exempt\": {\"onPremises.connect.tls12Enabled\": \"the collector always reads the registry keys\","
                        + " \"onPremises.connect.version\": \"no reason\"},");
        try (RuleBase base = RuleBase.load(RuleFiles.fromDirectory(dir))) {
            List<RuleProblem> w = base.warnings().stream().filter(p -> p.message().contains("exempts")).toList();
            assertEquals(1, w.size(), base.warnings()::toString);
            assertEquals("checks.json", w.get(0).file());
            assertTrue(w.get(0).message().contains("PWB-CON-007 exempts onPremises.connect.version, which none of its rules reads"), w.get(0).message());
        }
    }

    @Test
    void anExemptionWithoutAReasonIsAnError() {
        Path dir = RulesDirs.copy(tmp);
        RulesDirs.edit(dir.resolve("checks.json"), CON_007_REQUIREMENT, "");
        RulesDirs.edit(dir.resolve("checks.json"), "\"id\": \"PWB-CON-007\",", "\"id\": \"PWB-CON-007\", \"exempt\": {\"onPremises.connect.tls12Enabled\": \"\"},");
        List<RuleProblem> errors = errorsLoading(dir);
        assertTrue(errors.stream().anyMatch(p -> p.file().equals("checks.json") && p.message().contains("gives no reason")), errors::toString);
    }

    @Test
    void theShippedRulesReadOnlyWhatTheirChecksDeclare() {
        RuleFiles files = RuleFiles.fromDirectory(RulesDirs.SHIPPED);
        List<RuleProblem> problems = new java.util.ArrayList<>();
        List<CheckDeclarations.CheckDecl> declared = CheckDeclarations.read(files.checks(), problems);
        List<RuleDecl> rules = DrlInspector.inspect(files.drl(), problems);
        RequirementCoverage.check(declared, DrlInspector.metadata(rules, files.drl()).values(), files.drl(), problems);
        assertEquals(List.of(), problems);
        // And the analysis sees what they read: PWB-CON-007's rule reads the TLS flag.
        assertTrue(rules.stream().anyMatch(r -> "PWB-CON-007".equals(r.annotations().get("id"))
                && r.reads().stream().anyMatch(x -> x.path().equals("onPremises.connect.tls12Enabled"))));
    }
}
