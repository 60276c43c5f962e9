package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code preflight import} and {@code preflight evaluate} on a collection, as a user runs them. */
class CollectionCommandsTest {

    static final String SAMPLE = "samples/collection-ps51";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static JsonNode check(JsonNode report, String id) {
        for (JsonNode c : report.get("checks")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError(id);
    }

    @Test
    void importWritesFactsWithProvenanceAndASummary() throws Exception {
        Cli.Result r = Cli.run("import", SAMPLE);
        assertEquals(0, r.exitCode(), r.err());
        JsonNode doc = JSON.readTree(r.out());
        assertEquals("Windows2008R2Forest", doc.at("/onPremises/forests/0/forestMode").asText());
        assertEquals("onprem/Get-ADForest.json", doc.at("/provenance/facts/onPremises.forests[0].forestMode/source").asText());
        assertEquals("not collected: request failed: 403 Forbidden: needs User.Read.All (GET /v1.0/users?$select=id,userPrincipalName,"
                + "accountEnabled,onPremisesSyncEnabled,assignedLicenses,userType): Authorization_RequestDenied: Insufficient privileges to complete the operation.",
                doc.at("/provenance/missing/users[0].onPremisesSyncEnabled").asText());
        assertTrue(r.err().startsWith("files read: 22"), r.err());
        assertTrue(r.err().contains("missing passwordReset.selfServiceScope: answer needed"), r.err());
    }

    @Test
    void aCollectionEvaluatesToSarifLocatedAtTheCollection() throws Exception {
        Cli.Result r = Cli.run("evaluate", "--format", "sarif", SAMPLE);
        assertEquals(1, r.exitCode(), r.err());
        JsonNode run = JSON.readTree(r.out()).at("/runs/0");
        assertFalse(run.get("results").isEmpty(), r.out());
        for (JsonNode result : run.get("results")) {
            JsonNode location = result.at("/locations/0/physicalLocation");
            assertEquals(SAMPLE, location.at("/artifactLocation/uri").asText());
            assertEquals(1, location.at("/region/startLine").asInt(), "no single file to point into: the start");
        }
    }

    @Test
    void importToAFileWithAnswersAndSetValues() throws Exception {
        Path answers = tmp.resolve("answers.json");
        Files.writeString(answers, "{\"passwordReset\": {\"selfServiceScope\": \"Selected\", \"writebackEnabled\": true}}");
        Path out = tmp.resolve("facts.json");
        Cli.Result r = Cli.run("import", SAMPLE, "-o", out.toString(), "--answers", answers.toString(), "-q",
                "--set", "passwordReset.selfServiceScope=All", "--set", "onPremises.network.idleTimeoutSeconds=300");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertEquals("", r.err());
        JsonNode doc = JSON.readTree(out.toFile());
        assertEquals("All", doc.at("/passwordReset/selfServiceScope").asText());
        assertTrue(doc.at("/passwordReset/writebackEnabled").booleanValue());
        assertEquals(300, doc.at("/onPremises/network/idleTimeoutSeconds").intValue());
        assertEquals("answers", doc.at("/provenance/facts/passwordReset.selfServiceScope/source").asText());
    }

    @Test
    void evaluateACollectionNamesMissingAnswersAsNotEvaluatedWithTheirSource() throws Exception {
        Cli.Result r = Cli.run("evaluate", "--format", "json", SAMPLE);
        assertEquals(ExitCodes.NOT_ELIGIBLE, r.exitCode(), r.err());
        JsonNode report = JSON.readTree(r.out());
        JsonNode sspr = check(report, "PWB-SSPR-001");
        assertEquals("NOT_EVALUATED", sspr.get("status").asText());
        assertEquals("passwordReset.selfServiceScope", sspr.at("/missing/0/path").asText());
        assertEquals("answers.json", sspr.at("/missing/0/source").asText());
        assertEquals("answer needed: no export gives it; state it in answers.json", sspr.at("/missing/0/reason").asText());
        JsonNode net = check(report, "PWB-NET-001");
        assertEquals("onprem/Test-NetConnection.json", net.at("/missing/0/source").asText());
        // Answer-only facts are never failed for being absent.
        for (String id : new String[] {"PWB-SSPR-003", "PWB-NET-003", "PWB-NET-004", "PWB-AD-008"}) {
            assertEquals("NOT_EVALUATED", check(report, id).get("status").asText(), id);
        }
        assertTrue(r.err().contains("graph/users.json: the collector says request failed: 403 Forbidden: needs User.Read.All"), r.err());
        try (InputStream in = getClass().getResourceAsStream("/schema/report.schema.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            assertEquals(java.util.Set.of(), schema.validate(report));
        }
    }

    @Test
    void evaluateAZipAndAnswersOnTheCommandLine() throws Exception {
        Path zip = zip(Path.of(SAMPLE), tmp.resolve("collection.zip"));
        Cli.Result r = Cli.run("evaluate", "--format", "json", zip.toString(), "--set", "passwordReset.selfServiceScope=All");
        JsonNode report = JSON.readTree(r.out());
        assertFalse("NOT_EVALUATED".equals(check(report, "PWB-SSPR-001").get("status").asText()), r.out());
        Cli.Result text = Cli.run("evaluate", zip.toString());
        // The answers still to give are asked among the next steps, with where to give them.
        assertTrue(text.out().contains("in answers.json, or with --set PATH=VALUE"), text.out());
    }

    @Test
    void anUnusableCollectionHasItsOwnExitCode() throws Exception {
        Path bad = tmp.resolve("broken.zip");
        Files.writeString(bad, "not a zip at all");
        Cli.Result r = Cli.run("import", bad.toString());
        assertEquals(ExitCodes.UNUSABLE_COLLECTION, r.exitCode());
        assertTrue(r.err().startsWith("preflight: unusable collection: " + bad + ": not a readable zip file"), r.err());
        Cli.Result e = Cli.run("evaluate", bad.toString());
        assertEquals(ExitCodes.UNUSABLE_COLLECTION, e.exitCode());
    }

    @Test
    void aBadAnswerOnTheCommandLineIsInvalidInput() {
        Cli.Result r = Cli.run("import", SAMPLE, "--set", "passwordReset.selfServiceScope=Sometimes");
        assertEquals(ExitCodes.INVALID, r.exitCode());
        assertTrue(r.err().contains("passwordReset.selfServiceScope"), r.err());
    }

    static Path zip(Path dir, Path zip) throws Exception {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out); Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                // As Windows PowerShell 5.1's Compress-Archive writes them: backslashes, under the folder's name.
                z.putNextEntry(new ZipEntry((dir.getFileName() + "/" + dir.relativize(f)).replace('/', '\\')));
                z.write(Files.readAllBytes(f));
                z.closeEntry();
            }
        }
        return zip;
    }
}
