package dev.preflight.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input, named: each problem names the file, the line and column where there is one, and the fact; the rest imports. */
class BadCollectionTest {

    private static Diagnostic only(ImportResult r, String file) {
        return r.diagnostics().stream().filter(d -> file.equals(d.file())).findFirst()
                .orElseThrow(() -> new AssertionError("no diagnostic for " + file + ": " + r.diagnostics()));
    }

    /** The rest of the collection still imports. */
    private static void restImports(ImportResult r) {
        assertEquals("Windows2008R2Forest", r.document().at("/onPremises/forests/0/forestMode").asText(), r.summary());
        assertEquals("2.5.79.0", r.document().at("/onPremises/connect/version").asText());
    }

    @Test
    void aFileInAnotherEncodingIsNamed() {
        byte[] latin1 = "[{\"Name\": \"Microsoft.Synchronize.ServerConfigurationVersion\", \"Value\": \"2.5.79.0 – é\"}]".getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf32 = "{\"Enabled\": true}".getBytes(java.nio.charset.Charset.forName("UTF-32LE"));
        byte[] withBom = new byte[utf32.length + 4];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(utf32, 0, withBom, 4, utf32.length);
        ImportResult r = CollectionImporterTest.full51().bytes("onprem/Get-ADSyncScheduler.json", latin1)
                .bytes("onprem/Get-ADSyncAADPasswordResetConfiguration.json", withBom).importIt();
        Diagnostic d = only(r, "onprem/Get-ADSyncScheduler.json");
        assertTrue(d.message().startsWith("unknown encoding: not UTF-8"), d.message());
        assertEquals("onPremises.connect.stagingMode", d.fact());
        assertTrue(only(r, "onprem/Get-ADSyncAADPasswordResetConfiguration.json").message().startsWith("unknown encoding: UTF-32"));
        assertTrue(r.missing().get("onPremises.connect.passwordWritebackEnabled").asText().contains("unknown encoding"));
        restImports(r);
    }

    @Test
    void everyAcceptedEncodingReadsTheSame() {
        String json = "{\r\n    \"StagingModeEnabled\":  true\r\n}";
        for (java.nio.charset.Charset cs : new java.nio.charset.Charset[] {StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE}) {
            for (boolean bom : new boolean[] {true, false}) {
                byte[] body = (bom ? "\uFEFF" + json : json).getBytes(cs);
                ImportResult r = CollectionImporterTest.full51().bytes("onprem/Get-ADSyncScheduler.json", body).importIt();
                assertTrue(r.document().at("/onPremises/connect/stagingMode").booleanValue(), cs + " bom=" + bom + " " + r.summary());
            }
        }
    }

    @Test
    void aJsonSyntaxErrorNamesTheLineAndColumn() {
        // The Entra how-to's domain example, with its inline "<----" comment: not JSON.
        ImportResult r = CollectionImporterTest.full51().real("graph/domains.json", "graph/domain-get-federated-subdomain.txt").importIt();
        Diagnostic d = only(r, "graph/domains.json");
        assertEquals(8, d.line());
        assertTrue(d.column() > 20, "column " + d.column());
        assertTrue(d.message().startsWith("JSON syntax error: Unexpected character ('<'"), d.message());
        assertEquals("users[].federated", d.fact());
        assertTrue(r.missing().get("users[0].federated").asText().startsWith("graph/domains.json: JSON syntax error"), r.missing().toString());
        restImports(r);
    }

    @Test
    void anObjectWhereAListIsNeededIsNamed() {
        ImportResult r = CollectionImporterTest.full51().text("graph/subscribedSkus.json",
                "{\n  \"value\": {\"skuId\": \"c7df2760-2c81-4ef7-b578-5b5392b571df\"}\n}").importIt();
        Diagnostic d = only(r, "graph/subscribedSkus.json");
        assertEquals(2, d.line());
        assertEquals(12, d.column());
        assertEquals("value: expected a list (a JSON array) in value, found an object", d.message());
        assertEquals("subscribedSkus", d.fact());
        restImports(r);
    }

    @Test
    void anUnknownEnumIntegerIsNamed() {
        byte[] forest = TextFiles.replaceUtf16(TestCollection.REAL.resolve("onprem/ad/Get-ADForest.ps51.reconstructed.json"), "\"ForestMode\":  4", "\"ForestMode\":  8");
        ImportResult r = CollectionImporterTest.full51().bytes("onprem/Get-ADForest.json", forest).importIt();
        Diagnostic d = only(r, "onprem/Get-ADForest.json");
        assertEquals(15, d.line());
        assertEquals(20, d.column());
        assertTrue(d.message().startsWith("ForestMode: unknown ADForestMode value 8 (known: 0 Windows2000Forest,"), d.message());
        assertEquals("onPremises.forests[].forestMode", d.fact());
        assertTrue(r.document().at("/onPremises/forests/0/forestMode").isMissingNode());
        assertTrue(r.missing().get("onPremises.forests[0].forestMode").asText().startsWith("unrecognised value: onprem/Get-ADForest.json"));
        assertEquals(2, r.document().at("/onPremises/forests/0/domains").size(), "the forest's other facts import");
    }

