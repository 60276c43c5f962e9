package dev.preflight.collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.api.MissingFact.Reason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The Microsoft Graph half of a collection ({@code graph/}): tenant, licences, the users that matter. */
final class GraphReader {

    static final String GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";
    static final String HYBRID_ADMIN = "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2";
    private static final String ORG = "graph/organization.json";
    private static final String ROLES = "graph/roleAssignments.json";

    private final ImportContext ctx;

    GraphReader(ImportContext ctx) {
        this.ctx = ctx;
    }

    void read(Set<String> answeredUpns) {
        ctx.guard(ORG, this::organization);
        ctx.guard("graph/subscribedSkus.json", this::subscribedSkus);
        ctx.guard("graph/userCount.txt", this::counts);
        ctx.guard("graph/users.json", () -> users(answeredUpns));
    }

    private void organization() {
        PsNode body = ctx.graphObject(ORG);
        if (body == null) {
            return;
        }
        FactTree.Obj tenant = ctx.root().obj("tenant");
        String fact = "tenant.tenantId";
        try {
            List<PsNode> orgs = body.has("value") ? body.get("value").objects(fact) : List.of(body);
            if (orgs.isEmpty()) {
                throw body.problem(fact, "the organization list is empty");
            }
            PsNode org = orgs.get(0);
            String id = org.get("id").nonEmptyText(fact);
            String named = tenant.text("tenantId");
            if (id != null && named != null && !id.strip().equalsIgnoreCase(named.strip())) {
                // collection.md: files of two tenants are never mixed into one report.
                throw new UnusableCollectionException("files of two different tenants: " + tenant.leaf("tenantId").source() + " names tenant "
                        + named + ", " + ORG + " names tenant " + id + "; collect each tenant into a collection of its own");
            }
            if (named == null) {
                tenant.set("tenantId", id, ORG, null);
            }
            if (org.get("id").isNull()) {
                tenant.missing("tenantId", Reasons.of(Reasons.NO_ID, ORG));
            }
            tenant.set("displayName", org.get("displayName").nonEmptyText("tenant.displayName"), ORG, null);
            if (org.has("onPremisesSyncEnabled")) {
                Boolean sync = org.get("onPremisesSyncEnabled").bool("tenant.onPremisesSyncEnabled");
                tenant.set("onPremisesSyncEnabled", sync != null && sync, ORG,
                        sync == null ? "Graph's null: never synchronised" : null);
            }
            PsNode last = org.get("onPremisesLastSyncDateTime");
            if (last.isNull()) {
                tenant.missing("onPremisesLastSyncDateTime", Reasons.of(Reasons.NO_SYNC_RECORDED, ORG));
            } else {
                PsNode.Dated d = last.date("tenant.onPremisesLastSyncDateTime", PsNode.Clock.LOCAL, null);
                tenant.set("onPremisesLastSyncDateTime", d.instant().toString(), ORG, d.note());
            }
            String context = body.get("@odata.context").nonEmptyText("tenant.cloud");
            String cloud = cloudOfHost(context);
            if (cloud != null && tenant.leaf("cloud") == null && tenant.missingReason("cloud") == null) {
                tenant.set("cloud", cloud, ORG, "from the host in @odata.context");
            }
        } catch (ImportException e) {
            ctx.report(e.diagnostic());
        }
    }

    /** Public, USGov or China from a Graph address; null when it names none of their hosts. */
    static String cloudOfHost(String url) {
        if (url == null) {
            return null;
        }
        String u = url.toLowerCase(Locale.ROOT);
        if (u.contains("://graph.microsoft.com/")) {
            return "Public";
        }
        if (u.contains("://graph.microsoft.us/") || u.contains("://dod-graph.microsoft.us/")) {
            return "USGov";
        }
        if (u.contains("://microsoftgraph.chinacloudapi.cn/")) {
            return "China";
        }
        return null;
    }

