package dev.preflight.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generates tenants as JSON: a healthy hybrid tenant whose size and names vary (SKUs, users,
 * forests, domains, domain controllers, events, probes), to which a few defects are applied, each
 * known to make one check fail with a given severity or leave it unevaluated. Every record carries
 * a {@code generator} object (ignored by the evaluator) with the defects and the verdict they
 * imply, so that a test can hold the engine to it.
 *
 * <p>The mix, by design: about half the tenants eligible, a third not eligible, the rest
 * incomplete. Deterministic for a seed: record {@code i} of seed {@code s} is always the same.
 */
public final class TenantGenerator {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant COLLECTED = Instant.parse("2026-11-20T10:00:00Z");

    private static final String P1_SKU = "078d2b04-f1bd-4111-bbd4-b4b1b354cef4";
    private static final String E3_SKU = "6fd2c87f-b296-42f0-b197-1e91e994b900";
    private static final String E5_SKU = "06ebc4ee-1bb5-47dd-8120-11324bc54e06";
    private static final String P1_PLAN = "41781fb2-bc02-4b7c-bd55-b576c07bb09d";
    private static final String P2_PLAN = "eec0eb4f-6444-4f95-aba0-50c24d67f998";

    private static final String[] COMPANIES = {"Contoso", "Fabrikam", "Tailspin", "Woodgrove", "Northwind", "Litware", "Adventure Works",
        "Wide World", "Proseware", "Fourth Coffee", "Alpine Ski", "Graphic Design", "Humongous", "Lucerne", "Margie's Travel",
        "Trey Research", "Wingtip", "Coho Winery", "Blue Yonder", "City Power"};
    private static final String[] GOOD_OS = {"Windows Server 2016 Standard", "Windows Server 2019 Datacenter", "Windows Server 2022 Standard",
        "Windows Server 2022 Datacenter", "Windows Server 2025 Standard", "Windows Server® 2019 Standard"};
    private static final String[] GOOD_CONNECT = {"2.5.79.0", "2.5.80.0", "2.6.1.0"};
    private static final String[] FOREST_MODES = {"Windows2012R2Forest", "Windows2016Forest", "Windows2016Forest", "Windows2025Forest"};
    private static final String[] INFO_EVENTS = {"31019", "31002", "31007", "31015", "31017"};

    /** A defect: the check it targets and what it makes of it. */
    enum Outcome { ERROR, WARNING, INFO, MISSING_BLOCKING, MISSING_ADVISORY }

    private record Defect(String name, String checkId, Outcome outcome) {
    }

    private static final List<Defect> DEFECTS = List.of(
            new Defect("no-writeback-plan", "PWB-LIC-002", Outcome.ERROR),
            new Defect("grace-period-only", "PWB-LIC-002", Outcome.WARNING),
            new Defect("plan-disabled-for-test-user", "PWB-LIC-004", Outcome.ERROR),
            new Defect("cloud-only-count-missing", "PWB-LIC-003", Outcome.MISSING_ADVISORY),
            new Defect("federated-admin", "PWB-ACC-002", Outcome.ERROR),
            new Defect("test-user-admin", "PWB-ACC-004", Outcome.WARNING),
            new Defect("test-user-admincount", "PWB-ACC-005", Outcome.WARNING),
            new Defect("admin-role-via-group", "PWB-ACC-006", Outcome.WARNING),
            new Defect("sspr-off", "PWB-SSPR-001", Outcome.ERROR),
            new Defect("tenant-writeback-off", "PWB-SSPR-003", Outcome.ERROR),
            new Defect("test-user-not-registered", "PWB-SSPR-004", Outcome.WARNING),
            new Defect("scope-missing", "PWB-SSPR-001", Outcome.MISSING_BLOCKING),
            new Defect("dc-2008r2-no-sp", "PWB-AD-002", Outcome.ERROR),
            new Defect("dc-2012r2", "PWB-AD-002", Outcome.WARNING),
            new Defect("dc-os-missing", "PWB-AD-002", Outcome.MISSING_BLOCKING),
            new Defect("forest-level-2000", "PWB-AD-003", Outcome.ERROR),
            new Defect("read-only-dc", "PWB-AD-004", Outcome.ERROR),
            new Defect("pdc-unreachable", "PWB-AD-005", Outcome.ERROR),
            new Defect("preferred-off", "PWB-AD-006", Outcome.INFO),
            new Defect("min-password-age", "PWB-AD-007", Outcome.WARNING),
            new Defect("forest-added-later", "PWB-AD-008", Outcome.WARNING),
            new Defect("connect-retired", "PWB-CON-002", Outcome.ERROR),
            new Defect("connect-version-missing", "PWB-CON-002", Outcome.MISSING_BLOCKING),
            new Defect("full-sync-never", "PWB-CON-003", Outcome.ERROR),
            new Defect("connect-writeback-off", "PWB-CON-004", Outcome.ERROR),
            new Defect("staging-mode", "PWB-CON-005", Outcome.ERROR),
            new Defect("connector-permission-missing", "PWB-CON-006", Outcome.ERROR),
            new Defect("tls12-off", "PWB-CON-007", Outcome.ERROR),
            new Defect("old-dotnet", "PWB-CON-009", Outcome.WARNING),
            new Defect("service-bus-blocked", "PWB-NET-002", Outcome.ERROR),
            new Defect("reset-endpoint-unprobed", "PWB-NET-001", Outcome.MISSING_BLOCKING),
            new Defect("idle-timeout-error", "PWB-NET-003", Outcome.ERROR),
            new Defect("idle-timeout-warning", "PWB-NET-003", Outcome.WARNING),
            new Defect("tls-inspection", "PWB-NET-004", Outcome.ERROR),
            new Defect("events-missing", "PWB-EVT-001", Outcome.MISSING_ADVISORY),
            new Defect("error-event", "PWB-EVT-001", Outcome.WARNING));

