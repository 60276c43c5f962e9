package dev.preflight.collection;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.api.MissingFact.Reason;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Entra Connect server's files ({@code onprem/Get-ADSync*.json}, {@code server.json}, events, probes, ACLs). */
final class ConnectReader {

    static final String ENTRA_SUBTYPE = "Windows Azure Active Directory (Microsoft)";
    private static final String C = "onPremises.connect.";
    private static final String CONNECTORS = "onprem/Get-ADSyncConnector.json";
    /** .NET Framework 4.5 and later: the smallest Release value of each version. */
    private static final long[][] NET_RELEASES = {{533320, 481}, {528040, 48}, {461808, 472}, {461308, 471}, {460798, 47},
        {394802, 462}, {394254, 461}, {393295, 46}, {379893, 452}, {378675, 451}, {378389, 45}};
    private static final Pattern WINDOWS_SERVER_YEAR = Pattern.compile("Windows Server (\\d{4})");

    private final ImportContext ctx;
    private final FactTree.Obj connect;
    private final List<String> adConnectors = new ArrayList<>();
    private String entraConnector;
    private Long netRelease;
    private String serverOs;

    ConnectReader(ImportContext ctx) {
        this.ctx = ctx;
        this.connect = ctx.root().obj("onPremises").obj("connect");
    }

    void read() {
        installed();
        ctx.guard(CONNECTORS, this::connectors);
        ctx.guard("onprem/Get-ADSyncScheduler.json",
                () -> single("onprem/Get-ADSyncScheduler.json", "stagingMode", "StagingModeEnabled"));
        ctx.guard("onprem/Get-ADSyncAADPasswordResetConfiguration.json",
                () -> single("onprem/Get-ADSyncAADPasswordResetConfiguration.json", "passwordWritebackEnabled", "Enabled"));
        ctx.guard("onprem/Get-ADSyncGlobalSettings.json", this::globalSettings);
        ctx.guard("onprem/server.json", this::server);
        ctx.guard("onprem/Get-ADSyncToolsTls12.json", this::tls12);
        ctx.guard("onprem/Get-ADSyncRunProfileResult.json", this::runHistory);
        ctx.guard("onprem/Get-WinEvent.json", this::events);
        ctx.guard("onprem/Test-NetConnection.json", this::probes);
        ctx.guard("onprem/connector-acl.json", this::permissions);
    }

    private void installed() {
        ctx.files.keySet().stream().filter(f -> FactSources.matches("onprem/Get-ADSync*.json", f) || f.equals("onprem/server.json"))
                .findFirst().ifPresent(f -> connect.set("installed", true, f, "Connect-server exports are present"));
    }

