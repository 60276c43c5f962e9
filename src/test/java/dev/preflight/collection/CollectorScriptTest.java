package dev.preflight.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * PowerShell cannot run in CI, so the collector script is read as text: every file it writes is one
 * the importer knows, it asks Graph for exactly the least-privileged permissions the importer's
 * table names, and it writes no fact of the format itself (mapping lives in Java).
 */
class CollectorScriptTest {

    static final Path SCRIPT = Path.of("collector/Collect-Preflight.ps1");

    static String script() throws Exception {
        return Files.readString(SCRIPT, StandardCharsets.UTF_8);
    }

    /** The collection paths the script writes, with its variables given sample values. */
    static List<String> writtenFiles(String text) {
        List<String> out = new ArrayList<>();
        Matcher save = Pattern.compile("Save-Output\\s+[\"']([^\"']+)[\"']").matcher(text);
        while (save.find()) {
            out.add(save.group(1));
        }
        Matcher graph = Pattern.compile("Save-Graph\\s+[\"']([^\"']+)[\"']([^\\n]*)").matcher(text);
        while (graph.find()) {
            String name = "graph/" + graph.group(1);
            out.add(name + (graph.group(2).contains("-Text") ? ".txt" : ".json"));
            if (!graph.group(2).contains("-Text")) {
                out.add(name + ".2.json"); // a further page
            }
        }
        Matcher outFile = Pattern.compile("Join-Path \\$root '([a-z]+\\.json)'").matcher(text);
        while (outFile.find()) {
            out.add(outFile.group(1));
        }
        List<String> expanded = new ArrayList<>();
        for (String f : out) {
            expanded.add(f.replace("$scope", "").replace("$domain", "emea.contoso.com").replace("$_", "0f0e1d2c-0000-4000-8000-00000000aaaa"));
            if (f.contains("$scope")) {
                expanded.add(f.replace("$scope", ".partner.local"));
            }
        }
        return expanded;
    }

    @Test
    void everyFileTheScriptWritesIsOneTheImporterKnows() throws Exception {
        List<String> files = writtenFiles(script());
        assertTrue(files.size() >= 28, files.toString());
        for (String f : files) {
            assertTrue(FactSources.isKnownFile(f), "the importer does not know " + f);
        }
        // And the other way round: every file of the contract is written by the script.
        Set<String> contract = new TreeSet<>();
        FactSources.entries().forEach(e -> e.files().forEach(contract::add));
        contract.remove(FactSources.ANSWERS);
        contract.remove("onprem/Get-ADSync*.json");
        for (String pattern : contract) {
            assertTrue(files.stream().anyMatch(f -> FactSources.matches(pattern, f)) || pattern.equals("manifest.json") && files.contains("manifest.json"),
                    "the script writes no " + pattern);
        }
        assertFalse(FactSources.isKnownFile("onprem/Get-Something.json"));
    }

    @Test
    void itAsksForExactlyTheLeastPrivilegedGraphPermissions() throws Exception {
        Matcher m = Pattern.compile("\\$GraphScopes = @\\(([^)]*)\\)").matcher(script());
        assertTrue(m.find());
        Set<String> scopes = new TreeSet<>();
        Matcher q = Pattern.compile("'([A-Za-z.]+)'").matcher(m.group(1));
        while (q.find()) {
            scopes.add(q.group(1));
        }
        assertEquals(new TreeSet<>(FactSources.graphPermissions().values()), scopes);
    }

    @Test
    void itInterpretsNothing() throws Exception {
        String text = script();
        for (String fact : List.of("forestMode", "minPasswordAgeDays", "pdcEmulator", "domainControllers", "tls12Enabled",
                "stagingMode", "passwordWritebackEnabled", "lastFullImport", "lastFullSync", "preferredDomainControllers",
                "recentEvents", "probes", "isSsprCapable", "roleAssignment", "federated", "connectorAccount", "dotNetVersion")) {
            assertFalse(Pattern.compile("\\b" + fact + "\\b").matcher(text).find(), "the script writes the fact " + fact + " itself: mapping belongs in Java");
        }
        // Reading JSON back only for Graph paging, the ids of role-holding groups, and naming the role holders in the answers template.
        assertEquals(3, text.split("ConvertFrom-Json", -1).length - 1);
        assertTrue(text.contains("-SkipGraph") && text.contains("-SkipOnPremises") || text.contains("[switch] $SkipOnPremises"));
        for (String p : List.of("[string[]] $TestUsers", "[string[]] $WritebackAdmins", "[string[]] $Forests", "[switch] $SkipGraph", "[switch] $SkipOnPremises")) {
            assertTrue(text.contains(p), p);
        }
        assertTrue(text.contains("Compress-Archive"), "it zips the folder");
        assertTrue(text.contains("#Requires -Version 5.1"));
    }
}
