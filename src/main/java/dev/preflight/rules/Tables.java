package dev.preflight.rules;

import dev.preflight.api.RuleProblem;
import dev.preflight.facts.AssignedLicense;
import dev.preflight.facts.Cloud;
import dev.preflight.facts.ConnectEvent;
import dev.preflight.facts.ConnectorAccount;
import dev.preflight.facts.ProvisioningStatus;
import dev.preflight.facts.ServicePlan;
import dev.preflight.facts.SubscribedSku;
import dev.preflight.facts.Version;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code tables} global: the data tables of {@code rules/tables/}, the parts of the checks
 * that change over time (license plans, Windows Server releases, Connect builds, endpoints,
 * event ids), looked up by rules. Immutable and shared by every session.
 */
public final class Tables {

    private static final Pattern YEAR = Pattern.compile("(?<!\\d)(20\\d\\d|19\\d\\d)(?!\\d)");
    private static final Pattern R2 = Pattern.compile("(?i)(?<![a-z0-9])R2(?![a-z0-9])");

    private final List<WritebackPlan> writebackPlans;
    private final List<LicenseSku> writebackSkus;
    private final Map<String, LicenseSku> cloudResetSkus;
    private final Map<String, WindowsServerRelease> windowsServer;
    private final int newestWindowsYear;
    private final List<ConnectBuild> connectBuilds;
    private final List<Endpoint> endpoints;
    private final List<EventInfo> events;
    private final Map<String, ForestLevel> forestLevels;
    private final ForestLevel minimumForestLevel;
    private final List<String> connectorPermissions;
    private final Map<String, DataTable> all;
    /** Memoised {@link #windowsServer} answers; bounded, so that hostile input cannot grow it without end. */
    private final java.util.concurrent.ConcurrentHashMap<String, Object> windowsCache = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Object NONE = new Object();
    /** The start of the problem a row without the translation of its text gets: a warning at load, an error for {@code rules check}. */
    public static final String MISSING_TRANSLATION = "no translation in ";
    /** Per language, the tables' English texts (notes, event meanings) to their translations. */
    private final java.util.concurrent.ConcurrentHashMap<Locale, Map<String, String>> translations = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 10_000;

    Tables(Map<String, DataTable> all,
           List<WritebackPlan> writebackPlans,
           List<LicenseSku> writebackSkus,
           List<LicenseSku> cloudResetSkus,
           List<WindowsServerRelease> windowsServer,
           List<ConnectBuild> connectBuilds,
           List<Endpoint> endpoints,
           List<EventInfo> events,
           List<ForestLevel> forestLevels,
           List<String> connectorPermissions) {
        this.all = Collections.unmodifiableMap(new TreeMap<>(all));
        this.writebackPlans = List.copyOf(writebackPlans);
        this.writebackSkus = List.copyOf(writebackSkus);
        Map<String, LicenseSku> reset = new HashMap<>();
        cloudResetSkus.forEach(s -> reset.put(s.skuPartNumber().toUpperCase(Locale.ROOT), s));
        this.cloudResetSkus = Map.copyOf(reset);
        Map<String, WindowsServerRelease> win = new HashMap<>();
        int newest = 0;
        for (WindowsServerRelease r : windowsServer) {
            win.put(r.release().toUpperCase(Locale.ROOT), r);
            newest = Math.max(newest, Integer.parseInt(r.release().substring(0, 4)));
        }
        this.windowsServer = Map.copyOf(win);
        this.newestWindowsYear = newest;
        this.connectBuilds = connectBuilds.stream().sorted(Comparator.comparing(ConnectBuild::build)).toList();
        this.endpoints = List.copyOf(endpoints);
        // Most specific first, so that a marker row wins over the plain row of the same id.
        this.events = events.stream().sorted(Comparator.comparingInt(EventInfo::specificity).reversed()).toList();
        Map<String, ForestLevel> levels = new HashMap<>();
        forestLevels.forEach(l -> levels.put(l.level().toUpperCase(Locale.ROOT), l));
        this.forestLevels = Map.copyOf(levels);
        this.minimumForestLevel = forestLevels.stream().filter(ForestLevel::supported)
                .min(Comparator.comparingInt(ForestLevel::rank)).orElse(null);
        this.connectorPermissions = List.copyOf(connectorPermissions);
    }