    private void connectors() {
        PsNode doc = ctx.read(CONNECTORS);
        if (doc == null) {
            Reason why = Reasons.of(ctx.exists(CONNECTORS) ? Reasons.UNREADABLE : Reasons.CONNECTORS_ABSENT, CONNECTORS);
            for (String f : List.of("lastFullImport.ad", "lastFullImport.entraId", "lastFullSync.ad", "lastFullSync.entraId")) {
                ctx.reason(C + f, why);
            }
            return;
        }
        List<PsNode> all = new ArrayList<>();
        ctx.each(doc, C + "connectorAccount.name", all::add);
        List<PsNode> ad = new ArrayList<>();
        for (PsNode c : all) {
            String name = c.get("Name").nonEmptyText(C + "lastFullImport");
            if ("AD".equalsIgnoreCase(c.get("Type").text(C + "lastFullImport"))) {
                adConnectors.add(name);
                ad.add(c);
            } else if (ENTRA_SUBTYPE.equalsIgnoreCase(c.get("Subtype").text(C + "lastFullImport"))) {
                entraConnector = name;
            }
        }
        if (entraConnector == null) {
            for (PsNode c : all) {
                String name = c.get("Name").nonEmptyText(C + "lastFullImport");
                if (name != null && name.endsWith(" - AAD")) {
                    entraConnector = name;
                }
            }
        }
        FactTree.Obj account = connect.obj("connectorAccount");
        // collection.md: with several AD connectors, each distinct account once, in the export's order, joined by "; ".
        List<String> accounts = new ArrayList<>();
        String accountFile = null;
        List<String> preferred = new ArrayList<>();
        boolean partitionsRead = !ad.isEmpty();
        for (PsNode c : ad) {
            try {
                String user = c.get("ADConnectorAccountName").nonEmptyText(C + "connectorAccount.name");
                String domain = c.get("ADConnectorAccountDomain").nonEmptyText(C + "connectorAccount.name");
                if (user == null && c.has("ConnectivityParameters")) {
                    c.get("ConnectivityParameters").objects(C + "connectorAccount.name"); // names a truncation
                }
                String name = user == null ? null : domain == null ? user : domain + "\\" + user;
                if (name != null && accounts.stream().noneMatch(name::equalsIgnoreCase)) {
                    accounts.add(name);
                    accountFile = c.file();
                }
            } catch (ImportException e) {
                ctx.report(e.diagnostic());
                account.missing("name", Reasons.of(Reasons.TRUNCATED_EXPORT, e.reason()));
            }
            try {
                for (PsNode p : c.get("Partitions").objects(C + "preferredDomainControllers")) {
                    if (Boolean.FALSE.equals(p.get("Selected").bool(C + "preferredDomainControllers"))) {
                        continue;
                    }
                    for (String dc : p.get("PreferredDCs").strings(C + "preferredDomainControllers")) {
                        if (preferred.stream().noneMatch(dc::equalsIgnoreCase)) {
                            preferred.add(dc);
                        }
                    }
                }
            } catch (ImportException e) {
                ctx.report(e.diagnostic());
                connect.missing("preferredDomainControllers", Reasons.of(Reasons.TRUNCATED_EXPORT, e.reason()));
                partitionsRead = false;
            }
        }
        if (!accounts.isEmpty()) {
            account.set("name", String.join("; ", accounts), accountFile,
                    ad.size() > 1 ? "the accounts of the " + ad.size() + " AD connectors" : null);
        }
        if (partitionsRead) {
            connect.set("preferredDomainControllers", preferred, CONNECTORS, null);
        }
        if (ad.isEmpty()) {
            ctx.warn(CONNECTORS, C + "connectorAccount.name", "no connector of Type AD");
        }
    }

    /** A one-object file whose one property gives one Connect fact. */
    private void single(String file, String field, String property) {
        ctx.eachIn(file, C + field, o -> connect.set(field, o.get(property).bool(C + field), file, null));
    }

    private void globalSettings() {
        String file = "onprem/Get-ADSyncGlobalSettings.json";
        ctx.eachIn(file, C + "version", p -> {
            if ("Microsoft.Synchronize.ServerConfigurationVersion".equalsIgnoreCase(p.get("Name").text(C + "version"))) {
                connect.set("version", p.get("Value").nonEmptyText(C + "version"), file, null);
            }
        });
    }

    private void server() {
        String file = "onprem/server.json";
        ctx.eachIn(file, C + "serverOperatingSystem", s -> {
            serverOs = s.get("OperatingSystem").nonEmptyText(C + "serverOperatingSystem");
            if (serverOs != null) {
                connect.set("serverOperatingSystem", serverOs.strip().replaceFirst("^Microsoft ", ""), file, null);
            }
            netRelease = s.get("NetFx4Release").integer(C + "dotNetVersion");
            if (netRelease != null) {
                String v = dotNet(netRelease);
                if (v == null) {
                    ImportException e = s.get("NetFx4Release").problem(C + "dotNetVersion", "Release " + netRelease + " is older than .NET Framework 4.5");
                    ctx.report(e.diagnostic());
                    connect.missing("dotNetVersion", Reasons.of(Reasons.UNRECOGNISED_VALUE, e.reason()));
                } else {
                    connect.set("dotNetVersion", v, file, "from Release " + netRelease);
                }
            }
            connect.set("version", s.get("ConnectVersion").nonEmptyText(C + "version"), file, null);
        });
    }

