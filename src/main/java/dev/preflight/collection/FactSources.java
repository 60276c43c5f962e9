package dev.preflight.collection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which file of a collection (or which answer) supplies each fact path of {@code facts.md}: the
 * provenance's default reasons, the report's hint on each missing fact, and docs/collecting.md's list
 * of answer-only facts (a test holds the three to each other).
 */
public final class FactSources {

    /** The answers file, and the source name of a value a person stated. */
    public static final String ANSWERS = "answers.json";

    /**
     * One fact path and what supplies it.
     *
     * @param template the path with {@code []} for list indexes ({@code onPremises.forests[].forestMode})
     * @param files    the collection files that give it, in order of preference ({@code answers.json} alone: answer only)
     * @param inList   a field inside a list written whole from one file (its list's entry speaks for it)
     */
    public record Entry(String template, List<String> files, boolean inList) {

        /** Whether only a person's answer gives it. */
        public boolean answerOnly() {
            return files.equals(List.of(ANSWERS));
        }

        /** What supplies it, in words: {@code onprem/Get-ADForest.json} or {@code answers.json}. */
        public String supplies() {
            return String.join(" or ", files);
        }
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();
    /** The least-privileged Graph permission of each Graph file. */
    private static final Map<String, String> GRAPH_PERMISSIONS = new LinkedHashMap<>();

    private static void fact(String template, String... files) {
        ENTRIES.put(template, new Entry(template, List.of(files), false));
    }

    private static void inList(String template, String... files) {
        ENTRIES.put(template, new Entry(template, List.of(files), true));
    }

    static {
        String org = "graph/organization.json";
        fact("schemaVersion", "manifest.json");
        fact("tenant.tenantId", org, "manifest.json");
        fact("tenant.displayName", org);
        fact("tenant.cloud", "manifest.json", org);
        fact("tenant.collectedAt", "manifest.json");
        fact("tenant.onPremisesSyncEnabled", org);
        fact("tenant.onPremisesLastSyncDateTime", org);
        fact("tenant.cloudOnlyUserCount", "graph/userCount.txt", "graph/syncedUserCount.txt");
        fact("tenant.syncedUserCount", "graph/syncedUserCount.txt");
        fact("subscribedSkus", "graph/subscribedSkus.json");
        for (String f : List.of("skuId", "skuPartNumber", "capabilityStatus", "consumedUnits", "prepaidUnits.enabled",
                "prepaidUnits.suspended", "prepaidUnits.warning", "servicePlans", "servicePlans[].servicePlanId", "servicePlans[].servicePlanName",
                "servicePlans[].provisioningStatus")) {
            inList("subscribedSkus[]." + f, "graph/subscribedSkus.json");
        }
        String roles = "graph/roleAssignments.json";
        fact("users", roles, ANSWERS);
        fact("users[].userPrincipalName", "graph/users.json", "graph/groupMembers.<groupId>.json", roles);
        fact("users[].onPremisesSyncEnabled", "graph/users.json", "graph/groupMembers.<groupId>.json");
        fact("users[].federated", "graph/domains.json");
        fact("users[].accountEnabled", "graph/users.json", "graph/groupMembers.<groupId>.json", roles);
        fact("users[].roles", roles, "graph/roleDefinitions.json");
        fact("users[].roleAssignment", roles);
        fact("users[].assignedLicenses", "graph/users.json", "graph/groupMembers.<groupId>.json");
        inList("users[].assignedLicenses[].skuId", "graph/users.json");
        inList("users[].assignedLicenses[].disabledPlans", "graph/users.json");
        fact("users[].purpose", ANSWERS);
        fact("users[].adminCount", ANSWERS);
        fact("users[].isSsprCapable", "graph/userRegistrationDetails.json");
        fact("passwordReset.selfServiceScope", ANSWERS);
        fact("passwordReset.scopeIncludesTestUsers", ANSWERS, "graph/userRegistrationDetails.json");
        fact("passwordReset.writebackEnabled", ANSWERS);
        String forest = "onprem/Get-ADForest.json";
        fact("onPremises.forests", forest);
        fact("onPremises.forests[].name", forest);
        fact("onPremises.forests[].forestMode", forest);
        fact("onPremises.forests[].addedAfterWritebackEnabled", ANSWERS);
        fact("onPremises.forests[].domains", forest);
        fact("onPremises.forests[].domains[].name", forest, "onprem/Get-ADDomain.json");
        fact("onPremises.forests[].domains[].pdcEmulator", "onprem/Get-ADDomain.json");
        fact("onPremises.forests[].domains[].pdcEmulatorReachable", "onprem/Test-NetConnection.json");
        fact("onPremises.forests[].domains[].minPasswordAgeDays", "onprem/Get-ADDefaultDomainPasswordPolicy.json");
        String dcs = "onprem/Get-ADDomainController.json";
        fact("onPremises.forests[].domains[].domainControllers", dcs);
        for (String f : List.of("hostName", "operatingSystem", "operatingSystemServicePack", "isReadOnly")) {
            inList("onPremises.forests[].domains[].domainControllers[]." + f, dcs);
        }
        String c = "onPremises.connect.";
        String sync = "onprem/Get-ADSyncConnector.json";
        String runs = "onprem/Get-ADSyncRunProfileResult.json";
        fact(c + "installed", "onprem/Get-ADSync*.json", "onprem/server.json", "manifest.json");
        fact(c + "version", "onprem/Get-ADSyncGlobalSettings.json", "onprem/server.json", "graph/onPremisesSynchronization.json");
        fact(c + "serverOperatingSystem", "onprem/server.json");
        fact(c + "dotNetVersion", "onprem/server.json");
        fact(c + "tls12Enabled", "onprem/Get-ADSyncToolsTls12.json", "onprem/server.json");
        fact(c + "stagingMode", "onprem/Get-ADSyncScheduler.json");
        fact(c + "passwordWritebackEnabled", "onprem/Get-ADSyncAADPasswordResetConfiguration.json");
        fact(c + "onlyUsePreferredDomainControllers", ANSWERS);
        fact(c + "preferredDomainControllers", sync);
        fact(c + "pdcEmulatorReachable", ANSWERS);
        fact(c + "lastFullImport.ad", runs, sync);
        fact(c + "lastFullImport.entraId", runs, sync);
        fact(c + "lastFullSync.ad", runs, sync);
        fact(c + "lastFullSync.entraId", runs, sync);
        fact(c + "connectorAccount.name", sync);
        fact(c + "connectorAccount.permissions", "onprem/connector-acl.<domain>.json");
        fact(c + "recentEvents", "onprem/Get-WinEvent.json");
        for (String f : List.of("source", "id", "time", "message")) {
            inList(c + "recentEvents[]." + f, "onprem/Get-WinEvent.json");
        }
        String net = "onprem/Test-NetConnection.json";
        fact("onPremises.network.probes", net);
        for (String f : List.of("host", "port", "reachable")) {
            inList("onPremises.network.probes[]." + f, net);
        }
        fact("onPremises.network.idleTimeoutSeconds", ANSWERS);
        fact("onPremises.network.tlsInspection", ANSWERS);

        GRAPH_PERMISSIONS.put("graph/organization.json", "Organization.Read.All");
        GRAPH_PERMISSIONS.put("graph/subscribedSkus.json", "Organization.Read.All");
        GRAPH_PERMISSIONS.put("graph/roleDefinitions.json", "RoleManagement.Read.Directory");
        GRAPH_PERMISSIONS.put("graph/roleAssignments.json", "RoleManagement.Read.Directory");
        GRAPH_PERMISSIONS.put("graph/groupMembers.<groupId>.json", "GroupMember.Read.All");
        GRAPH_PERMISSIONS.put("graph/users.json", "User.Read.All");
        GRAPH_PERMISSIONS.put("graph/domains.json", "Domain.Read.All");
        GRAPH_PERMISSIONS.put("graph/userRegistrationDetails.json", "AuditLog.Read.All");
        GRAPH_PERMISSIONS.put("graph/userCount.txt", "User.Read.All");
        GRAPH_PERMISSIONS.put("graph/syncedUserCount.txt", "User.Read.All");
        GRAPH_PERMISSIONS.put("graph/onPremisesSynchronization.json", "OnPremDirectorySynchronization.Read.All");
    }