    private void subscribedSkus() {
        ImportContext.GraphList list = ctx.graphList("graph/subscribedSkus");
        if (list == null) {
            return;
        }
        if (list.incomplete()) {
            ctx.root().missing("subscribedSkus", Reasons.of(Reasons.PAGE_MISSING, list.file()));
            return;
        }
        String fact = "subscribedSkus";
        ArrayNode skus = JsonNodeFactory.instance.arrayNode();
        try {
            for (PsNode s : list.items()) {
                ObjectNode o = skus.addObject();
                copy(s, o, fact, "skuId", "skuPartNumber", "capabilityStatus");
                Long consumed = s.get("consumedUnits").integer(fact);
                if (consumed != null) {
                    o.put("consumedUnits", consumed);
                }
                PsNode prepaid = s.get("prepaidUnits");
                if (prepaid.isObject()) {
                    ObjectNode p = o.putObject("prepaidUnits");
                    for (String k : List.of("enabled", "suspended", "warning")) {
                        Long v = prepaid.get(k).integer(fact);
                        if (v != null) {
                            p.put(k, v);
                        }
                    }
                }
                ArrayNode plans = o.putArray("servicePlans");
                for (PsNode plan : s.get("servicePlans").objects(fact)) {
                    copy(plan, plans.addObject(), fact, "servicePlanId", "servicePlanName", "provisioningStatus");
                }
            }
            ctx.root().set("subscribedSkus", skus, list.file(), null);
        } catch (ImportException e) {
            ctx.fail(e, fact);
        }
    }

    private static void copy(PsNode from, ObjectNode to, String fact, String... fields) {
        for (String f : fields) {
            String v = from.get(f).text(fact);
            if (v != null) {
                to.put(f, v);
            }
        }
    }

    private void counts() {
        FactTree.Obj tenant = ctx.root().obj("tenant");
        Long total = ctx.count("graph/userCount.txt");
        Long synced = ctx.count("graph/syncedUserCount.txt");
        if (synced != null) {
            tenant.set("syncedUserCount", synced, "graph/syncedUserCount.txt", null);
        }
        if (total != null && synced != null) {
            if (total >= synced) {
                tenant.set("cloudOnlyUserCount", total - synced, "graph/userCount.txt", "users/$count minus syncedUserCount.txt");
            } else {
                String why = "graph/userCount.txt (" + total + ") is less than graph/syncedUserCount.txt (" + synced + ")";
                tenant.missing("cloudOnlyUserCount", Reasons.of(Reasons.COUNT_CONFLICT, "graph/userCount.txt", total, "graph/syncedUserCount.txt", synced));
                ctx.warn("graph/userCount.txt", "tenant.cloudOnlyUserCount", why + "; cloudOnlyUserCount left absent");
            }
        } else if (total != null) {
            tenant.missing("cloudOnlyUserCount", Reasons.of(Reasons.SYNCED_COUNT_ABSENT, "graph/syncedUserCount.txt"));
        }
    }

    /** A user as the Graph files describe it, joined on id. */
    private static final class GraphUser {
        String id;
        String upn;
        PsNode fields; // users.json, else a group member, else the expanded principal
        String fieldsFile;
        final Set<String> roles = new LinkedHashSet<>();
        boolean adminDirect;
        boolean adminViaGroup;
    }