    static String dotNet(long release) {
        for (long[] r : NET_RELEASES) {
            if (release >= r[0]) {
                String digits = Long.toString(r[1]);
                return String.join(".", digits.split(""));
            }
        }
        return null;
    }

    private void tls12() {
        String file = "onprem/Get-ADSyncToolsTls12.json";
        PsNode doc = ctx.read(file);
        if (doc == null) {
            return;
        }
        try {
            Boolean win2016 = null;
            if (serverOs != null) {
                Matcher m = WINDOWS_SERVER_YEAR.matcher(serverOs);
                win2016 = m.find() && Integer.parseInt(m.group(1)) >= 2016;
            }
            Boolean net47 = netRelease == null ? null : netRelease >= 460798;
            Tls12.Verdict v = Tls12.judge(doc.objects(C + "tls12Enabled"), win2016, net47);
            if (v.enabled() == null) {
                connect.missing("tls12Enabled", v.why());
            } else {
                connect.set("tls12Enabled", v.enabled(), file, v.note());
            }
        } catch (ImportException e) {
            ctx.fail(e, C + "tls12Enabled");
        }
    }

    private void runHistory() {
        String file = "onprem/Get-ADSyncRunProfileResult.json";
        PsNode doc = ctx.read(file);
        if (doc == null || adConnectors.isEmpty() && entraConnector == null) {
            return;
        }
        RunHistory history = new RunHistory(ctx, doc, ctx.utcOffset);
        for (String[] step : new String[][] {{"lastFullImport", "Full Import", "Delta Import"}, {"lastFullSync", "Full Synchronization", "Delta Synchronization"}}) {
            FactTree.Obj runs = connect.obj(step[0]);
            if (!adConnectors.isEmpty()) {
                List<RunHistory.Outcome> ad = new ArrayList<>();
                for (String name : adConnectors) {
                    ad.add(history.of(name, step[1], step[2]));
                }
                write(runs, "ad", RunHistory.oldest(ad), file, adConnectors.size() > 1 ? "the oldest of the AD connectors " + adConnectors : null);
            } else {
                runs.missing("ad", Reasons.of(Reasons.NO_AD_CONNECTOR, CONNECTORS));
            }
            if (entraConnector != null) {
                write(runs, "entraId", history.of(entraConnector, step[1], step[2]), file, null);
            } else {
                runs.missing("entraId", Reasons.of(Reasons.NO_ENTRA_CONNECTOR, CONNECTORS));
            }
        }
    }

    private static void write(FactTree.Obj runs, String field, RunHistory.Outcome o, String file, String extra) {
        if (o.time() == null) {
            runs.missing(field, o.missing());
            return;
        }
        String note = o.note() == null ? extra : extra == null ? o.note() : extra + "; " + o.note();
        runs.set(field, o.time().toString(), file, note);
    }

    private void events() {
        String file = "onprem/Get-WinEvent.json";
        PsNode doc = ctx.read(file, true);
        if (doc == null) {
            return;
        }
        String fact = C + "recentEvents";
        ArrayNode events = JsonNodeFactory.instance.arrayNode();
        List<String> notes = new ArrayList<>();
        try {
            for (PsNode e : doc.objects(fact)) {
                ObjectNode o = events.addObject();
                o.put("source", e.get("ProviderName").text(fact));
                o.put("id", e.get("Id").integer(fact));
                PsNode.Dated time = e.get("TimeCreated").date(fact, PsNode.Clock.LOCAL, ctx.utcOffset);
                if (time != null) {
                    o.put("time", time.instant().toString());
                    if (time.note() != null && !notes.contains(time.note())) {
                        notes.add(time.note());
                    }
                }
                String message = e.get("Message").text(fact);
                if (message != null) {
                    o.put("message", message);
                }
            }
            connect.set("recentEvents", events, file, events.isEmpty() ? "collected: no matching event" : notes.isEmpty() ? null : String.join("; ", notes));
        } catch (ImportException e) {
            ctx.fail(e, fact);
        }
    }