    /**
     * The tables' texts in a language: each English cell of a column such as {@code note} or
     * {@code meaning} to the cell of its translation column ({@code note_zh_CN}) in the same row.
     * Findings quote these texts as arguments; a report in that language quotes the translation.
     */
    public Map<String, String> translations(Locale language) {
        String suffix = "_" + language.getLanguage() + "_" + language.getCountry();
        return translations.computeIfAbsent(language, l -> {
            Map<String, String> out = new HashMap<>();
            for (DataTable t : all.values()) {
                for (String column : t.columns()) {
                    if (!column.endsWith(suffix) || !t.columns().contains(TableReader.translated(column))) {
                        continue;
                    }
                    String english = TableReader.translated(column);
                    for (Map<String, String> row : t.rows()) {
                        String from = row.getOrDefault(english, "");
                        String to = row.getOrDefault(column, "");
                        if (!from.isEmpty() && !to.isEmpty()) {
                            out.putIfAbsent(from, to);
                        }
                    }
                }
            }
            return Map.copyOf(out);
        });
    }

    /**
     * Reads the tables from their CSV texts.
     *
     * @param files    file name (such as {@code windows-server.csv}) to its text
     * @param problems receives every problem found, each with file and line
     * @return the tables; a table with errors keeps its good rows
     */
    public static Tables load(Map<String, String> files, List<RuleProblem> problems) {
        return TableReader.read(files, problems);
    }

    /** The file names of the tables this release knows, with the {@code tables.} methods that read each. */
    public static Map<String, List<String>> knownTables() {
        return TableReader.READERS;
    }

    // ---- licenses ------------------------------------------------------------------------

    /** Whether the plan is a writeback plan: by {@code servicePlanId}, or by name when the id is absent. */
    public boolean isWritebackPlan(ServicePlan plan) {
        return plan != null && writebackPlanOf(plan) != null;
    }

    private WritebackPlan writebackPlanOf(ServicePlan plan) {
        String id = plan.servicePlanId();
        String name = plan.servicePlanName() == null ? "" : plan.servicePlanName();
        for (WritebackPlan w : writebackPlans) {
            // equals first (one vector compare): Graph and the table agree on case almost always,
            // and rules ask this of every plan of every SKU, several times per tenant.
            if (id != null ? w.servicePlanId().equals(id) || w.servicePlanId().equalsIgnoreCase(id)
                    : w.servicePlanName().equals(name) || w.servicePlanName().equalsIgnoreCase(name)) {
                return w;
            }
        }
        return null;
    }

