package dev.preflight.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.preflight.api.FactsReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzzers' findings in the importer ("Hardened by a fuzzer", "Collections must not read
 * outside themselves"), each from its minimized input: every one used to end in exit 70 (or 74),
 * a value turned into a finding, or a file read from outside the collection. Now each is a
 * problem named in its file while the rest imports, or the collection is refused.
 */
class FuzzFindingsTest {

    private static Diagnostic named(ImportResult r, String file) {
        return r.diagnostics().stream().filter(d -> file.equals(d.file())).findFirst()
                .orElseThrow(() -> new AssertionError("no diagnostic for " + file + ": " + r.diagnostics()));
    }

    /** What was imported still reads as facts, and the rest of the collection is there. */
    private static void restImports(ImportResult r) {
        FactsReader.read(r.toJson(), "the imported facts");
        assertEquals("Windows2008R2Forest", r.document().at("/onPremises/forests/0/forestMode").asText(), r.summary());
    }

    @Test
    void aNumberWithAnExponentNoDecimalHoldsIsASyntaxErrorInItsFile() {
        ImportResult r = CollectionImporterTest.full51().text("manifest.json", "{\"collectedAt\": 1e2147483648}").importIt();
        Diagnostic d = named(r, "manifest.json");
        assertEquals(1, d.line());
        assertTrue(d.message().contains("1e2147483648 is out of range"), d.message());
        restImports(r);
    }

    @Test
    void theImportersOwnErrorInAConnectorFileIsThatFilesProblem() {
        ImportResult r = CollectionImporterTest.full51().text("onprem/Get-ADSyncConnector.json", "[{\"Name\": 5, \"Type\": {\"a\": 1}}]").importIt();
        Diagnostic d = named(r, "onprem/Get-ADSyncConnector.json");
        assertEquals(1, d.line());
        assertTrue(d.message().contains("[0].Type: expected a string"), d.message());
        restImports(r);
    }

    @Test
    void aRoleDefinitionOfTheWrongShapeLeavesTheOtherRolesNamed() {
        ImportResult r = CollectionImporterTest.full51()
                .text("graph/roleDefinitions.json", "{\"value\": [{\"displayName\": {\"a\": 1}, \"id\": \"x\"}]}").importIt();
        assertTrue(named(r, "graph/roleDefinitions.json").message().contains("displayName"), r.summary());
        restImports(r);
    }

    @Test
    void answersInBytesTheirByteOrderMarkDoesNotDescribeAreNamed() {
        byte[] badUtf32 = {0, 0, (byte) 0xFE, (byte) 0xFF, 0x62, (byte) 0xFF, 0, 0};
        ImportResult r = CollectionImporterTest.full51().bytes("answers.json", badUtf32).importIt();
        Diagnostic d = named(r, "answers.json");
        assertTrue(d.message().contains("not valid UTF-8 or UTF-16") && d.message().endsWith("answers.json not used"), d.message());
        restImports(r);
    }

    @Test
    void aTimeSpanOrADatePastWhatALongHoldsIsNamed() {
        ImportResult r = CollectionImporterTest.full51()
                .text("onprem/Get-ADDefaultDomainPasswordPolicy.corp.fabrikam.com.json",
                        "{\"DistinguishedName\": \"DC=corp,DC=fabrikam,DC=com\", \"MinPasswordAge\": \"99999999999999999999.00:00:00\"}")
                .text("onprem/Get-ADSyncRunProfileResult.json",
                        "[{\"ConnectorName\": \"corp.fabrikam.com\", \"RunProfileName\": \"Full Import\", \"Result\": \"success\","
                                + " \"StartDate\": \"/Date(99999999999999999999)/\", \"EndDate\": \"/Date(99999999999999999999)/\"}]")
                .importIt();
        assertTrue(named(r, "onprem/Get-ADDefaultDomainPasswordPolicy.corp.fabrikam.com.json").message().contains("out of range"), r.summary());
        assertTrue(r.document().at("/onPremises/forests/0/domains/0/minPasswordAgeDays").isMissingNode(), r.summary());
        assertTrue(named(r, "onprem/Get-ADSyncRunProfileResult.json").message().contains("out of range"), r.summary());
        restImports(r);
    }

    @Test
    void aDomainControllerWhoseFieldsCannotBeReadKeepsThemAbsentTogether() {
        ImportResult r = CollectionImporterTest.full51()
                .text("onprem/Get-ADDomainController.corp.fabrikam.com.json", "["
                        + "{\"Domain\": \"corp.fabrikam.com\", \"HostName\": {\"a\": 1}, \"OperatingSystem\": \"Windows Server 2008 R2 Standard\","
                        + " \"OperatingSystemServicePack\": {\"Major\": 1}, \"IsReadOnly\": false},"
                        + "{\"Domain\": \"corp.fabrikam.com\", \"HostName\": \"dc2.corp.fabrikam.com\", \"OperatingSystem\": \"Windows Server 2019 Standard\"}]")
                .without("onprem/Get-ADDomainController.emea.corp.fabrikam.com.json")
                .importIt();
        JsonNode dcs = r.document().at("/onPremises/forests/0/domains/0/domainControllers");
        assertEquals(2, dcs.size(), r.summary());
        // Neither the system nor its service pack: never "Windows Server 2008 R2 without a service pack".
        assertFalse(dcs.get(0).has("operatingSystem"), dcs.toString());
        assertFalse(dcs.get(0).has("operatingSystemServicePack"), dcs.toString());
        assertFalse(dcs.get(0).path("hostName").isTextual(), dcs.toString());
        assertEquals(false, dcs.get(0).get("isReadOnly").asBoolean(true));
        assertEquals("dc2.corp.fabrikam.com", dcs.get(1).get("hostName").asText());
        assertTrue(r.diagnostics().stream().filter(d -> "onprem/Get-ADDomainController.corp.fabrikam.com.json".equals(d.file())).count() >= 2, r.summary());
        restImports(r);
    }