    private final long seed;

    public TenantGenerator(long seed) {
        this.seed = seed;
    }

    /** The verdict a record was built to get, and why. */
    public record Expected(String verdict, List<String> defects) {
    }

    /** Tenant number {@code index} as a JSON object, with its {@code generator} annotation. */
    public ObjectNode tenant(long index) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        ObjectNode t = healthy(r, index);
        // The mix: 50% no defect-causing error or gap, ~33% with an error, ~17% with a blocking gap.
        double roll = r.nextDouble();
        List<Defect> chosen = new ArrayList<>();
        int warnings = r.nextInt(3);
        for (int i = 0; i < warnings; i++) {
            chosen.add(pick(r, Outcome.WARNING, Outcome.INFO, Outcome.MISSING_ADVISORY));
        }
        if (roll < 0.33) {
            chosen.add(pick(r, Outcome.ERROR));
            if (r.nextInt(4) == 0) {
                chosen.add(pick(r, Outcome.ERROR));
            }
        } else if (roll < 0.50) {
            chosen.add(pick(r, Outcome.MISSING_BLOCKING));
        }
        List<String> names = new ArrayList<>();
        for (Defect d : chosen) {
            if (!names.contains(d.name())) {
                apply(d, t, r);
                names.add(d.name());
            }
        }
        String verdict = chosen.stream().anyMatch(d -> d.outcome() == Outcome.ERROR) ? "NOT_ELIGIBLE"
                : chosen.stream().anyMatch(d -> d.outcome() == Outcome.MISSING_BLOCKING) ? "INCOMPLETE" : "ELIGIBLE";
        ObjectNode g = t.putObject("generator");
        g.put("seed", seed);
        g.put("index", index);
        g.put("expectedVerdict", verdict);
        ArrayNode dn = g.putArray("defects");
        names.forEach(dn::add);
        return t;
    }

    /**
     * Tenant number {@code index} grown {@code factor} times: as many more users, domain
     * controllers and events (for measuring how the cost grows with a tenant's size).
     */
    public ObjectNode scaled(long index, int factor) {
        ObjectNode t = tenant(index);
        ArrayNode users = (ArrayNode) t.path("users");
        List<JsonNode> baseUsers = new ArrayList<>();
        users.forEach(baseUsers::add);
        ArrayNode dcs = (ArrayNode) firstDomain(t).path("domainControllers");
        List<JsonNode> baseDcs = new ArrayList<>();
        dcs.forEach(baseDcs::add);
        ArrayNode events = connect(t).withArray("recentEvents");
        if (events.isEmpty()) {
            events.add(event("PasswordResetService", 31019, COLLECTED.minus(5, ChronoUnit.MINUTES), "ServiceBusHeartBeat"));
        }
        List<JsonNode> baseEvents = new ArrayList<>();
        events.forEach(baseEvents::add);
        for (int k = 1; k < factor; k++) {
            for (JsonNode u : baseUsers) {
                ObjectNode copy = u.deepCopy();
                copy.put("userPrincipalName", "x" + k + "." + u.path("userPrincipalName").asText());
                users.add(copy);
            }
            for (JsonNode dc : baseDcs) {
                ObjectNode copy = dc.deepCopy();
                copy.put("hostName", "x" + k + "." + dc.path("hostName").asText());
                dcs.add(copy);
            }
            baseEvents.forEach(e -> events.add(e.deepCopy()));
        }
        return t;
    }

    /** Tenant number {@code index} as one line of JSON. */
    public String line(long index) {
        return tenant(index).toString();
    }

    /** The verdict a generated record was built to get, read back from its {@code generator} annotation. */
    public static Expected expected(String json) {
        try {
            JsonNode g = JSON.readTree(json).path("generator");
            List<String> defects = new ArrayList<>();
            g.path("defects").forEach(d -> defects.add(d.asText()));
            return new Expected(g.path("expectedVerdict").asText(null), defects);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a generated record", e);
        }
    }

    private static Defect pick(SplittableRandom r, Outcome... outcomes) {
        List<Defect> pool = DEFECTS.stream().filter(d -> List.of(outcomes).contains(d.outcome())).toList();
        return pool.get(r.nextInt(pool.size()));
    }

    // ---- a healthy tenant ------------------------------------------------------------------

    private static ObjectNode healthy(SplittableRandom r, long index) {
        String company = COMPANIES[r.nextInt(COMPANIES.length)];
        String slug = company.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + index;
        String domain = "corp." + slug + ".com";
        ObjectNode t = F.objectNode();
        t.put("schemaVersion", 1);
        ObjectNode tenant = t.putObject("tenant");
        tenant.put("tenantId", new UUID(r.nextLong(), r.nextLong()).toString());
        tenant.put("displayName", company + " " + (index % 97 == 0 ? "Holdings" : "Ltd") + " #" + index);
        tenant.put("cloud", "Public");
        Instant collected = COLLECTED.minus(r.nextInt(30 * 24), ChronoUnit.HOURS);
        tenant.put("collectedAt", collected.toString());
        tenant.put("onPremisesSyncEnabled", true);
        tenant.put("onPremisesLastSyncDateTime", collected.minus(r.nextInt(50), ChronoUnit.MINUTES).toString());
        tenant.put("cloudOnlyUserCount", r.nextInt(60));
        tenant.put("syncedUserCount", 20 + r.nextInt(5000));

        ArrayNode skus = t.putArray("subscribedSkus");
        boolean p2 = r.nextBoolean();
        skus.add(sku(p2 ? E5_SKU : P1_SKU, p2 ? "SPE_E5" : "AAD_PREMIUM", "Enabled", 5 + r.nextInt(500),
                p2 ? P2_PLAN : P1_PLAN, p2 ? "AAD_PREMIUM_P2" : "AAD_PREMIUM"));
        if (r.nextBoolean()) {
            skus.add(sku(E3_SKU, "ENTERPRISEPACK", "Enabled", 20 + r.nextInt(4000), "efb87545-963c-4e0d-99df-69c6916d9eb0", "EXCHANGE_S_ENTERPRISE"));
        }
        String licensed = p2 ? E5_SKU : P1_SKU;

        ArrayNode users = t.putArray("users");
        users.add(user("admin@" + slug + ".onmicrosoft.com", false, List.of("Global Administrator"), licensed, "writebackAdmin", 0));
        int tests = 1 + r.nextInt(2);
        for (int i = 0; i < tests; i++) {
            users.add(user("sspr.test" + i + "@" + slug + ".com", true, List.of(), licensed, "testUser", 0));
        }
        int others = r.nextInt(3);
        for (int i = 0; i < others; i++) {
            users.add(user("helpdesk" + i + "@" + slug + ".com", true, List.of("Helpdesk Administrator"), licensed, null, 0));
        }

        ObjectNode reset = t.putObject("passwordReset");
        reset.put("selfServiceScope", r.nextBoolean() ? "All" : "Selected");
        reset.put("scopeIncludesTestUsers", true);
        reset.put("writebackEnabled", true);

        ObjectNode onPrem = t.putObject("onPremises");
        ArrayNode forests = onPrem.putArray("forests");
        List<String> pdcs = new ArrayList<>();
        int forestCount = r.nextInt(5) == 0 ? 2 : 1;
        for (int f = 0; f < forestCount; f++) {
            String forestName = f == 0 ? domain : "emea" + f + "." + slug + ".local";
            ObjectNode forest = forests.addObject();
            forest.put("name", forestName);
            forest.put("forestMode", FOREST_MODES[r.nextInt(FOREST_MODES.length)]);
            forest.put("addedAfterWritebackEnabled", false);
            ArrayNode domains = forest.putArray("domains");
            int domainCount = 1 + (r.nextInt(4) == 0 ? 1 : 0);
            for (int d = 0; d < domainCount; d++) {
                String dn = d == 0 ? forestName : "child" + d + "." + forestName;
                ObjectNode dom = domains.addObject();
                dom.put("name", dn);
                String pdc = "dc1." + dn;
                dom.put("pdcEmulator", pdc);
                pdcs.add(pdc);
                dom.put("pdcEmulatorReachable", true);
                dom.put("minPasswordAgeDays", 0);
                ArrayNode dcs = dom.putArray("domainControllers");
                int dcCount = 1 + r.nextInt(3);
                for (int c = 1; c <= dcCount; c++) {
                    ObjectNode dc = dcs.addObject();
                    dc.put("hostName", "dc" + c + "." + dn);
                    dc.put("operatingSystem", GOOD_OS[r.nextInt(GOOD_OS.length)]);
                    dc.putNull("operatingSystemServicePack");
                    dc.put("isReadOnly", false);
                }
            }
        }

        ObjectNode connect = onPrem.putObject("connect");
        connect.put("installed", true);
        connect.put("version", GOOD_CONNECT[r.nextInt(GOOD_CONNECT.length)]);
        connect.put("serverOperatingSystem", GOOD_OS[r.nextInt(GOOD_OS.length)]);
        connect.put("dotNetVersion", r.nextBoolean() ? "4.8.1" : "4.8");
        connect.put("tls12Enabled", true);
        connect.put("stagingMode", false);
        connect.put("passwordWritebackEnabled", true);
        connect.put("onlyUsePreferredDomainControllers", true);
        ArrayNode preferred = connect.putArray("preferredDomainControllers");
        pdcs.forEach(preferred::add);
        connect.put("pdcEmulatorReachable", true);
        ObjectNode imp = connect.putObject("lastFullImport");
        imp.put("ad", collected.minus(20 + r.nextInt(200), ChronoUnit.HOURS).toString());
        imp.put("entraId", collected.minus(20 + r.nextInt(200), ChronoUnit.HOURS).toString());
        ObjectNode sync = connect.putObject("lastFullSync");
        sync.put("ad", collected.minus(10 + r.nextInt(10), ChronoUnit.HOURS).toString());
        sync.put("entraId", collected.minus(10 + r.nextInt(10), ChronoUnit.HOURS).toString());
        ObjectNode account = connect.putObject("connectorAccount");
        account.put("name", slug.toUpperCase(Locale.ROOT) + "\\MSOL_" + Long.toHexString(r.nextLong() & 0xffffffL));
        ArrayNode perms = account.putArray("permissions");
        for (String p : List.of("ResetPassword", "ChangePassword", "WriteLockoutTime", "WritePwdLastSet", "UnexpirePassword")) {
            perms.add(r.nextInt(10) == 0 ? p.toLowerCase(Locale.ROOT) : p);
        }
        ArrayNode events = connect.putArray("recentEvents");
        int eventCount = r.nextInt(4);
        for (int i = 0; i < eventCount; i++) {
            String id = INFO_EVENTS[r.nextInt(INFO_EVENTS.length)];
            events.add(event("PasswordResetService", Integer.parseInt(id), collected.minus(r.nextInt(1400), ChronoUnit.MINUTES), "informational"));
        }

        ObjectNode network = onPrem.putObject("network");
        ArrayNode probes = network.putArray("probes");
        probes.add(probe("ssprdedicatedsbprod" + (char) ('a' + r.nextInt(26)) + "cu.servicebus.windows.net", true));
        probes.add(probe("passwordreset.microsoftonline.com", true));
        network.put("idleTimeoutSeconds", 180 + 60 * r.nextInt(10));
        network.put("tlsInspection", false);
        return t;
    }

    private static ObjectNode sku(String id, String part, String status, int consumed, String planId, String planName) {
        ObjectNode s = F.objectNode();
        s.put("skuId", id);
        s.put("skuPartNumber", part);
        s.put("capabilityStatus", status);
        s.put("consumedUnits", consumed);
        ObjectNode prepaid = s.putObject("prepaidUnits");
        prepaid.put("enabled", consumed + 10);
        prepaid.put("suspended", 0);
        prepaid.put("warning", 0);
        ObjectNode plan = s.putArray("servicePlans").addObject();
        plan.put("servicePlanId", planId);
        plan.put("servicePlanName", planName);
        plan.put("provisioningStatus", "Success");
        return s;
    }

    private static ObjectNode user(String upn, boolean synced, List<String> roles, String skuId, String purpose, int adminCount) {
        ObjectNode u = F.objectNode();
        u.put("userPrincipalName", upn);
        u.put("onPremisesSyncEnabled", synced);
        u.put("federated", false);
        u.put("accountEnabled", true);
        ArrayNode rs = u.putArray("roles");
        roles.forEach(rs::add);
        u.put("roleAssignment", "Direct");
        ObjectNode lic = u.putArray("assignedLicenses").addObject();
        lic.put("skuId", skuId);
        lic.putArray("disabledPlans");
        ArrayNode p = u.putArray("purpose");
        if (purpose != null) {
            p.add(purpose);
        }
        u.put("adminCount", adminCount);
        u.put("isSsprCapable", true);
        return u;
    }

    private static ObjectNode event(String source, int id, Instant time, String message) {
        ObjectNode e = F.objectNode();
        e.put("source", source);
        e.put("id", id);
        e.put("time", time.toString());
        e.put("message", message);
        return e;
    }

    private static ObjectNode probe(String host, boolean reachable) {
        ObjectNode p = F.objectNode();
        p.put("host", host);
        p.put("port", 443);
        p.put("reachable", reachable);
        return p;
    }

    // ---- defects -----------------------------------------------------------------------------

    private static ObjectNode connect(ObjectNode t) {
        return (ObjectNode) t.path("onPremises").path("connect");
    }

    private static ObjectNode firstDomain(ObjectNode t) {
        return (ObjectNode) t.path("onPremises").path("forests").get(0).path("domains").get(0);
    }

    private static ObjectNode testUser(ObjectNode t) {
        return (ObjectNode) t.path("users").get(1);
    }

    private static void apply(Defect d, ObjectNode t, SplittableRandom r) {
        ObjectNode c = connect(t);
        Instant collected = Instant.parse(t.path("tenant").path("collectedAt").asText());
        switch (d.name()) {
            case "no-writeback-plan" -> {
                for (JsonNode sku : t.withArray("subscribedSkus")) {
                    ((ObjectNode) sku.path("servicePlans").get(0)).put("provisioningStatus", "Disabled");
                }
            }
            case "grace-period-only" -> {
                for (JsonNode sku : t.withArray("subscribedSkus")) {
                    ((ObjectNode) sku).put("capabilityStatus", "Warning");
                }
            }
            case "plan-disabled-for-test-user" -> {
                String plan = t.withArray("subscribedSkus").get(0).path("servicePlans").get(0).path("servicePlanId").asText();
                ((ArrayNode) testUser(t).path("assignedLicenses").get(0).path("disabledPlans")).add(plan);
            }
            case "cloud-only-count-missing" -> ((ObjectNode) t.path("tenant")).remove("cloudOnlyUserCount");
            case "federated-admin" -> {
                ObjectNode admin = (ObjectNode) t.path("users").get(0);
                admin.put("onPremisesSyncEnabled", true);
                admin.put("federated", true);
            }
            case "test-user-admin" -> ((ArrayNode) testUser(t).path("roles")).add("Password Administrator");
            case "test-user-admincount" -> testUser(t).put("adminCount", 1);
            case "admin-role-via-group" -> ((ObjectNode) t.path("users").get(0)).put("roleAssignment", "Group");
            case "sspr-off" -> ((ObjectNode) t.path("passwordReset")).put("selfServiceScope", "None");
            case "tenant-writeback-off" -> ((ObjectNode) t.path("passwordReset")).put("writebackEnabled", false);
            case "test-user-not-registered" -> testUser(t).put("isSsprCapable", false);
            case "scope-missing" -> ((ObjectNode) t.path("passwordReset")).remove("selfServiceScope");
            case "dc-2008r2-no-sp" -> dc(t, "Windows Server 2008 R2 Standard", null, false);
            case "dc-2012r2" -> dc(t, "Windows Server 2012 R2 Datacenter", null, false);
            case "dc-os-missing" -> {
                ObjectNode dc = (ObjectNode) firstDomain(t).path("domainControllers").get(0);
                dc.remove("operatingSystem");
            }
            case "forest-level-2000" -> ((ObjectNode) t.path("onPremises").path("forests").get(0)).put("forestMode", "Windows2000Forest");
            case "read-only-dc" -> {
                ObjectNode dc = dc(t, "Windows Server 2019 Standard", null, true);
                ((ArrayNode) c.path("preferredDomainControllers")).add(dc.path("hostName").asText());
            }
            case "pdc-unreachable" -> firstDomain(t).put("pdcEmulatorReachable", false);
            case "preferred-off" -> c.put("onlyUsePreferredDomainControllers", false);
            case "min-password-age" -> firstDomain(t).put("minPasswordAgeDays", 1 + r.nextInt(3));
            case "forest-added-later" -> ((ObjectNode) t.path("onPremises").path("forests").get(0)).put("addedAfterWritebackEnabled", true);
            case "connect-retired" -> c.put("version", r.nextBoolean() ? "2.3.20.0" : "1.6.16.0");
            case "connect-version-missing" -> c.remove("version");
            case "full-sync-never" -> ((ObjectNode) c.path("lastFullSync")).put("entraId", "never");
            case "connect-writeback-off" -> c.put("passwordWritebackEnabled", false);
            case "staging-mode" -> c.put("stagingMode", true);
            case "connector-permission-missing" -> ((ArrayNode) c.path("connectorAccount").path("permissions")).remove(0);
            case "tls12-off" -> c.put("tls12Enabled", false);
            case "old-dotnet" -> c.put("dotNetVersion", "4.6.2");
            case "service-bus-blocked" -> ((ObjectNode) t.path("onPremises").path("network").path("probes").get(0)).put("reachable", false);
            case "reset-endpoint-unprobed" -> ((ArrayNode) t.path("onPremises").path("network").path("probes")).remove(1);
            case "idle-timeout-error" -> ((ObjectNode) t.path("onPremises").path("network")).put("idleTimeoutSeconds", 30 + r.nextInt(90));
            case "idle-timeout-warning" -> ((ObjectNode) t.path("onPremises").path("network")).put("idleTimeoutSeconds", 120 + r.nextInt(60));
            case "tls-inspection" -> ((ObjectNode) t.path("onPremises").path("network")).put("tlsInspection", true);
            case "events-missing" -> c.remove("recentEvents");
            case "error-event" -> {
                if (c.has("recentEvents")) {
                    ((ArrayNode) c.path("recentEvents")).add(event("PasswordResetService", 33008,
                            collected.minus(1 + r.nextInt(600), ChronoUnit.MINUTES), "ADPasswordPolicyError: the password does not meet the policy"));
                }
            }
            default -> throw new IllegalStateException("unknown defect " + d.name());
        }
    }

    private static ObjectNode dc(ObjectNode t, String os, String sp, boolean readOnly) {
        ArrayNode dcs = (ArrayNode) firstDomain(t).path("domainControllers");
        ObjectNode dc = dcs.addObject();
        String domain = firstDomain(t).path("name").asText();
        dc.put("hostName", "dc" + (dcs.size() + 10) + "." + domain);
        dc.put("operatingSystem", os);
        if (sp == null) {
            dc.putNull("operatingSystemServicePack");
        } else {
            dc.put("operatingSystemServicePack", sp);
        }
        dc.put("isReadOnly", readOnly);
        return dc;
    }
}