    private void users(Set<String> answeredUpns) {
        Map<String, PsNode> directory = byId(ctx.graphList("graph/users"));
        Map<String, String> roleNames = roleNames();
        Map<String, GraphUser> holders = new LinkedHashMap<>();
        ImportContext.GraphList assignments = ctx.graphList("graph/roleAssignments");
        boolean rolesRead = assignments != null && !assignments.incomplete();
        if (assignments != null && assignments.incomplete()) {
            ctx.reason("users", Reasons.of(Reasons.PAGE_MISSING, assignments.file()));
        }
        if (rolesRead) {
            for (PsNode a : assignments.items()) {
                try {
                    assignment(a, directory, roleNames, holders);
                } catch (ImportException e) {
                    ctx.report(e.diagnostic());
                }
            }
        }
        // Users a person named, found in users.json by UPN.
        for (PsNode u : directory.values()) {
            String upn = upnOf(u);
            if (upn != null && answeredUpns.contains(upn.toLowerCase(Locale.ROOT))) {
                GraphUser g = holders.computeIfAbsent(u.get("id").raw().asText(), k -> new GraphUser());
                g.id = u.get("id").raw().asText();
                if (g.fields == null) {
                    g.fields = u;
                    g.fieldsFile = u.file();
                }
            }
        }
        Map<String, PsNode> registration = byId(ctx.graphList("graph/userRegistrationDetails"));
        Map<String, PsNode> registrationByUpn = new LinkedHashMap<>();
        registration.values().forEach(r -> {
            String upn = upnOf(r);
            if (upn != null) {
                registrationByUpn.put(upn.toLowerCase(Locale.ROOT), r);
            }
        });
        // Users a person named whom only the registration details list.
        Set<String> found = new LinkedHashSet<>();
        holders.values().forEach(g -> {
            if (g.fields != null && upnOf(g.fields) != null) {
                found.add(upnOf(g.fields).toLowerCase(Locale.ROOT));
            }
        });
        for (String upn : answeredUpns) {
            PsNode r = registrationByUpn.get(upn);
            if (!found.contains(upn) && r != null && !r.get("id").isNull()) {
                GraphUser g = holders.computeIfAbsent(r.get("id").raw().asText(), k -> new GraphUser());
                g.id = r.get("id").raw().asText();
                g.fields = r;
                g.fieldsFile = r.file();
            }
        }
        if (!rolesRead && holders.isEmpty()) {
            return;
        }
        List<PsNode> domains = domains();
        ctx.root().list("users");
        for (GraphUser g : holders.values()) {
            FactTree.Obj u = ctx.root().add("users");
            writeUser(g, u, rolesRead, registration, registrationByUpn, domains);
        }
    }

    private void writeUser(GraphUser g, FactTree.Obj u, boolean rolesRead, Map<String, PsNode> registration,
                           Map<String, PsNode> registrationByUpn, List<PsNode> domains) {
        String f = g.fieldsFile;
        try {
            String upn = g.fields == null ? null : upnOf(g.fields);
            u.set("userPrincipalName", upn, f, null);
            // The id and name the report names a user by when no export gave its UPN (and answers match it by id).
            u.set("id", g.id, f != null ? f : ROLES, null);
            u.set("displayName", g.fields == null ? null : g.fields.get("displayName").nonEmptyText(null), f, null);
            if (upn == null) {
                Reason usersFailed = ctx.failedRequest("graph/users.json");
                u.missing("userPrincipalName", usersFailed != null ? usersFailed
                        : Reasons.of(ctx.exists("graph/users.json") ? Reasons.USER_NOT_LISTED : Reasons.USER_FILE_ABSENT, g.id, "graph/users.json"));
            }
            if (g.fields != null) {
                u.set("accountEnabled", g.fields.get("accountEnabled").bool("users[].accountEnabled"), f, null);
                if (g.fields.has("onPremisesSyncEnabled")) {
                    Boolean s = g.fields.get("onPremisesSyncEnabled").bool("users[].onPremisesSyncEnabled");
                    u.set("onPremisesSyncEnabled", s != null && s, f, s == null ? "Graph's null: cloud-only" : null);
                }
                if (g.fields.has("assignedLicenses")) {
                    ArrayNode lic = JsonNodeFactory.instance.arrayNode();
                    for (PsNode l : g.fields.get("assignedLicenses").objects("users[].assignedLicenses")) {
                        ObjectNode o = lic.addObject();
                        o.put("skuId", l.get("skuId").text("users[].assignedLicenses"));
                        ArrayNode dp = o.putArray("disabledPlans");
                        l.get("disabledPlans").strings("users[].assignedLicenses").forEach(dp::add);
                    }
                    u.set("assignedLicenses", lic, f, null);
                }
            }
            Reason usersFailed = ctx.failedRequest("graph/users.json");
            for (String field : List.of("accountEnabled", "onPremisesSyncEnabled", "assignedLicenses")) {
                u.missing(field, usersFailed != null ? usersFailed : !ctx.exists("graph/users.json")
                        ? Reasons.of(Reasons.FILE_ABSENT, List.of("graph/users.json"))
                        : Reasons.of(Reasons.NOT_GIVEN_FOR_USER, "graph/users.json", field));
            }
            if (rolesRead) {
                u.set("roles", new ArrayList<>(g.roles), ROLES, null);
                // collection.md: from the Global and Hybrid Identity Administrator assignments only;
                // absent for a user who holds neither.
                if (g.adminDirect || g.adminViaGroup) {
                    u.set("roleAssignment", g.adminDirect ? "Direct" : "Group", ROLES, null);
                }
            }
            PsNode reg = g.id == null ? null : registration.get(g.id);
            if (reg == null && upn != null) {
                reg = registrationByUpn.get(upn.toLowerCase(Locale.ROOT));
            }
            if (reg != null) {
                u.set("isSsprCapable", reg.get("isSsprCapable").bool("users[].isSsprCapable"), reg.file(), null);
                Boolean enabled = reg.get("isSsprEnabled").bool("passwordReset.scopeIncludesTestUsers");
                if (enabled != null) {
                    ssprEnabled.put(u, enabled);
                }
            } else if (ctx.exists("graph/userRegistrationDetails.json")) {
                u.missing("isSsprCapable", Reasons.of(Reasons.NO_ENTRY_FOR_USER, "graph/userRegistrationDetails.json"));
            }
            if (upn != null && domains != null) {
                federated(u, upn, domains);
            }
        } catch (ImportException e) {
            ctx.report(e.diagnostic());
        }
    }

