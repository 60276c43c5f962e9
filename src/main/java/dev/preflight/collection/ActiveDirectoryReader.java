package dev.preflight.collection;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Active Directory files ({@code onprem/Get-AD*.json}): forests, domains, controllers, password policy. */
final class ActiveDirectoryReader {

    /** ADForestMode's integers (Set-ADForestMode); -1 UnknownForest and 8, 9 are deliberately unrecognised. */
    static final Map<Integer, String> FOREST_MODES = PsNode.table(0, "Windows2000Forest", 1, "Windows2003InterimForest",
            2, "Windows2003Forest", 3, "Windows2008Forest", 4, "Windows2008R2Forest", 5, "Windows2012Forest",
            6, "Windows2012R2Forest", 7, "Windows2016Forest", 10, "Windows2025Forest");
    private static final long TICKS_PER_DAY = 864_000_000_000L;
    private static final String DOMAINS = "onPremises.forests[].domains";

    private final ImportContext ctx;

    ActiveDirectoryReader(ImportContext ctx) {
        this.ctx = ctx;
    }

    void read() {
        FactTree.Obj onPremises = ctx.root().obj("onPremises");
        for (String file : ctx.matching("onprem/Get-ADForest.json")) {
            ctx.guard(file, () -> ctx.eachIn(file, "onPremises.forests", f -> forest(onPremises, f)));
        }
        for (String file : ctx.matching("onprem/Get-ADDomain.json")) {
            ctx.guard(file, () -> ctx.eachIn(file, DOMAINS, d -> domain(onPremises, d)));
        }
        for (String file : ctx.matching("onprem/Get-ADDomainController.json")) {
            PsNode doc = ctx.read(file);
            if (doc != null) {
                try {
                    controllers(onPremises, doc.objects(DOMAINS + "[].domainControllers"));
                } catch (ImportException e) {
                    ctx.fail(e, DOMAINS + "[].domainControllers");
                }
            }
        }
        for (String file : ctx.matching("onprem/Get-ADDefaultDomainPasswordPolicy.json")) {
            ctx.guard(file, () -> ctx.eachIn(file, DOMAINS + "[].minPasswordAgeDays", p -> passwordPolicy(onPremises, p)));
        }
        if (onPremises.hasList("forests")) {
            for (FactTree.Obj forest : onPremises.list("forests")) {
                for (FactTree.Obj d : forest.hasList("domains") ? forest.list("domains") : List.<FactTree.Obj>of()) {
                    String name = d.text("name");
                    d.missing("pdcEmulator", Reasons.of(Reasons.NO_FILE_FOR_DOMAIN, "onprem/Get-ADDomain[.<scope>].json", name));
                    d.missing("domainControllers", Reasons.of(Reasons.NO_FILE_FOR_DOMAIN, "onprem/Get-ADDomainController[.<scope>].json", name));
                    d.missing("minPasswordAgeDays", Reasons.of(Reasons.NO_FILE_FOR_DOMAIN, "onprem/Get-ADDefaultDomainPasswordPolicy[.<scope>].json", name));
                }
            }
        }
    }

    private void forest(FactTree.Obj onPremises, PsNode f) {
        String name = f.get("Name").nonEmptyText("onPremises.forests[].name");
        if (name == null) {
            throw f.problem("onPremises.forests[].name", "a forest without Name");
        }
        checkScope(f, name, "onPremises.forests[].name");
        FactTree.Obj forest = forestNamed(onPremises, name, f.file());
        try {
            forest.set("forestMode", f.get("ForestMode").enumName("onPremises.forests[].forestMode", "ADForestMode", FOREST_MODES), f.file(), null);
        } catch (ImportException e) {
            ctx.report(e.diagnostic());
            forest.missing("forestMode", Reasons.of(Reasons.UNRECOGNISED_VALUE, e.reason()));
        }
        List<String> domains = f.get("Domains").strings(DOMAINS);
        forest.list("domains");
        for (String d : domains) {
            domainNamed(forest, d, f.file());
        }
    }

    private static FactTree.Obj forestNamed(FactTree.Obj onPremises, String name, String file) {
        return onPremises.named("forests", "name", name, file);
    }

    private static FactTree.Obj domainNamed(FactTree.Obj forest, String name, String file) {
        return forest.named("domains", "name", name, file);
    }

    /** The domain of that name in any forest, or null. */
    private static FactTree.Obj findDomain(FactTree.Obj onPremises, String name) {
        if (!onPremises.hasList("forests")) {
            return null;
        }
        for (FactTree.Obj f : onPremises.list("forests")) {
            if (f.hasList("domains")) {
                for (FactTree.Obj d : f.list("domains")) {
                    if (name.equalsIgnoreCase(d.text("name"))) {
                        return d;
                    }
                }
            }
        }
        return null;
    }

    private void domain(FactTree.Obj onPremises, PsNode d) {
        String fact = DOMAINS + "[].name";
        String name = d.get("DNSRoot").nonEmptyText(fact);
        if (name == null) {
            throw d.problem(fact, "a domain without DNSRoot");
        }
        if (!checkScope(d, name, DOMAINS + "[].pdcEmulator")) {
            return;
        }
        FactTree.Obj domain = findDomain(onPremises, name);
        if (domain == null) {
            String forestName = d.get("Forest").nonEmptyText("onPremises.forests[].name");
            if (forestName == null) {
                throw d.problem(fact, "domain " + name + " is in no exported forest and names none (Forest)");
            }
            domain = domainNamed(forestNamed(onPremises, forestName, d.file()), name, d.file());
        }
        domain.set("pdcEmulator", d.get("PDCEmulator").nonEmptyText(DOMAINS + "[].pdcEmulator"), d.file(), null);
    }

