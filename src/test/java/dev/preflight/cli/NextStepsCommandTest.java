package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "To complete this evaluation" on the Windows PowerShell 5.1 collection whose users.json was
 * refused (403) and whose answers are blank: the report says first the few actions that would
 * complete it, names the users by display name (no UPN was exported) rather than by list index,
 * and says the 403 once, in text and JSON (valid against the report schema).
 */
class NextStepsCommandTest {

    private static final String SAMPLE = "samples/collection-ps51";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theTextReportSaysTheNextStepsFirstNamingUsersAndEachReasonOnce() {
        Cli.Result r = Cli.run("evaluate", "--color=never", SAMPLE);
        assertEquals(1, r.exitCode(), r.err());
        String out = r.out();
        int steps = out.indexOf("To complete this evaluation");
        assertTrue(steps > 0, out);
        assertTrue(steps < out.indexOf("Licensing") && steps < out.indexOf("Accounts"), "the next steps come before the checks:\n" + out);
        assertTrue(out.contains("Re-run the collector with User.Read.All: unblocks"), out);
        assertTrue(out.matches("(?s).*Answer these \\d+ questions: unblocks \\d+ checks.*"), out);
        assertTrue(out.contains("- Joey Cruz: purpose") && out.contains("- Kalyan Krishna: purpose"), out);
        assertTrue(out.contains("- corp.fabrikam.com: addedAfterWritebackEnabled"), out);
        assertTrue(out.contains("Add onprem/Test-NetConnection.json to the collection"), out);
        assertFalse(out.contains("users[0]") || out.contains("forests[0]"), "nobody is named by list index:\n" + out);
        assertEquals(1, count(out, "Insufficient privileges to complete the operation"), "the 403 is said once:\n" + out);
        assertEquals(0, count(out, "answer needed: no export gives it"), out);
        assertTrue(out.contains("Joey Cruz: assignedLicenses (step "), out);
    }

    @Test
    void theJsonReportHasNextStepsValidAgainstTheSchema() throws Exception {
        Cli.Result r = Cli.run("evaluate", "--format", "json", SAMPLE);
        assertEquals(1, r.exitCode(), r.err());
        JsonNode report = JSON.readTree(r.out());
        try (InputStream in = getClass().getResourceAsStream("/schema/report.schema.json")) {
            var errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in).validate(report);
            assertTrue(errors.isEmpty(), errors.toString());
        }
        JsonNode steps = report.get("nextSteps");
        List<String> actions = new ArrayList<>();
        steps.forEach(s -> actions.add(s.get("action").asText()));
        assertEquals("ANSWER", actions.get(0), actions.toString());
        JsonNode rerun = null;
        for (JsonNode s : steps) {
            if (s.get("action").asText().equals("RERUN_EXPORT")) {
                rerun = s;
            }
        }
        assertEquals("graph/users.json", rerun.get("file").asText());
        assertEquals("User.Read.All", rerun.get("need").asText());
        assertTrue(rerun.get("checks").toString().contains("PWB-LIC-004"), rerun.toString());
        List<String> subjects = new ArrayList<>();
        steps.get(0).get("questions").forEach(q -> subjects.add(q.path("subject").asText(null)));
        assertTrue(subjects.contains("Joey Cruz") && subjects.contains("corp.fabrikam.com"), subjects.toString());
        // Every NOT_EVALUATED check is unblocked by some step.
        for (JsonNode c : report.get("checks")) {
            if (c.get("status").asText().equals("NOT_EVALUATED")) {
                assertTrue(steps.toString().contains("\"" + c.get("id").asText() + "\""), c.get("id").asText());
            }
        }
    }

    @Test
    void aUserKnownOnlyByUpnAndPurposeLeavesTheTenantIncompleteNamingItsMissingFacts() throws Exception {
        for (String purpose : List.of("testUser", "writebackAdmin")) {
            JsonNode facts = JSON.readTree(Path.of("samples/healthy-hybrid.json").toFile());
            ((com.fasterxml.jackson.databind.node.ArrayNode) facts.get("users")).addObject()
                    .put("userPrincipalName", "pwtest2@contoso.com").putArray("purpose").add(purpose);
            Path file = tmp.resolve(purpose + ".json");
            Files.writeString(file, facts.toString());
            Cli.Result r = Cli.run("evaluate", "--color=never", file.toString());
            assertEquals(ExitCodes.of(dev.preflight.api.Verdict.INCOMPLETE), r.exitCode(), r.out());
            assertTrue(r.out().contains("INCOMPLETE"), r.out());
            assertTrue(r.out().contains("pwtest2@contoso.com: assignedLicenses"), r.out());
        }
    }

    @Test
    void importWritesAnAnswersTemplateOfTheRealUsersAndForestsThatAnswersThenMatch() throws Exception {
        Path template = tmp.resolve("answers.json");
        Cli.Result r = Cli.run("import", "-q", "-o", tmp.resolve("facts.json").toString(), "--answers-template", template.toString(), SAMPLE);
        assertEquals(0, r.exitCode(), r.err());
        JsonNode t = JSON.readTree(template.toFile());
        List<String> names = new ArrayList<>();
        t.get("users").forEach(u -> names.add(u.path("displayName").asText() + "/" + u.path("id").asText()));
        assertEquals(List.of("Joey Cruz/ace08ec9-aa11-4ada-9145-addf0398233e", "Kalyan Krishna/6f87972e-2e7e-4b49-9980-eb3888bdcfe1",
                "Markie Downing/10fc1cc8-ac36-4186-b99b-0cf814aa2dd5"), names);
        assertTrue(t.get("users").get(0).get("purpose").isNull(), t.toString());
        assertEquals("corp.fabrikam.com", t.at("/onPremises/forests/0/name").asText());
        assertTrue(t.at("/passwordReset/selfServiceScope").isNull(), t.toString());
        // Filled in, it answers for the users it names (by object id: their UPNs were refused).
        ((com.fasterxml.jackson.databind.node.ObjectNode) t.get("users").get(2)).putArray("purpose").add("testUser");
        ((com.fasterxml.jackson.databind.node.ObjectNode) t.get("passwordReset")).put("selfServiceScope", "All");
        Files.writeString(template, t.toString());
        Cli.Result e = Cli.run("evaluate", "--color=never", "--answers", template.toString(), SAMPLE);
        assertFalse(e.out().contains("- Markie Downing: purpose"), e.out());
        assertFalse(e.out().contains("- passwordReset.selfServiceScope"), e.out());
        // Markie Downing, now a test user by its id, is judged: ACC-005 asks its adminCount.
        assertTrue(e.out().contains("- Markie Downing: adminCount"), e.out());
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