    private void probes() {
        String file = "onprem/Test-NetConnection.json";
        PsNode doc = ctx.read(file);
        if (doc == null) {
            return;
        }
        String fact = "onPremises.network.probes";
        ArrayNode probes = JsonNodeFactory.instance.arrayNode();
        Map<String, Boolean> byHost389 = new LinkedHashMap<>();
        try {
            for (PsNode p : doc.objects(fact)) {
                String host = p.get("ComputerName").nonEmptyText(fact);
                Long port = p.get("RemotePort").integer(fact);
                Boolean ok = p.get("TcpTestSucceeded").bool(fact);
                if (host == null || port == null || ok == null) {
                    throw p.problem(fact, "a probe needs ComputerName, RemotePort and TcpTestSucceeded");
                }
                ObjectNode o = probes.addObject();
                o.put("host", host);
                o.put("port", port);
                o.put("reachable", ok);
                if (port == 389) {
                    byHost389.merge(hostKey(host), ok, Boolean::logicalAnd);
                }
            }
            ctx.root().obj("onPremises").obj("network").set("probes", probes, file, null);
        } catch (ImportException e) {
            ctx.fail(e, fact, "onPremises.forests[].domains[].pdcEmulatorReachable");
            return;
        }
        FactTree.Obj onPremises = ctx.root().obj("onPremises");
        if (!onPremises.hasList("forests")) {
            return;
        }
        for (FactTree.Obj forest : onPremises.list("forests")) {
            for (FactTree.Obj d : forest.hasList("domains") ? forest.list("domains") : List.<FactTree.Obj>of()) {
                String pdc = d.text("pdcEmulator");
                if (pdc == null) {
                    d.missing("pdcEmulatorReachable", Reasons.of(Reasons.PDC_UNKNOWN, "onprem/Get-ADDomain.json"));
                } else if (byHost389.containsKey(hostKey(pdc))) {
                    d.set("pdcEmulatorReachable", byHost389.get(hostKey(pdc)), file, "port 389 of " + pdc);
                } else {
                    d.missing("pdcEmulatorReachable", Reasons.of(Reasons.NO_PDC_PROBE, file, pdc, "389"));
                }
            }
        }
    }

    private static String hostKey(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private void permissions() {
        List<String> files = ctx.matching("onprem/connector-acl.<domain>.json");
        if (files.isEmpty()) {
            return;
        }
        Set<ConnectorPermissions.Token> common = null;
        List<String> examined = new ArrayList<>();
        for (String file : files) {
            PsNode doc = ctx.read(file);
            if (doc == null) {
                connect.obj("connectorAccount").missing("permissions", Reasons.of(Reasons.PERMISSIONS_UNREADABLE, file));
                return;
            }
            Set<ConnectorPermissions.Token> granted = ConnectorPermissions.granted(ctx, doc);
            common = common == null ? EnumSet.copyOf(granted.isEmpty() ? EnumSet.noneOf(ConnectorPermissions.Token.class) : granted) : common;
            common.retainAll(granted);
            examined.add(ActiveDirectoryReader.scope(file, "connector-acl"));
        }
        List<String> notExamined = new ArrayList<>();
        FactTree.Obj onPremises = ctx.root().obj("onPremises");
        if (onPremises.hasList("forests")) {
            for (FactTree.Obj forest : onPremises.list("forests")) {
                for (FactTree.Obj d : forest.hasList("domains") ? forest.list("domains") : List.<FactTree.Obj>of()) {
                    String name = d.text("name");
                    if (name != null && examined.stream().noneMatch(name::equalsIgnoreCase)) {
                        notExamined.add(name);
                    }
                }
            }
        }
        String note = "granted on every examined domain: " + examined + (notExamined.isEmpty() ? "" : "; not examined: " + notExamined);
        connect.obj("connectorAccount").set("permissions", ConnectorPermissions.names(common), files.size() == 1 ? files.get(0) : "onprem/connector-acl.*.json", note);
    }
}
