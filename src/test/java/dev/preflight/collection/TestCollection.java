package dev.preflight.collection;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds test collections from the real examples copied under {@code src/test/resources/real}
 * (their SOURCES.md beside them): each collection file is a real example's bytes, as saved, or a
 * small text where the test says so.
 */
final class TestCollection {

    static final Path REAL = Path.of("src/test/resources/real");

    private final Map<String, byte[]> files = new LinkedHashMap<>();

    /** A collection file holding a real example's bytes ({@code onprem/ad/Get-ADForest.ps51.reconstructed.json}). */
    TestCollection real(String collectionPath, String example) {
        try {
            files.put(collectionPath, Files.readAllBytes(REAL.resolve(example)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A collection file holding UTF-8 text. */
    TestCollection text(String collectionPath, String text) {
        files.put(collectionPath, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** A collection file holding these bytes. */
    TestCollection bytes(String collectionPath, byte[] bytes) {
        files.put(collectionPath, bytes);
        return this;
    }

    TestCollection without(String collectionPath) {
        files.remove(collectionPath);
        return this;
    }

    /** The manifest of the shared examples' fictional servers: UTC+01:00, collected 2026-11-20T10:00:00Z. */
    TestCollection manifest(String errorsJson) {
        return text("manifest.json", "{\"collectedAt\": \"2026-11-20T11:00:00+01:00\", \"utcOffset\": \"+01:00\", "
                + "\"collector\": {\"name\": \"Collect-Preflight.ps1\", \"version\": \"1.0\"}, \"errors\": " + errorsJson + "}");
    }

    /** The on-premises half of the Fabrikam examples in Windows PowerShell 5.1's form (UTF-16 LE, \/Date()\/). */
    TestCollection onPremises51() {
        return real("onprem/Get-ADForest.json", "onprem/ad/Get-ADForest.ps51.reconstructed.json")
                .real("onprem/Get-ADDomain.json", "onprem/ad/Get-ADDomain.ps51.reconstructed.json")
                .real("onprem/Get-ADDomainController.corp.fabrikam.com.json", "onprem/ad/Get-ADDomainController.root.ps51.reconstructed.json")
                .real("onprem/Get-ADDomainController.emea.corp.fabrikam.com.json", "onprem/ad/Get-ADDomainController.child-single-dc.ps51.reconstructed.json")
                .real("onprem/Get-ADDefaultDomainPasswordPolicy.corp.fabrikam.com.json", "onprem/ad/Get-ADDefaultDomainPasswordPolicy.ps51.reconstructed.json")
                .real("onprem/Get-ADSyncConnector.json", "onprem/connect/Get-ADSyncConnector.flattened.depth-5.ps51.reconstructed.json")
                .real("onprem/Get-ADSyncScheduler.json", "onprem/connect/Get-ADSyncScheduler.ps51.reconstructed.json")
                .real("onprem/Get-ADSyncAADPasswordResetConfiguration.json", "onprem/connect/Get-ADSyncAADPasswordResetConfiguration.ps51.reconstructed.json")
                .real("onprem/Get-ADSyncRunProfileResult.json", "onprem/connect/Get-ADSyncRunProfileResult.ps51.reconstructed.json")
                .real("onprem/Get-ADSyncGlobalSettings.json", "onprem/connect/Get-ADSyncGlobalSettings.Parameters.select-name-value.ps51.reconstructed.json")
                .real("onprem/Get-ADSyncToolsTls12.json", "onprem/connect/Get-ADSyncToolsTls12.ps51.reconstructed.json")
                .real("onprem/connector-acl.corp.fabrikam.com.json", "onprem/connect/connector-account-acl.domain-root.ps51.reconstructed.json")
                .real("onprem/Get-WinEvent.json", "onprem/events/Get-WinEvent.select.ps51.reconstructed.json");
    }

    /** The same in PowerShell 7's form where the examples have one (UTF-8, ISO dates). */
    TestCollection onPremises7() {
        return onPremises51()
                .real("onprem/Get-ADForest.json", "onprem/ad/Get-ADForest.ps7.reconstructed.json")
                .real("onprem/Get-ADDomainController.corp.fabrikam.com.json", "onprem/ad/Get-ADDomainController.root.ps7.reconstructed.json")
                .real("onprem/Get-ADDefaultDomainPasswordPolicy.corp.fabrikam.com.json", "onprem/ad/Get-ADDefaultDomainPasswordPolicy.ps7.reconstructed.json")
                .real("onprem/Get-ADSyncRunProfileResult.json", "onprem/connect/Get-ADSyncRunProfileResult.ps7.reconstructed.json")
                .real("onprem/Get-WinEvent.json", "onprem/events/Get-WinEvent.select.ps7.reconstructed.json");
    }

    /** The cloud half: Microsoft's documented Graph responses, verbatim. */
    TestCollection graph() {
        return real("graph/organization.json", "graph/organization-list.json")
                .real("graph/subscribedSkus.json", "graph/subscribedskus-list.json")
                .real("graph/roleAssignments.json", "graph/roleassignments-list-expand-principal.json")
                .real("graph/userRegistrationDetails.json", "graph/userregistrationdetails-list.json")
                .real("graph/userCount.txt", "graph/users-count.txt")
                .text("graph/syncedUserCount.txt", "880");
    }

    CollectionFiles files() {
        return CollectionFiles.of("test", files);
    }

    ImportResult importIt() {
        return CollectionImporter.importCollection(files());
    }

    /** Writes the collection as a folder. */
    Path writeFolder(Path dir) throws IOException {
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.write(f, e.getValue());
        }
        return dir;
    }

    /** Writes the collection as a zip whose entries sit under {@code top/} when it is not null. */
    Path writeZip(Path zip, String top) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                z.putNextEntry(new ZipEntry(top == null ? e.getKey() : top + "/" + e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return zip;
    }
}
