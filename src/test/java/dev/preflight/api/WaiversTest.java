package dev.preflight.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Waivers: a waived finding keeps its severity, the verdict leaves it out, until it expires. */
class WaiversTest {

    private static final Path LEGACY = Path.of("samples/legacy-forest-2008r2.json");
    private static final String FABRIKAM = "3f1a9b2c-1111-4000-8000-000000000002";
    private static Evaluator plain;

    @BeforeAll
    static void build() {
        plain = Evaluator.builder().rulesDirectory(Path.of("rules")).build();
    }

    @AfterAll
    static void close() {
        plain.close();
    }

    private static Report evaluate(Waivers waivers, String facts) {
        try (Evaluator e = Evaluator.builder().rulesDirectory(Path.of("rules")).waivers(waivers).build()) {
            return e.evaluateJson(facts);
        }
    }

    private static String legacyAsOf(String collectedAt) throws IOException {
        return Files.readString(LEGACY).replace("2026-11-20T10:00:00Z", collectedAt);
    }

    private static Waivers yaml(String text) {
        return Waivers.parse(text, "w.yaml", true);
    }

    private static String dc2Waiver(String tenant, String subject, String expires) {
        return "waivers:\n"
                + "  - checkId: PWB-AD-002\n"
                + "    scope: { tenant: \"" + tenant + "\"" + (subject == null ? "" : ", subject: " + subject) + " }\n"
                + "    reason: retired in the December migration\n"
                + "    owner: it-infra@fabrikam.com\n"
                + "    expires: " + expires + "\n"
                + "    ticket: CHG-4711\n";
    }

    @Test
    void theSampleWaiverMakesTheLegacyForestEligibleAndShowsIt() throws IOException {
        Report r = evaluate(Waivers.read(Path.of("samples/waivers.yaml")), Files.readString(LEGACY));
        assertEquals(Verdict.ELIGIBLE, r.verdict());
        assertEquals("ELIGIBLE, 1 waived", r.verdictLine());
        assertEquals(Verdict.NOT_ELIGIBLE, r.waivers().verdictWithoutWaivers());
        CheckResult ad2 = r.check("PWB-AD-002").orElseThrow();
        assertEquals("FAIL/ERROR", ad2.outcome(), "a waived finding keeps its status and severity");
        Finding dc2 = ad2.findings().stream().filter(f -> "dc2.corp.fabrikam.com".equals(f.subject())).findFirst().orElseThrow();
        assertEquals(Severity.ERROR, dc2.severity());
        Waiver w = r.waivers().waiverFor(dc2);
        assertEquals("CHG-4711", w.ticket());
        assertTrue(w.origin().startsWith("samples/waivers.yaml:5:"), w.origin());
        // The warnings about dc1 and dc3 are not covered: the waiver names one subject.
        assertEquals(1, r.waivedCount());
        assertEquals(List.of(), r.waivers().expired());
        assertEquals(List.of(), r.waivers().stale());
    }

    @Test
    void anExpiredWaiverNoLongerAppliesAndTheReportSaysSo() throws IOException {
        Waivers waivers = Waivers.read(Path.of("samples/waivers.yaml"));
        // The last day of the waiver still counts, judged as of tenant.collectedAt, not the clock.
        assertEquals(Verdict.ELIGIBLE, evaluate(waivers, legacyAsOf("2026-12-31T23:59:59Z")).verdict());
        Report r = evaluate(waivers, legacyAsOf("2027-01-01T00:00:00Z"));
        assertEquals(Verdict.NOT_ELIGIBLE, r.verdict());
        assertEquals("NOT ELIGIBLE", r.verdictLine());
        assertEquals(0, r.waivedCount());
        assertEquals(1, r.waivers().expired().size());
        assertEquals("PWB-AD-002", r.waivers().expired().get(0).checkId());
        assertTrue(r.toJson().contains("\"expired\":[{\"checkId\":\"PWB-AD-002\""), r.toJson());
    }

    @Test
    void aWaiverMatchingNoFindingIsStale() throws IOException {
        Report r = evaluate(yaml(dc2Waiver(FABRIKAM, "dc9.corp.fabrikam.com", "2027-06-30")), Files.readString(LEGACY));
        assertEquals(Verdict.NOT_ELIGIBLE, r.verdict());
        assertEquals(1, r.waivers().stale().size());
        assertEquals("dc9.corp.fabrikam.com", r.waivers().stale().get(0).subject());
    }

    @Test
    void scopeNamesTheTenantOrEveryTenantAndSubjectsIgnoreCase() throws IOException {
        String facts = Files.readString(LEGACY);
        Report other = evaluate(yaml(dc2Waiver("00000000-0000-0000-0000-000000000000", null, "2027-06-30")), facts);
        assertEquals(Verdict.NOT_ELIGIBLE, other.verdict());
        assertEquals(0, other.waivedCount());
        assertEquals(List.of(), other.waivers().stale(), "a waiver for another tenant is not this tenant's business");

        Report any = evaluate(yaml(dc2Waiver("*", "DC2.Corp.Fabrikam.com", "2027-06-30")), facts);
        assertEquals(Verdict.ELIGIBLE, any.verdict());

        Report wholeCheck = evaluate(yaml(dc2Waiver(FABRIKAM.toUpperCase(), null, "2027-06-30")), facts);
        assertEquals(3, wholeCheck.waivedCount(), "without a subject every finding of the check is waived: " + wholeCheck.waivers());
        assertEquals(Verdict.ELIGIBLE, wholeCheck.verdict());
    }

