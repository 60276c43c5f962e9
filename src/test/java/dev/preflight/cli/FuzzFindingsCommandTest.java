package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzzers' findings at the command line, each from its minimized input, with its documented
 * exit code and a one-line message naming the file (they used to be 70 or 74, or two lines).
 */
class FuzzFindingsCommandTest {

    private static void oneLine(Cli.Result r, int exit, String names) {
        assertEquals(exit, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(names), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void factsInBytesTheirByteOrderMarkDoesNotDescribeAreInvalidInputNotAnIoError(@TempDir Path tmp) throws Exception {
        Path f = Files.write(tmp.resolve("utf32.json"), new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF, 0x62, (byte) 0xFF, 0, 0});
        oneLine(Cli.run("evaluate", f.toString()), 3, "utf32.json");
    }

    @Test
    void overlongUtf8IsRefusedNotReadAsASlash(@TempDir Path tmp) throws Exception {
        byte[] b = "{\"schemaVersion\": 1, \"tenant\": {\"displayName\": \"a__b\"}}".getBytes(StandardCharsets.US_ASCII);
        int at = new String(b, StandardCharsets.US_ASCII).indexOf("__");
        b[at] = (byte) 0xC0;
        b[at + 1] = (byte) 0xAF;
        Cli.Result r = Cli.run("evaluate", Files.write(tmp.resolve("overlong.json"), b).toString());
        oneLine(r, 3, "overlong.json:1:");
        assertTrue(r.err().contains("not valid UTF-8"), r.err());
    }

    @Test
    void malformedOrCutResultsAreExit3InOneLine(@TempDir Path tmp) throws Exception {
        String good = Cli.run("evaluate", "--format", "json", "samples/short-idle-timeout.json").out().replace("\n", " ");
        Path noArea = Files.writeString(tmp.resolve("no-area.jsonl"), good.replaceAll("\"area\"\\s*:\\s*\"[^\"]*\",", "") + "\n");
        oneLine(Cli.run("report", noArea.toString(), "-o", tmp.resolve("fleet.html").toString()), 3, "no-area.jsonl:1");
        Path broken = Files.writeString(tmp.resolve("broken.jsonl"), good + "\n" + good.substring(0, good.length() / 2) + "\n");
        oneLine(Cli.run("diff", noArea.toString().replace("no-area", "broken"), broken.toString()), 3, "broken.jsonl");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(good.getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = gz.toByteArray();
        Path cut = Files.write(tmp.resolve("cut.jsonl.gz"), Arrays.copyOf(all, all.length / 2));
        Cli.Result r = Cli.run("report", cut.toString(), "-o", tmp.resolve("fleet2.html").toString());
        oneLine(r, 3, "cut.jsonl.gz");
        assertTrue(r.err().contains("truncated or corrupt gzip"), r.err());
        assertFalse(r.err().contains("null"), r.err());
    }

    @Test
    void utf16WaiversAreReadAndAFolderIsNamedAsOne(@TempDir Path tmp) throws Exception {
        String yaml = Files.readString(Path.of("samples/waivers.yaml"));
        byte[] body = yaml.getBytes(StandardCharsets.UTF_16LE);
        byte[] utf16 = new byte[body.length + 2];
        utf16[0] = (byte) 0xFF;
        utf16[1] = (byte) 0xFE;
        System.arraycopy(body, 0, utf16, 2, body.length);
        Path w = Files.write(tmp.resolve("waivers.yaml"), utf16);
        Cli.Result utf8 = Cli.run("evaluate", "--format", "json", "--waivers", "samples/waivers.yaml", "samples/legacy-forest-2008r2.json");
        Cli.Result r = Cli.run("evaluate", "--format", "json", "--waivers", w.toString(), "samples/legacy-forest-2008r2.json");
        assertEquals(utf8.exitCode(), r.exitCode(), r.err());
        assertTrue(r.out().contains("\"waived\""), r.out());
        Cli.Result dir = Cli.run("evaluate", "--waivers", tmp.toString(), "samples/legacy-forest-2008r2.json");
        oneLine(dir, 66, "is a folder");
    }

    @Test
    void aLinkOutOfACollectionIsRefusedWithExit65(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("collection/onprem"));
        Files.writeString(tmp.resolve("collection/manifest.json"), "{\"collectedAt\": \"2026-11-20T11:00:00+01:00\"}");
        Files.createSymbolicLink(dir.resolve("server.json"), Path.of("/proc/self/environ"));
        Cli.Result r = Cli.run("evaluate", tmp.resolve("collection").toString());
        oneLine(r, 65, "onprem/server.json is a link to /proc/");
        assertFalse(r.err().contains("PATH="), r.err());
    }

    /** The sample collection copied into {@code dir}, to be spoilt file by file. */
    private static Path sampleCollection(Path dir) {
        return dev.preflight.engine.RulesDirs.copyTree(Path.of("samples/collection-ps51"), dir);
    }

    @Test
    void aCollectionWithEveryFileFindingImportsTheRestWithAVerdictAndALineEach(@TempDir Path tmp) throws Exception {
        Cli.Result clean = Cli.run("evaluate", "--format", "json", sampleCollection(tmp.resolve("clean")).toString());
        Path c = sampleCollection(tmp.resolve("spoilt"));
        Path onprem = c.resolve("onprem");
        // "Collections must not read outside themselves": each of these used to end in exit 70 or
        // made the whole collection exit 3; "Hardened by a fuzzer": the huge exponent in a Graph file.
        Files.writeString(onprem.resolve("Get-ADDefaultDomainPasswordPolicy.corp.fabrikam.com.json"),
                "{\"DistinguishedName\": \"DC=corp,DC=fabrikam,DC=com\", \"MinPasswordAge\": \"99999999999999999999.00:00:00\"}");
        Files.writeString(onprem.resolve("Get-ADSyncRunProfileResult.json"), "[{\"ConnectorName\": \"corp.fabrikam.com\", \"RunProfileName\": \"Full Import\","
                + " \"Result\": \"success\", \"StartDate\": \"/Date(99999999999999999999)/\", \"EndDate\": \"/Date(99999999999999999999)/\"}]");
        Files.writeString(onprem.resolve("Get-ADDomainController.corp.fabrikam.com.json"), "[{\"Domain\": \"corp.fabrikam.com\", \"HostName\": {\"a\": 1},"
                + " \"OperatingSystem\": \"Windows Server 2008 R2 Standard\", \"OperatingSystemServicePack\": {\"Major\": 1}, \"IsReadOnly\": false}]");
        Files.writeString(onprem.resolve("Get-ADSyncGlobalSettings.json"),
                "[{\"Name\": \"Microsoft.Synchronize.ServerConfigurationVersion\", \"Value\": \"2.x\"}]");
        Files.writeString(c.resolve("graph/userCount.txt"), "2147483648");
        Files.writeString(c.resolve("graph/syncedUserCount.txt"), "0");
        Path skus = c.resolve("graph/subscribedSkus.json");
        Files.writeString(skus, Files.readString(skus).replaceFirst("\"enabled\": 25", "\"enabled\": -1"));
        Path org = c.resolve("graph/organization.json");
        Files.writeString(org, Files.readString(org).replaceFirst("\"deletedDateTime\": null", "\"deletedDateTime\": 1e2147483648"));

        Cli.Result r = Cli.run("evaluate", "--format", "json", c.toString());
        // A verdict, as for the clean sample (not 3 for the whole collection, never 70).
        assertEquals(clean.exitCode(), r.exitCode(), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("internal error"), r.err());
        for (String line : r.err().strip().lines().toList()) {
            assertTrue(line.startsWith("preflight: " + c + ": "), line);
        }
        for (String file : java.util.List.of("Get-ADDefaultDomainPasswordPolicy.corp.fabrikam.com.json", "Get-ADSyncRunProfileResult.json",
                "Get-ADDomainController.corp.fabrikam.com.json", "Get-ADSyncGlobalSettings.json", "graph/userCount.txt", "graph/subscribedSkus.json",
                "graph/organization.json")) {
            assertTrue(r.err().contains(file), file + " not named:\n" + r.err());
        }
        // The controller whose service pack could not be read is not reported "without a service pack".
        assertFalse(r.out().contains("Windows Server 2008 R2 Standard without a service pack"), r.out());
    }

    @Test
    void aLinkedAnswersFileIsRefusedAndALinkedRootIsRead(@TempDir Path tmp) throws Exception {
        Path c = sampleCollection(tmp.resolve("collection"));
        Cli.Result direct = Cli.run("evaluate", "--format", "json", c.toString());
        Path root = Files.createSymbolicLink(tmp.resolve("linked"), c);
        Cli.Result linked = Cli.run("evaluate", "--format", "json", root.toString());
        assertEquals(direct.exitCode(), linked.exitCode(), linked.err());
        assertTrue(direct.exitCode() <= 2, direct.err());

        Path outside = Files.writeString(tmp.resolve("elsewhere.json"), "{\"passwordReset\": {\"selfServiceScope\": \"All\"}}");
        Files.delete(c.resolve("answers.json"));
        Files.createSymbolicLink(c.resolve("answers.json"), outside);
        oneLine(Cli.run("evaluate", c.toString()), 65, "answers.json is a link to " + outside.toRealPath() + ", outside the collection; refused");
    }
}
