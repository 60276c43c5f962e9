package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's wrong inputs, each with the exact command of the issue: none gives a confident wrong
 * answer; each is refused with its exit code and a line saying what it was given and what to do.
 */
class RefusedInputTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String COLLECTION = "samples/collection-ps51";

    @TempDir
    static Path tmp;

    static Path fleet;
    static Path results;

    @BeforeAll
    static void aFactsFileAndItsResults() throws Exception {
        fleet = tmp.resolve("fleet.jsonl");
        Cli.Result generated = Cli.run("generate", "--count", "5", "--seed", "7", "-o", fleet.toString());
        assertEquals(0, generated.exitCode(), generated.err());
        results = tmp.resolve("results.jsonl");
        Cli.Result batch = Cli.run("batch", fleet.toString(), "-o", results.toString());
        assertTrue(batch.exitCode() <= 2, batch.err());
    }

    static void assertRefused(Cli.Result r, int code, String... says) {
        assertEquals(code, r.exitCode(), r.err());
        assertEquals("", r.out(), "nothing on standard output");
        for (String s : says) {
            assertTrue(r.err().contains(s), "'" + s + "' in: " + r.err());
        }
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("preflight: ")).count(), "one line of error: " + r.err());
    }

    @Test
    void reportOfAFactsFileIsRefusedNamingTheFileAndLine() throws Exception {
        Path page = tmp.resolve("fleet.html");
        assertRefused(Cli.run("report", fleet.toString(), "-o", page.toString()), 3,
                fleet + ":1: a facts file (tenant facts, one per line), not batch results: run `batch` on it first");
        assertFalse(Files.exists(page), "no page written");
        assertRefused(Cli.run("report", fleet.toString()), 3, fleet + ":1: a facts file");
        // The batch's own results are read as before.
        assertEquals(0, Cli.run("report", results.toString(), "-o", page.toString()).exitCode());
    }

    @Test
    void diffOfAFactsFileAgainstResultsIsRefused() {
        assertRefused(Cli.run("diff", fleet.toString(), results.toString()), 3, fleet + ":1: a facts file", "run `batch`");
        assertRefused(Cli.run("diff", results.toString(), fleet.toString()), 3, fleet + ":1: a facts file");
    }

    @Test
    void aTenantFactsDocumentOrAManifestIsNotAReport() {
        assertRefused(Cli.run("report", "samples/healthy-hybrid.json"), 3,
                "samples/healthy-hybrid.json:1: a tenant-facts document, not a report: run `evaluate --format json` on it first");
        assertRefused(Cli.run("diff", "samples/healthy-hybrid.json", "samples/sspr-disabled.json"), 3, "a tenant-facts document");
        assertRefused(Cli.run("report", COLLECTION + "/manifest.json"), 3, "a collection's manifest.json, not a report: run `evaluate` on the collection");
    }

    @Test
    void aFactsRecordAmongResultsIsRefusedAtItsLine() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(results));
        lines.add(2, Files.readAllLines(fleet).get(0));
        Path mixed = Files.write(tmp.resolve("mixed.jsonl"), lines);
        assertRefused(Cli.run("report", mixed.toString(), "-o", tmp.resolve("mixed.html").toString()), 3, mixed + ":3: ");
    }

    @Test
    void aMistypedSetPathIsAUsageErrorNamingTheNearestValidPath() {
        assertRefused(Cli.run("evaluate", COLLECTION, "--set", "paswordReset.selfServiceScope=All"), 64,
                "\"paswordReset\" is not a field of the facts; did you mean passwordReset.selfServiceScope?");
        assertRefused(Cli.run("import", COLLECTION, "--set", "passwordReset.selfServiceScop=All"), 64, "did you mean passwordReset.selfServiceScope?");
        assertRefused(Cli.run("evaluate", COLLECTION, "--set", "forests[name=corp.fabrikam.com].addedAfterWritebackEnabled=false"), 64,
                "did you mean onPremises.forests[name=corp.fabrikam.com].addedAfterWritebackEnabled?");
    }

    @Test
    void aUserByPositionIsRefusedInsteadOfCreatingAUserNamedZero() {
        assertRefused(Cli.run("evaluate", COLLECTION, "--set", "users[0].purpose=[\"testUser\"]"), 64,
                "users[0] is a position in a list", "users[upn=");
        assertRefused(Cli.run("import", COLLECTION, "--set", "users[0].purpose=testUser"), 64, "users[0] is a position");
    }

    static JsonNode imported(String... set) throws Exception {
        List<String> args = new ArrayList<>(List.of("import", COLLECTION));
        for (String s : set) {
            args.add("--set");
            args.add(s);
        }
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        return JSON.readTree(r.out());
    }

    static JsonNode user(JsonNode facts, String upn) {
        for (JsonNode u : facts.path("users")) {
            if (upn.equalsIgnoreCase(u.path("userPrincipalName").asText())) {
                return u;
            }
        }
        throw new AssertionError(upn + " not among " + facts.path("users"));
    }

    @Test
    void usersAndForestsAreAddressedAsTheReportNamesThemAndListsNeedNoInnerQuotes() throws Exception {
        JsonNode facts = imported("users[upn=pwtest2@fabrikam.com].purpose=testUser,writebackAdmin",
                "onPremises.forests[name=corp.fabrikam.com].addedAfterWritebackEnabled=false");
        assertEquals(JSON.readTree("[\"testUser\",\"writebackAdmin\"]"), user(facts, "pwtest2@fabrikam.com").get("purpose"));
        assertEquals(1, facts.at("/onPremises/forests").size(), "the forest named, not a new one");
        assertEquals(false, facts.at("/onPremises/forests/0/addedAfterWritebackEnabled").asBoolean(true));
        // The same list as bash passes '["testUser"]', and as Windows PowerShell 5.1 passes it (inner quotes stripped).
        for (String value : List.of("[\"testUser\"]", "[testUser]", "testUser")) {
            assertEquals(JSON.readTree("[\"testUser\"]"), user(imported("users[upn=pwtest2@fabrikam.com].purpose=" + value), "pwtest2@fabrikam.com").get("purpose"), value);
        }
        // A user whose UPN was not exported (the report names it by display name) by its object id, as the answers template names it.
        JsonNode byId = imported("users[id=ace08ec9-aa11-4ada-9145-addf0398233e].purpose=testUser");
        assertEquals(3, byId.path("users").size(), "the user named, not a new one: " + byId.path("users"));
        for (JsonNode u : byId.path("users")) {
            boolean joey = u.path("id").asText().equals("ace08ec9-aa11-4ada-9145-addf0398233e");
            assertEquals(joey ? "[\"testUser\"]" : "null", String.valueOf(u.get("purpose")), u.toString());
        }
        assertRefused(Cli.run("import", COLLECTION, "--set", "users[upn=pwtest2@fabrikam.com].purpose=tester"), 3, "tester");
        assertRefused(Cli.run("import", COLLECTION, "--set", "onPremises.network.idleTimeoutSeconds=soon"), 3, "expected a number");
    }

    @Test
    void setOnAFactsDocumentIsRefusedRatherThanIgnored() {
        assertRefused(Cli.run("evaluate", "samples/healthy-hybrid.json", "--set", "passwordReset.selfServiceScope=All"), 64,
                "--answers and --set apply to a collection");
    }

    @Test
    void aFolderThatIsNotACollectionGetsAHintNotAnOutputError() {
        assertRefused(Cli.run("evaluate", "samples/"), 65,
                "samples/: a folder, but not a collection (no manifest.json, graph/ or onprem/)", "did you mean `batch samples/`?");
        assertRefused(Cli.run("import", "samples"), 65, "did you mean `batch samples`?");
    }

    @Test
    void aCollectionOfTwoTenantsIsRefusedNamingBothIdsAndFiles() throws Exception {
        Path copy = dev.preflight.engine.RulesDirs.copyTree(Path.of(COLLECTION), tmp.resolve("two-tenants"));
        JsonNode manifest = readAnyEncoding(copy.resolve("manifest.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) manifest).put("tenantId", "11111111-2222-3333-4444-555555555555");
        Files.writeString(copy.resolve("manifest.json"), manifest.toString(), StandardCharsets.UTF_8);
        String orgId = readAnyEncoding(copy.resolve("graph/organization.json")).at("/value/0/id").asText();
        assertRefused(Cli.run("evaluate", copy.toString()), 65, "files of two different tenants",
                "manifest.json names tenant 11111111-2222-3333-4444-555555555555", "graph/organization.json names tenant " + orgId);
    }

    /** A JSON file as Windows PowerShell 5.1 writes it (UTF-16 with a byte-order mark) or UTF-8. */
    static JsonNode readAnyEncoding(Path file) throws Exception {
        byte[] b = Files.readAllBytes(file);
        String text;
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            text = new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        } else if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            text = new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
        } else {
            text = new String(b, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "");
        }
        return JSON.readTree(text);
    }

    @Test
    void parserMessagesNameNoLibraryInternals() throws Exception {
        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken.resolve("graph"));
        Files.writeString(broken.resolve("manifest.json"), "{\"collectedAt\": \"2026-11-20T10:00:00Z\"}");
        Files.writeString(broken.resolve("graph/organization.json"), "{\"value\": [");
        Cli.Result r = Cli.run("evaluate", broken.toString());
        assertTrue(r.err().contains("graph/organization.json line 1 column 12: JSON syntax error: Unexpected end-of-input: expected close marker for Array (opened at line 1, column 11)"), r.err());
        for (String internal : List.of("Source:", "REDACTED", "StreamReadFeature", "INCLUDE_SOURCE_IN_LOCATION")) {
            assertFalse(r.err().contains(internal), internal + " in: " + r.err());
        }
        Path facts = Files.writeString(tmp.resolve("broken.json"), "{\"users\": [");
        Cli.Result f = Cli.run("evaluate", facts.toString());
        assertEquals(3, f.exitCode());
        assertFalse(f.err().contains("Source:") || f.err().contains("StreamReadFeature"), f.err());
        Path results = Files.writeString(tmp.resolve("broken.jsonl"), "{\"verdict\": [");
        Cli.Result g = Cli.run("report", results.toString());
        assertEquals(3, g.exitCode());
        assertFalse(g.err().contains("Source:") || g.err().contains("StreamReadFeature"), g.err());
    }
}