    @Test
    void aWaivedErrorBesideMissingFactsLeavesTheVerdictIncomplete() throws IOException {
        // dc4 has no operating system collected: with dc2's error waived, the gap decides.
        JsonNode tree = new ObjectMapper().readTree(LEGACY.toFile());
        var dcs = (com.fasterxml.jackson.databind.node.ArrayNode) tree.at("/onPremises/forests/0/domains/0/domainControllers");
        dcs.addObject().put("hostName", "dc4.corp.fabrikam.com");
        Report without = plain.evaluateJson(tree.toString());
        assertEquals(Verdict.NOT_ELIGIBLE, without.verdict());
        Report r = evaluate(yaml(dc2Waiver(FABRIKAM, "dc2.corp.fabrikam.com", "2027-06-30")), tree.toString());
        assertEquals(Verdict.INCOMPLETE, r.verdict());
        assertEquals("INCOMPLETE, 1 waived", r.verdictLine());
    }

    @Test
    void waivedReportsAreValidAgainstTheReportSchema() throws IOException {
        JsonSchema schema = SchemaTest.schema("report.schema.json");
        ObjectMapper json = new ObjectMapper();
        Waivers waivers = yaml(dc2Waiver(FABRIKAM, "dc2.corp.fabrikam.com", "2026-12-31")
                + "  - checkId: PWB-EVT-001\n    scope: \"*\"\n    reason: r\n    owner: o\n    expires: 2020-01-01\n"
                + "  - checkId: PWB-NET-003\n    scope: \"*\"\n    reason: r\n    owner: o\n    expires: 2030-01-01\n");
        Report r = evaluate(waivers, Files.readString(LEGACY));
        JsonNode node = json.readTree(r.toJson());
        assertEquals(java.util.Set.of(), schema.validate(node));
        assertEquals(1, node.at("/waivers/expired").size());
        assertEquals(1, node.at("/waivers/stale").size());
        assertEquals("retired in the December migration", node.at("/checks").findValue("waived").get("reason").asText());
        assertEquals(r.toJson(), json.readTree(dev.preflight.report.JsonReport.toPrettyJson(r)).toString(), "pretty JSON has the same fields");
    }

    @Test
    void withoutWaiversTheReportHasNoWaiversPart() throws IOException {
        Report r = plain.evaluate(LEGACY);
        assertNull(r.waivers());
        assertEquals("NOT ELIGIBLE", r.verdictLine());
        assertTrue(!r.toJson().contains("waive"));
    }

    @Test
    void jsonWaiversWork() throws IOException {
        Waivers w = Waivers.parse("{\"waivers\": [{\"checkId\": \"PWB-AD-002\", \"scope\": {\"tenant\": \"*\", \"subject\": \"dc2.corp.fabrikam.com\"},"
                + " \"reason\": \"r\", \"owner\": \"o\", \"expires\": \"2026-12-31\"}]}", "w.json", false);
        assertEquals(Verdict.ELIGIBLE, evaluate(w, Files.readString(LEGACY)).verdict());
    }

    @Test
    void invalidWaiverFilesNameFileLineAndColumn() {
        InvalidWaiversException e = assertThrows(InvalidWaiversException.class,
                () -> yaml(dc2Waiver(FABRIKAM, null, "31/12/2026")));
        assertEquals("w.yaml:6:14: waivers[0].expires: '31/12/2026' is not a date (expected YYYY-MM-DD)", e.getMessage());
        assertEquals(6, e.line());

        e = assertThrows(InvalidWaiversException.class, () -> yaml(dc2Waiver(FABRIKAM, null, "2026-12-31").replace("expires", "expiry")));
        assertEquals(6, e.line());
        assertTrue(e.problem().contains("unknown field 'expiry'"), e.getMessage());

        e = assertThrows(InvalidWaiversException.class, () -> yaml(dc2Waiver(FABRIKAM, null, "2026-12-31").replace("    owner: it-infra@fabrikam.com\n", "")));
        assertEquals("w.yaml:2:5: waivers[0]: owner is required", e.getMessage());

        e = assertThrows(InvalidWaiversException.class, () -> yaml("waivers:\n  - checkId: \"unclosed\n  reason: x\n"));
        assertTrue(e.line() >= 2 && e.column() > 0, e.getMessage());
        assertTrue(e.problem().startsWith("malformed YAML"), e.getMessage());

        e = assertThrows(InvalidWaiversException.class, () -> Waivers.parse("{\"waivers\": [{\"checkId\": \"PWB-AD-002\",\n \"checkId\": \"x\"}]}", "w.json", false));
        assertEquals(2, e.line());
        assertTrue(e.problem().contains("Duplicate field 'checkId'"), e.getMessage());

        e = assertThrows(InvalidWaiversException.class, () -> yaml(dc2Waiver(FABRIKAM, null, "2026-12-31").replace("PWB-AD-002", "PWB-AD-2")));
        assertEquals("w.yaml:2:14: waivers[0].checkId: 'PWB-AD-2' is not a check id such as PWB-AD-002", e.getMessage());
    }

    @Test
    void aWaiverForACheckTheRulesDoNotHaveIsRefusedAtBuild() {
        Waivers w = yaml(dc2Waiver(FABRIKAM, null, "2026-12-31").replace("PWB-AD-002", "PWB-AD-999"));
        InvalidWaiversException e = assertThrows(InvalidWaiversException.class,
                () -> Evaluator.builder().rulesDirectory(Path.of("rules")).waivers(w).build());
        assertEquals("w.yaml:2:5: checkId: no check PWB-AD-999 in the catalogue", e.getMessage());
    }
}
