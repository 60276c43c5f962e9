package dev.preflight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.InvalidRulesException;
import dev.preflight.api.RuleProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleLoadingTest {

    @TempDir
    Path tmp;

    private static List<RuleProblem> errorsOf(Path dir) {
        InvalidRulesException e = assertThrows(InvalidRulesException.class, () -> RuleBase.load(RuleFiles.fromDirectory(dir)));
        return e.problems().stream().filter(RuleProblem::isError).toList();
    }

    private static RuleProblem onlyError(Path dir) {
        List<RuleProblem> errors = errorsOf(dir);
        assertEquals(1, errors.size(), () -> "one error expected: " + errors);
        return errors.get(0);
    }

    @Test
    void theShippedRulesCompileWithoutErrorsOrWarnings() {
        try (RuleBase base = RuleBase.load(RuleFiles.fromDirectory(RulesDirs.SHIPPED))) {
            assertEquals(List.of(), base.warnings());
            assertEquals(36, base.catalogue().checks().size());
            for (var c : base.catalogue().checks()) {
                assertTrue(c.docUrl().startsWith("https://learn.microsoft.com/entra/identity/"), c.id() + " links to learn.microsoft.com");
                assertFalse(c.severities().isEmpty(), c.id() + " can fail");
            }
        }
    }

    @Test
    void aRuleWithoutMetadataFailsWithFileAndLine() {
        Path dir = RulesDirs.copy(tmp);
        Path drl = dir.resolve("network.drl");
        int line = RulesDirs.lineOf(drl, "rule \"PWB-NET-004 TLS inspection on Connect's traffic\"");
        RulesDirs.edit(drl, "    @id(\"PWB-NET-004\") @severity(ERROR)\n", "    @id(\"PWB-NET-004\")\n");
        RuleProblem p = onlyError(dir);
        assertEquals("network.drl", p.file());
        assertEquals(line, p.line());
        assertTrue(p.message().contains("lacks @severity"), p.message());
    }

    @Test
    void aRuleWithNoMetadataAtAllIsAnError() {
        Path dir = RulesDirs.copy(tmp);
        RulesDirs.append(dir.resolve("network.drl"), "\nrule \"helper without metadata\"\nwhen\n    Network()\nthen\nend\n");
        RuleProblem p = onlyError(dir);
        assertTrue(p.message().contains("\"helper without metadata\" lacks @id, @severity"), p.message());
        assertEquals(RulesDirs.lineOf(dir.resolve("network.drl"), "helper without metadata"), p.line());
    }

    @Test
    void aSyntaxErrorFailsWithFileAndLine() {
        Path dir = RulesDirs.copy(tmp);
        Path drl = dir.resolve("sspr.drl");
        RulesDirs.edit(drl, "PasswordReset(writebackEnabled == false)", "PasswordReset(writebackEnabled == false");
        RuleProblem p = onlyError(dir);
        assertEquals("sspr.drl", p.file());
        int patternLine = RulesDirs.lineOf(drl, "PasswordReset(writebackEnabled == false");
        assertTrue(p.line() >= patternLine && p.line() <= patternLine + 2, "line " + p.line() + " near " + patternLine);
        assertTrue(p.message().startsWith("syntax error"), p.message());
    }

    @Test
    void aTypeErrorInAConsequenceIsMappedBackToTheDrlLine() {
        Path dir = RulesDirs.copy(tmp);
        Path drl = dir.resolve("network.drl");
        RulesDirs.edit(drl, "outcome.fail(\"idle-timeout-too-short\", $n.idleTimeoutSeconds());", "outcome.fail(\"idle-timeout-too-short\", outcome.noSuchMethod());");
        RuleProblem p = onlyError(dir);
        assertEquals("network.drl", p.file());
        assertEquals(RulesDirs.lineOf(drl, "noSuchMethod"), p.line());
        assertTrue(p.message().contains("noSuchMethod"), p.message());
        assertTrue(p.excerpt().contains("noSuchMethod"), p.excerpt());
    }

    @Test
    void anUnknownFieldInAPatternIsMappedToItsLine() {
        Path dir = RulesDirs.copy(tmp);
        Path drl = dir.resolve("network.drl");
        RulesDirs.edit(drl, "Network(tlsInspection == true)", "Network(tlsInspektion == true)");
        RuleProblem p = onlyError(dir);
        assertEquals("network.drl", p.file());
        assertEquals(RulesDirs.lineOf(drl, "tlsInspektion"), p.line());
    }

    @Test
    void anUnknownClassIsMappedToItsLine() {
        Path dir = RulesDirs.copy(tmp);
        Path drl = dir.resolve("events.drl");
        RulesDirs.edit(drl, "import dev.preflight.rules.*", "import dev.preflight.rules.*\nimport dev.preflight.facts.NoSuchFact");
        RuleProblem p = errorsOf(dir).get(0);
        assertEquals("events.drl", p.file());
        assertEquals(RulesDirs.lineOf(drl, "NoSuchFact"), p.line());
    }

    @Test
    void metadataValuesAreValidated() {
        Path dir = RulesDirs.copy(tmp);
        RulesDirs.edit(dir.resolve("network.drl"), "@id(\"PWB-NET-004\") @severity(ERROR)", "@id(\"PWB-NET-004\") @severity(FATAL)");
        RulesDirs.edit(dir.resolve("checks.json"), "\"doc\": \"https://learn.microsoft.com/entra/identity/hybrid/connect/reference-connect-version-history\"",
                "\"doc\": \"learn.microsoft.com/version-history\"");
        List<RuleProblem> errors = errorsOf(dir);
        assertTrue(errors.stream().anyMatch(p -> p.file().equals("network.drl") && p.message().contains("unknown severity \"FATAL\"")), errors.toString());
        assertTrue(errors.stream().anyMatch(p -> p.file().equals("checks.json") && p.message().contains("not an absolute https URL")), errors.toString());
    }

    @Test
    void aMistypedSeverityIsOneErrorNotAlsoACheckThatCannotFail() {
        Path dir = RulesDirs.copy(tmp);
        // PWB-SSPR-001 has one failing rule; mistyping its severity must not add "no rule can fail it".
        RulesDirs.edit(dir.resolve("sspr.drl"), "@id(\"PWB-SSPR-001\") @severity(ERROR)", "@id(\"PWB-SSPR-001\") @severity(EROR)");
        InvalidRulesException e = assertThrows(InvalidRulesException.class, () -> RuleBase.load(RuleFiles.fromDirectory(dir)));
        assertEquals(1, e.problems().size(), e.problems()::toString);
        assertTrue(e.problems().get(0).message().contains("unknown severity \"EROR\""), e.problems()::toString);
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        Path dir = RulesDirs.copy(tmp);
        RulesDirs.edit(dir.resolve("sspr.drl"), "PasswordReset(writebackEnabled == false)", "PasswordReset(writebackEnabled == false");
        RulesDirs.append(dir.resolve("events.drl"), "\nrule \"no metadata\"\nwhen\nthen\nend\n");
        RulesDirs.append(dir.resolve("tables/endpoints.csv"), "Public,passwordReset\n");
        List<RuleProblem> errors = errorsOf(dir);
        assertTrue(errors.stream().anyMatch(p -> p.file().equals("sspr.drl")), errors.toString());
        assertTrue(errors.stream().anyMatch(p -> p.file().equals("events.drl")), errors.toString());
        assertTrue(errors.stream().anyMatch(p -> p.file().equals("tables/endpoints.csv")), errors.toString());
    }

    @Test
    void aDuplicateCheckIdWithAnotherTitleIsAnError() {
        Path dir = RulesDirs.copy(tmp);
        RulesDirs.declare(dir, """
                {"id": "PWB-NET-003", "title": "Something else entirely", "severities": ["WARNING"],
                 "doc": "https://learn.microsoft.com/entra/identity/authentication/troubleshoot-sspr-writeback"}""");
        RuleProblem p = onlyError(dir);
        assertEquals("checks.json", p.file());
        assertTrue(p.line() > 1, "the line of the second declaration");
        assertTrue(p.message().contains("check PWB-NET-003 is declared twice (first at line "), p.message());
    }

    @Test
    void aRuleOfSeverityNoneMayNotRaiseAFinding() {
        Path dir = RulesDirs.copy(tmp);
        RulesDirs.edit(dir.resolve("network.drl"), "outcome.note(\"no-service-bus-endpoint\"", "outcome.fail(\"no-service-bus-endpoint\"");
        RuleProblem p = onlyError(dir);
        assertTrue(p.message().contains("@severity(NONE) but calls outcome.fail"), p.message());
    }

    @Test
    void anEmptyRulesDirectoryIsAnErrorNotZeroChecks() {
        InvalidRulesException e = assertThrows(InvalidRulesException.class, () -> RuleBase.load(RuleFiles.fromDirectory(tmp)));
        assertTrue(e.getMessage().contains("no rules to load"), e.getMessage());
    }

    @Test
    void aDirectoryWithTablesButNoRulesIsAnError() throws IOException {
        Files.createDirectories(tmp.resolve("tables"));
        Files.writeString(tmp.resolve("tables/endpoints.csv"), "cloud,service,host,note\n");
        assertThrows(InvalidRulesException.class, () -> RuleBase.load(RuleFiles.fromDirectory(tmp)));
    }

    @Test
    void aMissingDirectoryIsAnError() {
        assertThrows(InvalidRulesException.class, () -> RuleFiles.fromDirectory(tmp.resolve("nope")));
    }

    @Test
    void badTableRowsFailWithFileAndLine() {
        Path dir = RulesDirs.copy(tmp);
        Path csv = dir.resolve("tables/connect-versions.csv");
        RulesDirs.append(csv, "2.6.1.0,2027-13-01,,a bad date\n2.6.2.0,2027-01-01\n");
        List<RuleProblem> errors = errorsOf(dir);
        assertEquals(2, errors.size(), errors.toString());
        assertEquals("tables/connect-versions.csv", errors.get(0).file());
        int lines = RulesDirs.lineOf(csv, "2.6.1.0");
        assertTrue(errors.stream().anyMatch(p -> p.line() == lines && p.message().contains("column 'supportEnds'")), errors.toString());
        assertTrue(errors.stream().anyMatch(p -> p.line() == lines + 1 && p.message().contains("expected 4 columns")), errors.toString());
        assertTrue(errors.stream().anyMatch(p -> p.message().contains("and optionally their translations (note_zh_CN, note_zh_TW)")), errors.toString());
    }

    @Test
    void aTableNoRuleReadsIsAWarning() throws IOException {
        Path dir = RulesDirs.copy(tmp);
        Files.writeString(dir.resolve("tables/unused.csv"), "a,b\n1,2\n");
        try (RuleBase base = RuleBase.load(RuleFiles.fromDirectory(dir))) {
            assertTrue(base.warnings().stream().anyMatch(w -> w.file().equals("tables/unused.csv") && w.message().contains("no rule reads")), base.warnings().toString());
        }
    }

    @Test
    void aMissingTableThatRulesReadIsAnError() throws IOException {
        Path dir = RulesDirs.copy(tmp);
        Files.delete(dir.resolve("tables/windows-server.csv"));
        RuleProblem p = onlyError(dir);
        assertEquals("tables/windows-server.csv", p.file());
        assertTrue(p.message().contains("tables.windowsServer()"), p.message());
    }
}