    private FactSources() {
    }

    /** Every fact path of {@code facts.md} with what supplies it, in document order. */
    public static List<Entry> entries() {
        return List.copyOf(ENTRIES.values());
    }

    /** The fact paths that only answers.json gives: docs/collecting.md lists the same. */
    public static List<String> answerOnly() {
        return ENTRIES.values().stream().filter(Entry::answerOnly).map(Entry::template).toList();
    }

    /** What supplies a concrete fact path ({@code onPremises.forests[0].domains[1].pdcEmulator}), if it is one of facts.md. */
    public static Optional<Entry> forPath(String path) {
        String template = path.replaceAll("\\[\\d+]", "[]");
        Entry e = ENTRIES.get(template);
        return Optional.ofNullable(e);
    }

    /** The Graph permission a Graph file needs, or null for other files. */
    public static String graphPermission(String file) {
        for (Map.Entry<String, String> e : GRAPH_PERMISSIONS.entrySet()) {
            if (matches(e.getKey(), file)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The Graph files and their least-privileged permissions (for the collector's scopes and the README). */
    public static Map<String, String> graphPermissions() {
        return Map.copyOf(GRAPH_PERMISSIONS);
    }

    /** Whether the importer reads a collection file of this name (the manifest, the answers, or a file some fact comes from). */
    public static boolean isKnownFile(String file) {
        if (file.equals("manifest.json") || file.equals(ANSWERS)) {
            return true;
        }
        String first = file.matches("graph/.+\\.\\d+\\.json") ? file.replaceFirst("\\.\\d+\\.json$", ".json") : file;
        return ENTRIES.values().stream().flatMap(e -> e.files.stream()).anyMatch(p -> !p.equals(ANSWERS) && matches(p, first));
    }

    /** The entries whose facts a file supplies. */
    static List<Entry> suppliedBy(String file) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : ENTRIES.values()) {
            // A pattern with * (installed: any Connect-server file) is about presence, not about one file's contents.
            if (!e.inList && e.files.stream().anyMatch(f -> !f.contains("*") && matches(f, file))) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Whether a collection file is an instance of a pattern: {@code onprem/Get-ADForest.json} also
     * matches {@code onprem/Get-ADForest.emea.json} (a scope), {@code <groupId>} any name,
     * {@code *} anything, and Graph's further pages {@code users.2.json}.
     */
    static boolean matches(String pattern, String file) {
        String p = pattern;
        StringBuilder re = new StringBuilder("(?i)");
        int dot = p.lastIndexOf('.');
        String stem = p.substring(0, dot);
        String ext = p.substring(dot);
        for (String part : stem.split("(?=[<*])|(?<=[>*])")) {
            if (part.equals("*") || part.startsWith("<")) {
                re.append("[^/]+");
            } else {
                re.append(Pattern.quote(part));
            }
        }
        re.append("(\\.[^/]+)?").append(Pattern.quote(ext));
        return file.matches(re.toString());
    }
}