    @Test
    void valuesTheSchemaRefusesAreLeftAbsentWithTheirReason() {
        ImportResult r = CollectionImporterTest.full51().graph()
                .text("graph/userCount.txt", "2147483648").text("graph/syncedUserCount.txt", "0")
                .text("onprem/Get-ADSyncGlobalSettings.json", "[{\"Name\": \"Microsoft.Synchronize.ServerConfigurationVersion\", \"Value\": \"2.x\"}]")
                .importIt();
        FactsReader.read(r.toJson(), "the imported facts");
        assertTrue(r.document().at("/tenant/cloudOnlyUserCount").isMissingNode(), r.summary());
        assertTrue(r.missing().get("tenant.cloudOnlyUserCount").asText().startsWith("invalid value in graph/userCount.txt"), r.summary());
        assertTrue(r.document().at("/onPremises/connect/version").isMissingNode(), r.summary());
        assertTrue(r.missing().get("onPremises.connect.version").asText().contains("2.x"), r.summary());
        assertEquals("onprem/Get-ADSyncGlobalSettings.json", r.diagnostics().stream()
                .filter(d -> "onPremises.connect.version".equals(d.fact()) && d.message().endsWith("left absent")).findFirst().orElseThrow().file());
    }

    @Test
    void overlongUtf8InACollectionFileIsRefusedNotReadAsASlash() {
        byte[] overlong = "{\"collectedAt\": \"2026-11-20T11:00:00+01:00\", \"tenantId\": \"a\u0000b\"}".getBytes(StandardCharsets.UTF_8);
        int nul = new String(overlong, StandardCharsets.UTF_8).indexOf('\u0000');
        byte[] bytes = new byte[overlong.length + 1];
        System.arraycopy(overlong, 0, bytes, 0, nul);
        bytes[nul] = (byte) 0xC0;
        bytes[nul + 1] = (byte) 0xAF;
        System.arraycopy(overlong, nul + 1, bytes, nul + 2, overlong.length - nul - 1);
        ImportResult r = CollectionImporterTest.full51().bytes("manifest.json", bytes).importIt();
        assertTrue(named(r, "manifest.json").message().startsWith("unknown encoding: not UTF-8"), r.summary());
        assertFalse(r.document().at("/tenant/tenantId").asText().contains("/"), r.summary());
    }

    @Test
    void aLinkToAFileOutsideTheCollectionIsRefused(@TempDir Path tmp) throws Exception {
        Path outside = Files.writeString(tmp.resolve("secret.json"), "{\"passwordReset\": {\"selfServiceScope\": \"All\"}}");
        Path dir = CollectionImporterTest.full51().writeFolder(tmp.resolve("answers-link"));
        Files.createSymbolicLink(dir.resolve("answers.json"), outside);
        UnusableCollectionException e = assertThrows(UnusableCollectionException.class, () -> CollectionFiles.open(dir));
        assertEquals(dir + ": answers.json is a link to " + outside.toRealPath() + ", outside the collection; refused", e.getMessage());

        Path environ = CollectionImporterTest.full51().writeFolder(tmp.resolve("environ-link"));
        Files.createSymbolicLink(environ.resolve("onprem/server.json"), Path.of("/proc/self/environ"));
        e = assertThrows(UnusableCollectionException.class, () -> CollectionFiles.open(environ));
        assertTrue(e.getMessage().startsWith(environ + ": onprem/server.json is a link to /proc/"), e.getMessage());
        assertFalse(e.getMessage().contains("PATH="));
    }

    @Test
    void aLinkInsideTheCollectionAndALinkedRootAreRead(@TempDir Path tmp) throws Exception {
        Path dir = CollectionImporterTest.full51().writeFolder(tmp.resolve("real"));
        Files.move(dir.resolve("onprem/Get-ADForest.json"), dir.resolve("forest.json"));
        Files.createSymbolicLink(dir.resolve("onprem/Get-ADForest.json"), Path.of("../forest.json"));
        Path root = Files.createSymbolicLink(tmp.resolve("linked"), dir);
        assertTrue(CollectionFiles.isCollection(root));
        ImportResult r = CollectionImporter.importCollection(CollectionFiles.open(root));
        restImports(r);
        assertTrue(r.filesRead().contains("onprem/Get-ADForest.json"), r.summary());
    }
}