    /** isSsprEnabled of each written user, evidence for scopeIncludesTestUsers. */
    final Map<FactTree.Obj, Boolean> ssprEnabled = new LinkedHashMap<>();

    private void assignment(PsNode a, Map<String, PsNode> directory, Map<String, String> roleNames, Map<String, GraphUser> holders) {
        String fact = "users[].roles";
        String scope = a.get("directoryScopeId").text(fact);
        if (scope != null && !scope.equals("/")) {
            return; // scoped to an administrative unit: not tenant-wide
        }
        String principalId = a.get("principalId").nonEmptyText(fact);
        String defId = a.get("roleDefinitionId").nonEmptyText(fact);
        if (principalId == null || defId == null) {
            throw a.problem(fact, "a role assignment without principalId or roleDefinitionId");
        }
        String role = roleNames.getOrDefault(defId.toLowerCase(Locale.ROOT), defId);
        boolean admin = defId.equalsIgnoreCase(GLOBAL_ADMIN) || defId.equalsIgnoreCase(HYBRID_ADMIN)
                || "Global Administrator".equals(role) || "Hybrid Identity Administrator".equals(role);
        PsNode principal = a.get("principal");
        String type = principal.isObject() ? principal.get("@odata.type").text(fact) : null;
        String groupBase = "graph/groupMembers." + principalId;
        boolean isGroup = type != null ? type.equalsIgnoreCase("#microsoft.graph.group") : ctx.exists(groupBase + ".json");
        boolean isUser = type != null ? type.equalsIgnoreCase("#microsoft.graph.user") : directory.containsKey(principalId);
        if (isUser) {
            GraphUser g = holder(holders, principalId);
            g.roles.add(role);
            g.adminDirect |= admin;
            if (g.fields == null) {
                g.fields = directory.containsKey(principalId) ? directory.get(principalId) : principal;
                g.fieldsFile = directory.containsKey(principalId) ? directory.get(principalId).file() : a.file();
            }
        } else if (isGroup) {
            ImportContext.GraphList members = ctx.graphList(groupBase);
            if (members == null || members.incomplete()) {
                Reason why = members == null ? Reasons.of(Reasons.MEMBERS_NOT_EXPORTED, groupBase + ".json") : Reasons.of(Reasons.INCOMPLETE_LIST, members.file());
                ctx.report(new Diagnostic(Diagnostic.Severity.WARNING, a.file(), 0, 0, "users",
                        "group " + principalId + " holds " + role + " but its " + why.english() + ": its members are not among the users"));
                ctx.reason("users", Reasons.of(Reasons.GROUP_HOLDS_ROLE, principalId, role, why));
                return;
            }
            for (PsNode m : members.items()) {
                String id = m.get("id").nonEmptyText("users");
                if (id == null) {
                    continue;
                }
                GraphUser g = holder(holders, id);
                g.roles.add(role);
                g.adminViaGroup |= admin;
                if (g.fields == null || g.fieldsFile.equals(a.file())) {
                    g.fields = directory.containsKey(id) ? directory.get(id) : m;
                    g.fieldsFile = g.fields.file();
                }
            }
        } else if (type == null) {
            ctx.warn(a.file(), fact, a.path() + ": principal " + principalId + " is neither in graph/users.json nor a group with a members file; export roleAssignments with $expand=principal");
        }
    }