    @Test
    void aTimeSpanTruncatedToTextStillReadsAndATypeNameIsATruncation() {
        ImportResult r = CollectionImporterTest.full51().text("onprem/Get-ADDefaultDomainPasswordPolicy.corp.fabrikam.com.json",
                "{\"DistinguishedName\": \"DC=corp,DC=fabrikam,DC=com\", \"MinPasswordAge\": \"0.12:00:00\"}").importIt();
        assertEquals(1, r.document().at("/onPremises/forests/0/domains/0/minPasswordAgeDays").intValue(), "12 hours round up to 1 day");
        ImportResult t = CollectionImporterTest.full51().text("onprem/Get-ADDefaultDomainPasswordPolicy.corp.fabrikam.com.json",
                "{\"DistinguishedName\": \"DC=corp,DC=fabrikam,DC=com\", \"MinPasswordAge\": \"System.Collections.Hashtable\"}").importIt();
        Diagnostic d = only(t, "onprem/Get-ADDefaultDomainPasswordPolicy.corp.fabrikam.com.json");
        assertTrue(d.message().startsWith("MinPasswordAge: expected a TimeSpan"), d.message());
    }

    @Test
    void aScopeThatDisagreesWithTheContentsIsAConflict() {
        ImportResult r = CollectionImporterTest.full51()
                .real("onprem/Get-ADDomainController.emea.corp.fabrikam.com.json", "onprem/ad/Get-ADDomainController.root.ps51.reconstructed.json")
                .without("onprem/Get-ADDomainController.corp.fabrikam.com.json").importIt();
        assertEquals("conflict: onprem/Get-ADDomainController.emea.corp.fabrikam.com.json is named for emea.corp.fabrikam.com but describes corp.fabrikam.com",
                r.missing().get("onPremises.forests[0].domains[0].domainControllers").asText());
    }

    @Test
    void anInvalidAnswersFileIsNamedAndTheExportsStillImport() {
        ImportResult r = CollectionImporterTest.full51().text("answers.json", "{\n  \"passwordReset\": {\"selfServiceScope\": \"Some\"}\n}").importIt();
        Diagnostic d = only(r, "answers.json");
        assertEquals(2, d.line());
        assertEquals("passwordReset.selfServiceScope", d.fact());
        assertTrue(d.message().endsWith("answers.json not used"), d.message());
        restImports(r);
    }

    @Test
    void zipsThatLeaveTheCollectionOrExplodeAreRefused(@TempDir Path tmp) throws Exception {
        Path evil = zip(tmp.resolve("evil.zip"), "../../etc/cron.d/x", "x".getBytes(StandardCharsets.UTF_8));
        UnusableCollectionException e = assertThrows(UnusableCollectionException.class, () -> CollectionFiles.open(evil));
        assertTrue(e.getMessage().endsWith("entry \"../../etc/cron.d/x\" points outside the collection; refused"), e.getMessage());
        Path absolute = zip(tmp.resolve("abs.zip"), "/graph/users.json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThrows(UnusableCollectionException.class, () -> CollectionFiles.open(absolute));
        Path windows = zip(tmp.resolve("win.zip"), "..\\graph\\users.json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThrows(UnusableCollectionException.class, () -> CollectionFiles.open(windows));

        Path bomb = zip(tmp.resolve("bomb.zip"), "graph/users.json", new byte[(int) CollectionFiles.MAX_ENTRY_BYTES + 10]);
        assertTrue(Files.size(bomb) < 100_000, "a bomb: small on disk");
        UnusableCollectionException b = assertThrows(UnusableCollectionException.class, () -> CollectionFiles.open(bomb));
        assertTrue(b.getMessage().contains("unpacks to more than 16 MiB; refused"), b.getMessage());

        Path ratio = zip(tmp.resolve("ratio.zip"), "graph/users.json", new byte[4 * 1024 * 1024]);
        UnusableCollectionException q = assertThrows(UnusableCollectionException.class, () -> CollectionFiles.open(ratio));
        assertTrue(q.getMessage().contains("to 1 (more than 200 to 1): a decompression bomb? refused"), q.getMessage());

        Path notZip = tmp.resolve("notes.zip");
        Files.writeString(notZip, "this is not a zip");
        UnusableCollectionException n = assertThrows(UnusableCollectionException.class, () -> CollectionFiles.open(notZip));
        assertTrue(n.getMessage().contains("not a readable zip file"), n.getMessage());
    }

    @Test
    void aZipOfNothingTheImporterKnowsIsUnusable(@TempDir Path tmp) throws Exception {
        Path z = zip(tmp.resolve("photos.zip"), "holiday.jpg", new byte[] {1, 2, 3});
        UnusableCollectionException e = assertThrows(UnusableCollectionException.class,
                () -> CollectionImporter.importCollection(CollectionFiles.open(z)));
        assertTrue(e.getMessage().contains("not a collection"), e.getMessage());
    }

    @Test
    void windowsPowerShellZipsWithBackslashesRead(@TempDir Path tmp) throws Exception {
        Path z = zip(tmp.resolve("c.zip"), "onprem\\Get-ADSyncScheduler.json", "{\"StagingModeEnabled\": true}".getBytes(StandardCharsets.UTF_8));
        ImportResult r = CollectionImporter.importCollection(CollectionFiles.open(z));
        assertTrue(r.document().at("/onPremises/connect/stagingMode").booleanValue(), r.summary());
    }

    private static Path zip(Path file, String entry, byte[] content) throws Exception {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(out)) {
            z.setLevel(9);
            z.putNextEntry(new ZipEntry(entry));
            z.write(content);
            z.closeEntry();
        }
        return file;
    }
}