    private void controllers(FactTree.Obj onPremises, List<PsNode> dcs) {
        String fact = DOMAINS + "[].domainControllers";
        Map<String, ArrayNode> byDomain = new java.util.LinkedHashMap<>();
        String file = null;
        for (PsNode dc : dcs) {
            file = dc.file();
            String domain;
            try {
                domain = dc.get("Domain").nonEmptyText(fact);
            } catch (ImportException e) {
                ctx.report(e.diagnostic());
                continue;
            }
            if (domain == null) {
                ctx.report(dc.problem(fact, "a domain controller without Domain").diagnostic());
                continue;
            }
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            try {
                o.put("hostName", dc.get("HostName").text(fact));
            } catch (ImportException e) {
                ctx.report(e.diagnostic());
            }
            // The system and its service pack are judged together: one unreadable leaves both absent
            // (unknown), never a system "without a service pack".
            try {
                String os = dc.get("OperatingSystem").nonEmptyText(fact);
                String sp = dc.get("OperatingSystemServicePack").nonEmptyText(fact);
                if (os != null) {
                    o.put("operatingSystem", os);
                }
                if (sp != null) {
                    o.put("operatingSystemServicePack", sp);
                }
            } catch (ImportException e) {
                ctx.report(e.diagnostic());
            }
            try {
                Boolean ro = dc.get("IsReadOnly").bool(fact);
                if (ro != null) {
                    o.put("isReadOnly", ro);
                }
            } catch (ImportException e) {
                ctx.report(e.diagnostic());
            }
            o.put("_domain", domain);
            byDomain.computeIfAbsent(domain.toLowerCase(Locale.ROOT), k -> JsonNodeFactory.instance.arrayNode()).add(o);
        }
        for (Map.Entry<String, ArrayNode> e : byDomain.entrySet()) {
            String name = e.getValue().get(0).get("_domain").asText();
            e.getValue().forEach(o -> ((ObjectNode) o).remove("_domain"));
            String scope = scope(file, "Get-ADDomainController");
            if (scope != null && byDomain.size() == 1 && !scope.equalsIgnoreCase(name) && scope.contains(".")) {
                conflictWithScope(onPremises, file, scope, name, "domainControllers");
                continue;
            }
            FactTree.Obj domain = findDomain(onPremises, name);
            if (domain == null) {
                ctx.warn(file, fact, "domain " + name + " is in no exported forest (onprem/Get-ADForest.json): its domain controllers are not imported");
                continue;
            }
            domain.set("domainControllers", e.getValue(), file, null);
        }
    }

    private void passwordPolicy(FactTree.Obj onPremises, PsNode p) {
        String fact = DOMAINS + "[].minPasswordAgeDays";
        String dn = p.get("DistinguishedName").nonEmptyText(fact);
        if (dn == null) {
            throw p.problem(fact, "a password policy without DistinguishedName");
        }
        String name = dnsName(dn);
        if (!checkScope(p, name, fact)) {
            return;
        }
        long ticks = p.get("MinPasswordAge").ticks(fact);
        long days = Math.max(0, Math.floorDiv(ticks + TICKS_PER_DAY - 1, TICKS_PER_DAY));
        FactTree.Obj domain = findDomain(onPremises, name);
        if (domain == null) {
            ctx.warn(p.file(), fact, "domain " + name + " is in no exported forest (onprem/Get-ADForest.json): its password policy is not imported");
            return;
        }
        domain.set("minPasswordAgeDays", days, p.file(), ticks % TICKS_PER_DAY == 0 ? null : "MinPasswordAge rounded up to whole days");
    }

    /** {@code DC=corp,DC=contoso,DC=com} to {@code corp.contoso.com}. */
    static String dnsName(String dn) {
        StringBuilder sb = new StringBuilder();
        for (String part : dn.split(",")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "DC=", 0, 3)) {
                sb.append(sb.length() == 0 ? "" : ".").append(p.substring(3));
            }
        }
        return sb.toString();
    }

    /** The scope in a file name: {@code emea.corp.contoso.com} of {@code onprem/Get-ADDomain.emea.corp.contoso.com.json}. */
    static String scope(String file, String cmdlet) {
        if (file == null) {
            return null;
        }
        String base = file.substring(file.lastIndexOf('/') + 1);
        String prefix = cmdlet + ".";
        if (base.length() > prefix.length() + 5 && base.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return base.substring(prefix.length(), base.length() - ".json".length());
        }
        return null;
    }

    /** False (and the fact a conflict) when a file's scope names another domain than its contents. */
    private boolean checkScope(PsNode n, String name, String fact) {
        String cmdlet = n.file().substring(n.file().lastIndexOf('/') + 1).split("\\.")[0];
        String scope = scope(n.file(), cmdlet);
        if (scope == null || !scope.contains(".") || scope.equalsIgnoreCase(name)) {
            return true;
        }
        if (fact.startsWith("onPremises.forests[].name")) {
            // A forest file's scope may name any domain of the forest.
            return true;
        }
        String field = fact.substring(fact.lastIndexOf('.') + 1);
        conflictWithScope(ctx.root().obj("onPremises"), n.file(), scope, name, field);
        return false;
    }

    private void conflictWithScope(FactTree.Obj onPremises, String file, String scope, String content, String field) {
        dev.preflight.api.MissingFact.Reason reason = Reasons.of(Reasons.SCOPE_CONFLICT, file, scope, content);
        ctx.warn(file, DOMAINS + "[]." + field, reason.english() + "; not imported");
        for (String name : List.of(scope, content)) {
            FactTree.Obj d = findDomain(onPremises, name);
            if (d != null) {
                d.missing(field, reason);
            }
        }
    }
}