    /** Whether the SKU carries a provisioned ({@code Success}) writeback plan. */
    public boolean carriesWritebackPlan(SubscribedSku sku) {
        if (sku == null || sku.servicePlans() == null) {
            return false;
        }
        for (ServicePlan p : sku.servicePlans()) {
            if (p.provisioningStatus() == ProvisioningStatus.SUCCESS && isWritebackPlan(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the SKU might carry a provisioned writeback plan that the facts do not show: its
     * service plans were not collected, or a writeback plan's provisioning status is absent.
     */
    public boolean writebackPlanUnknown(SubscribedSku sku) {
        if (sku == null) {
            return false;
        }
        if (sku.servicePlans() == null) {
            return true;
        }
        for (ServicePlan p : sku.servicePlans()) {
            if (p.provisioningStatus() == null && isWritebackPlan(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a license of the SKU gives its holder writeback: the SKU carries a provisioned
     * writeback plan, known by its id, that the assignment does not disable.
     */
    public boolean grantsWriteback(SubscribedSku sku, AssignedLicense license) {
        return writebackPlansOf(sku, license, true);
    }

    /**
     * Whether the SKU carries a provisioned writeback plan known by name only: there is no id to
     * compare with the assignment's {@code disabledPlans}, so whether it is on cannot be told.
     */
    public boolean grantsWritebackByNameOnly(SubscribedSku sku, AssignedLicense license) {
        return writebackPlansOf(sku, license, false);
    }

    /** The index in the SKU's service plans of its first provisioned writeback plan known by name only, or -1. */
    public int nameOnlyWritebackPlan(SubscribedSku sku) {
        if (sku == null || sku.servicePlans() == null) {
            return -1;
        }
        for (int i = 0; i < sku.servicePlans().size(); i++) {
            ServicePlan p = sku.servicePlans().get(i);
            if (p.servicePlanId() == null && p.provisioningStatus() == ProvisioningStatus.SUCCESS && isWritebackPlan(p)) {
                return i;
            }
        }
        return -1;
    }

    private boolean writebackPlansOf(SubscribedSku sku, AssignedLicense license, boolean byId) {
        if (sku == null || sku.servicePlans() == null || license == null) {
            return false;
        }
        for (ServicePlan p : sku.servicePlans()) {
            if (p.provisioningStatus() != ProvisioningStatus.SUCCESS || !isWritebackPlan(p)) {
                continue;
            }
            if (byId && p.servicePlanId() != null && !license.disables(p.servicePlanId())) {
                return true;
            }
            if (!byId && p.servicePlanId() == null) {
                return true;
            }
        }
        return false;
    }

    /** What an account's licenses mean for writeback (PWB-LIC-004). */
    public enum LicenseState {
        /** A license of a SKU that subscribedSkus does not list: an error, whatever the others give. */
        UNLISTED_SKU,
        /** A license of a usable SKU gives a writeback plan, known by its id and not disabled. */
        GRANTED,
        /** No license surely gives one, but one might: a plan named without its id, a SKU's state or plans unknown. */
        UNCERTAIN,
        /** No license gives a writeback plan. */
        NONE
    }

    /**
     * What the account's licenses mean for writeback: each assigned license is matched to its SKU
     * in {@code skus}; it gives writeback when the SKU is usable and carries a provisioned writeback
     * plan, known by its id, that the assignment's {@code disabledPlans} do not switch off.
     */
    public LicenseState writebackLicense(dev.preflight.facts.User user, List<SubscribedSku> skus) {
        if (user.assignedLicenses() == null || skus == null) {
            return LicenseState.UNCERTAIN;
        }
        boolean granted = false;
        boolean maybe = false;
        for (AssignedLicense l : user.assignedLicenses()) {
            SubscribedSku sku = null;
            for (SubscribedSku s : skus) {
                if (l.isFor(s)) {
                    sku = s;
                    break;
                }
            }
            if (sku == null) {
                return LicenseState.UNLISTED_SKU;
            }
            boolean usable = sku.usable();
            boolean unknownState = sku.capabilityStatus() == null;
            if (usable && grantsWriteback(sku, l)) {
                granted = true;
            } else if ((usable || unknownState) && (grantsWriteback(sku, l) || grantsWritebackByNameOnly(sku, l) || writebackPlanUnknown(sku))) {
                maybe = true;
            }
        }
        return granted ? LicenseState.GRANTED : maybe ? LicenseState.UNCERTAIN : LicenseState.NONE;
    }

    /**
     * Describes an account's licenses for a finding: each assigned SKU by part number, and why it
     * does not give writeback ("ENTERPRISEPACK (no writeback plan), AAD_PREMIUM (plan disabled)").
     */
    public String describeLicenses(dev.preflight.facts.User user, List<SubscribedSku> skus) {
        if (user == null || user.assignedLicenses() == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (AssignedLicense l : user.assignedLicenses()) {
            SubscribedSku sku = skus == null ? null : skus.stream().filter(l::isFor).findFirst().orElse(null);
            if (sku == null) {
                parts.add(l.skuId() + " (not among subscribedSkus)"); // these notes: value.* texts translate them
            } else if (!sku.usable()) {
                parts.add(sku.label() + " (" + (sku.capabilityStatus() == null ? "subscription state unknown" : "subscription " + sku.capabilityStatus().name()) + ")");
            } else if (grantsWriteback(sku, l)) {
                parts.add(sku.label() + " (gives writeback)");
            } else if (carriesWritebackPlan(sku)) {
                parts.add(sku.label() + " (writeback plan disabled in this assignment)");
            } else {
                parts.add(sku.label() + " (no writeback plan)");
            }
        }
        return String.join(", ", parts);
    }

    /** Whether the SKU qualifies cloud-only users for password reset (the cloud-reset table). */
    public boolean cloudResetSku(SubscribedSku sku) {
        return sku != null && sku.skuPartNumber() != null
                && cloudResetSkus.containsKey(sku.skuPartNumber().toUpperCase(Locale.ROOT));
    }

    /**
     * The products that carry writeback, for remediation texts: a message lists them as its language
     * does ("Entra ID P1, Entra ID P2, ..."; "Entra ID P1、Entra ID P2、...").
     */
    public List<String> writebackProducts() {
        return writebackSkus.stream().map(s -> s.product().isEmpty() ? s.skuPartNumber() : s.product()).toList();
    }

    // ---- Windows Server ------------------------------------------------------------------

    /**
     * The release an {@code operatingSystem} string names, by its year token plus an optional
     * {@code R2}, ignoring every other word and the (R) and (TM) signs; a year newer than every
     * listed one counts as the newest release. {@code null} when unrecognised.
     */
    public WindowsServerRelease windowsServer(String operatingSystem) {
        if (operatingSystem == null) {
            return null;
        }
        // Several rules ask about every DC: remember the answers (the strings repeat across tenants too).
        Object cached = windowsCache.get(operatingSystem);
        if (cached != null) {
            return cached == NONE ? null : (WindowsServerRelease) cached;
        }
        WindowsServerRelease r = parseWindowsServer(operatingSystem);
        if (windowsCache.size() < CACHE_LIMIT) {
            windowsCache.put(operatingSystem, r == null ? NONE : r);
        }
        return r;
    }

    private WindowsServerRelease parseWindowsServer(String operatingSystem) {
        String s = operatingSystem.replace("®", " ").replace("™", " ");
        Matcher year = YEAR.matcher(s);
        if (!year.find()) {
            return null;
        }
        String y = year.group(1);
        if (year.find() && !year.group(1).equals(y)) {
            return null; // two different years: ambiguous
        }
        boolean r2 = R2.matcher(s).find();
        WindowsServerRelease r = windowsServer.get(r2 ? y + " R2" : y);
        if (r == null && !r2 && Integer.parseInt(y) > newestWindowsYear && newestWindowsYear > 0) {
            r = windowsServer.get(String.valueOf(newestWindowsYear));
        }
        return r;
    }

    /** The status of the release an {@code operatingSystem} string names, or {@code null} when unrecognised. */
    public WindowsServerRelease.Status windowsStatus(String operatingSystem) {
        WindowsServerRelease r = windowsServer(operatingSystem);
        return r == null ? null : r.status();
    }

    /** Whether the string names a release, known to the table, that a DC on it needs a newer service pack for. */
    public boolean lacksServicePack(dev.preflight.facts.DomainController dc) {
        WindowsServerRelease r = windowsServer(dc.operatingSystem());
        return r != null && r.status() != WindowsServerRelease.Status.UNSUPPORTED && r.servicePackRequired() > dc.servicePack();
    }

    // ---- Connect builds ------------------------------------------------------------------

    /** The highest listed build not above the version, or {@code null} when it is older than every listed build. */
    public ConnectBuild connectBuildFor(Version version) {
        ConnectBuild found = null;
        if (version != null) {
            for (ConnectBuild b : connectBuilds) {
                if (b.build().compareTo(version) <= 0) {
                    found = b;
                }
            }
        }
        return found;
    }

    /** The newest listed build, or {@code null} when the table is empty. */
    public ConnectBuild newestConnectBuild() {
        return connectBuilds.isEmpty() ? null : connectBuilds.get(connectBuilds.size() - 1);
    }

    /** The highest build that is mandatory on the date ({@code requiredFrom} on or before it), or {@code null}. */
    public ConnectBuild requiredConnectBuild(LocalDate date) {
        ConnectBuild found = null;
        for (ConnectBuild b : connectBuilds) {
            if (b.requiredFrom() != null && !b.requiredFrom().isAfter(date)) {
                found = b;
            }
        }
        return found;
    }

    // ---- endpoints -----------------------------------------------------------------------

    /** The endpoint of the service ({@code passwordReset}, {@code serviceBus}) in the cloud, or {@code null} when not listed. */
    public Endpoint endpoint(Cloud cloud, String service) {
        for (Endpoint e : endpoints) {
            if (e.cloud() == cloud && (e.service().equals(service) || e.service().equalsIgnoreCase(service))) {
                return e;
            }
        }
        return null;
    }

    /** Whether the table lists a host for the service in the cloud. */
    public boolean documentedEndpoint(Cloud cloud, String service) {
        Endpoint e = endpoint(cloud, service);
        return e != null && e.documented();
    }

    /** Whether the probe tested the service's endpoint in the cloud (port 443, the host or below it). */
    public boolean probes(dev.preflight.facts.Probe probe, Cloud cloud, String service) {
        Endpoint e = endpoint(cloud, service);
        return e != null && e.documented() && probe.targets(e.host());
    }

    // ---- events --------------------------------------------------------------------------

    /** The documented kind of the event, the most specific row first, or {@code null} when undocumented. */
    public EventInfo event(ConnectEvent event) {
        if (event == null) {
            return null;
        }
        for (EventInfo info : events) {
            if (info.matches(event)) {
                return info;
            }
        }
        return null;
    }

    /** Whether the event is a documented writeback error (not an informational one). */
    public boolean errorEvent(ConnectEvent event) {
        EventInfo i = event(event);
        return i != null && i.error();
    }

    /** Whether the event means the writeback service stopped or is failing. */
    public boolean serviceHealthEvent(ConnectEvent event) {
        EventInfo i = event(event);
        return i != null && i.serviceHealth();
    }

    // ---- forests -------------------------------------------------------------------------

    /** The functional level named (case-insensitive), or {@code null} when unrecognised. */
    public ForestLevel forestLevel(String forestMode) {
        return forestMode == null ? null : forestLevels.get(forestMode.strip().toUpperCase(Locale.ROOT));
    }

    /** Whether the functional level is known to the table and not supported. */
    public boolean unsupportedForestLevel(String forestMode) {
        ForestLevel l = forestLevel(forestMode);
        return l != null && !l.supported();
    }

    /** The lowest supported functional level, or {@code null} when none is. */
    public ForestLevel minimumForestLevel() {
        return minimumForestLevel;
    }

    // ---- connector account ---------------------------------------------------------------

    /** The permissions the AD DS connector account needs. */
    public List<String> connectorPermissions() {
        return connectorPermissions;
    }

    /** The needed permissions the account lacks, comma-separated; empty when it has them all. */
    public String missingPermissions(ConnectorAccount account) {
        List<String> missing = new ArrayList<>();
        for (String p : connectorPermissions) {
            if (account == null || !account.holds(p)) {
                missing.add(p);
            }
        }
        return String.join(", ", missing);
    }

    // ---- any table -----------------------------------------------------------------------

    /**
     * Any table by its file name without {@code .csv}; an empty table when there is none, so
     * that a rule reading a deleted table sees no rows rather than failing.
     */
    public DataTable table(String name) {
        DataTable t = all.get(name);
        return t != null ? t : new DataTable(name, List.of(), List.of());
    }

    /** The names of every table loaded. */
    public java.util.Set<String> names() {
        return all.keySet();
    }
}