    private static GraphUser holder(Map<String, GraphUser> holders, String id) {
        GraphUser g = holders.computeIfAbsent(id, k -> new GraphUser());
        g.id = id;
        return g;
    }

    private static String upnOf(PsNode u) {
        PsNode upn = u.get("userPrincipalName");
        return upn.isNull() ? null : upn.raw().asText();
    }

    private static Map<String, PsNode> byId(ImportContext.GraphList list) {
        Map<String, PsNode> out = new LinkedHashMap<>();
        if (list != null) {
            for (PsNode n : list.items()) {
                if (!n.get("id").isNull()) {
                    out.put(n.get("id").raw().asText(), n);
                }
            }
        }
        return out;
    }

    /** Role definition id and template id, lower case, to display name; the two admin roles always named. */
    private Map<String, String> roleNames() {
        Map<String, String> names = new LinkedHashMap<>();
        ImportContext.GraphList defs = ctx.graphList("graph/roleDefinitions");
        if (defs != null) {
            for (PsNode d : defs.items()) {
                try {
                    String name = d.get("displayName").nonEmptyText("users[].roles");
                    if (name != null) {
                        for (String key : List.of("templateId", "id")) {
                            String id = d.get(key).nonEmptyText("users[].roles");
                            if (id != null) {
                                names.put(id.toLowerCase(Locale.ROOT), name);
                            }
                        }
                    }
                } catch (ImportException e) {
                    ctx.report(e.diagnostic()); // that role is named by its id; the others still are
                }
            }
        }
        names.put(GLOBAL_ADMIN, "Global Administrator");
        names.put(HYBRID_ADMIN, "Hybrid Identity Administrator");
        return names;
    }

    private List<PsNode> domains() {
        ImportContext.GraphList list = ctx.graphList("graph/domains");
        if (list == null) {
            return null;
        }
        if (list.incomplete()) {
            ctx.reason("users[].federated", Reasons.of(Reasons.INCOMPLETE_LIST, list.file()));
            return null;
        }
        return list.items();
    }

    /** The longest domain equal to the UPN's domain or ending it after a dot decides. */
    private void federated(FactTree.Obj u, String upn, List<PsNode> domains) {
        String upnDomain = upn.substring(upn.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        PsNode best = null;
        String bestName = "";
        for (PsNode d : domains) {
            String name = d.get("id").isNull() ? d.get("name").nonEmptyText("users[].federated") : d.get("id").raw().asText();
            if (name == null) {
                continue;
            }
            String n = name.toLowerCase(Locale.ROOT);
            if ((upnDomain.equals(n) || upnDomain.endsWith("." + n)) && n.length() > bestName.length()) {
                best = d;
                bestName = n;
            }
        }
        if (best == null) {
            u.missing("federated", Reasons.of(Reasons.NO_DOMAIN_OF, "graph/domains.json", upnDomain));
            return;
        }
        String type = best.get("authenticationType").text("users[].federated");
        if ("Federated".equalsIgnoreCase(type) || "Managed".equalsIgnoreCase(type)) {
            u.set("federated", "Federated".equalsIgnoreCase(type), best.file(), "domain " + bestName + " is " + type);
        } else {
            ImportException e = best.get("authenticationType").problem("users[].federated",
                    "unrecognised authenticationType \"" + type + "\" of domain " + bestName + " (expected Managed or Federated)");
            ctx.report(e.diagnostic());
            u.missing("federated", Reasons.of(Reasons.UNRECOGNISED_VALUE, e.reason()));
        }
    }

    static JsonNode bool(boolean b) {
        return JsonNodeFactory.instance.booleanNode(b);
    }
}
