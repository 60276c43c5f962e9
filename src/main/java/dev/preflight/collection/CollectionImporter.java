package dev.preflight.collection;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.api.FactsReader;
import dev.preflight.api.InvalidFactsException;
import dev.preflight.api.MissingFact.Reason;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a collection (collection.md) into the tenant-facts document of facts.md with its
 * provenance. Never invents: what no file gives stays absent, with the reason. A bad file is a
 * {@link Diagnostic} and the rest still imports; only a collection that cannot be read at all is
 * an {@link UnusableCollectionException}. Stateless and thread-safe.
 */
public final class CollectionImporter {

    private CollectionImporter() {
    }

    /** Imports a collection with no answers but its own answers.json. */
    public static ImportResult importCollection(CollectionFiles files) {
        return importCollection(files, Answers.none());
    }

    /** Imports a collection; {@code extra} (answers file or --set) is laid over its own answers.json. */
    public static ImportResult importCollection(CollectionFiles files, Answers extra) {
        if (files.files().keySet().stream().noneMatch(f -> f.equals("manifest.json") || f.equals("answers.json")
                || f.startsWith("graph/") || f.startsWith("onprem/"))) {
            throw new UnusableCollectionException(files.name() + ": not a collection: it holds no manifest.json, answers.json, graph/ or onprem/ files");
        }
        ImportContext ctx = new ImportContext(files.files());
        manifest(ctx);
        Answers answers = answers(ctx, extra);
        GraphReader graph = new GraphReader(ctx);
        graph.read(answers.userPrincipalNames());
        new ActiveDirectoryReader(ctx).read();
        new ConnectReader(ctx).read();
        cloudVersion(ctx);
        answers.mergeInto(ctx.root());
        Answers.testUserEvidence(ctx.root(), graph.ssprEnabled);
        return finish(ctx);
    }

    private static void manifest(ImportContext ctx) {
        String file = "manifest.json";
        PsNode m = ctx.read(file);
        if (m == null) {
            return;
        }
        FactTree.Obj tenant = ctx.root().obj("tenant");
        try {
            if (!m.isObject()) {
                throw m.problem(null, "expected a JSON object");
            }
            PsNode at = m.get("collectedAt");
            if (!at.isNull()) {
                String text = at.text("tenant.collectedAt");
                try {
                    tenant.set("collectedAt", OffsetDateTime.parse(text).toInstant().toString(), file, null);
                } catch (DateTimeException e) {
                    ctx.report(at.problem("tenant.collectedAt", "expected an ISO-8601 date with offset, found \"" + text + "\"").diagnostic());
                    tenant.missing("collectedAt", Reasons.of(Reasons.UNRECOGNISED_IN_MANIFEST));
                }
            }
            String cloud = m.get("cloud").nonEmptyText("tenant.cloud");
            if (cloud != null) {
                String c = List.of("Public", "USGov", "China").stream().filter(cloud::equalsIgnoreCase).findFirst().orElse(null);
                if (c == null) {
                    ctx.report(m.get("cloud").problem("tenant.cloud", "unknown cloud \"" + cloud + "\" (expected Public, USGov or China)").diagnostic());
                    tenant.missing("cloud", Reasons.of(Reasons.UNRECOGNISED_IN_MANIFEST_VALUE, cloud));
                } else {
                    tenant.set("cloud", c, file, null);
                }
            }
            tenant.set("tenantId", m.get("tenantId").nonEmptyText("tenant.tenantId"), file, null);
            String offset = m.get("utcOffset").nonEmptyText(null);
            if (offset != null) {
                try {
                    ctx.utcOffset = ZoneOffset.of(offset.strip());
                } catch (DateTimeException e) {
                    ctx.report(m.get("utcOffset").problem("onPremises.connect.lastFullImport", "expected an offset such as +01:00, found \"" + offset + "\"").diagnostic());
                }
            }
            if (Boolean.FALSE.equals(m.get("connectInstalled").bool("onPremises.connect.installed"))) {
                ctx.root().obj("onPremises").obj("connect").set("installed", false, file, "the collector found no Entra Connect on the server");
            }
            for (PsNode e : m.get("errors").objects("manifest.json errors")) {
                String failed = e.get("file").nonEmptyText(null);
                if (failed == null) {
                    continue;
                }
                failed = failed.replace('\\', '/');
                Long status = e.get("status").integer(null);
                String request = e.get("request").nonEmptyText(null);
                String error = e.get("error").nonEmptyText(null);
                String permission = FactSources.graphPermission(failed);
                // The status and the collector's own words stay as they are; what the export lacked is said in the report's language.
                String statusText = status == null ? null
                        : status + (status == 403 ? " Forbidden" : status == 401 ? " Unauthorized" : status == 404 ? " Not Found" : "");
                String rest = (request == null ? "" : " (" + request + ")") + (error == null ? "" : ": " + error);
                dev.preflight.api.MissingFact.Reason why;
                if (status != null && (status == 403 || status == 401) && permission != null) {
                    why = Reasons.of(Reasons.REQUEST_FAILED_NEEDS, statusText, permission, rest);
                } else if (statusText != null) {
                    why = Reasons.of(Reasons.REQUEST_FAILED, statusText, rest);
                } else {
                    why = Reasons.of(Reasons.REQUEST_FAILED_NO_STATUS, rest);
                }
                String reason = why.english().substring("not collected: ".length());
                ctx.failedRequests.put(failed, why);
                ObjectNode req = ctx.requests.putObject(failed);
                if (status != null) {
                    req.put("status", status);
                }
                String need = status != null && (status == 403 || status == 401) ? permission
                        : status == null ? FactSources.module(failed) : null;
                if (need != null) {
                    req.put("needs", need);
                }
                // The collector's own words, verbatim: reports say them once, in the step that re-runs this export.
                req.put("reason", ((status == null ? "" : status + " ") + (error == null ? "" : error)).strip());
                for (FactSources.Entry en : FactSources.suppliedBy(failed)) {
                    ctx.reason(en.template(), why);
                }
                ctx.report(new Diagnostic(Diagnostic.Severity.WARNING, failed, 0, 0, ImportContext.factsOf(failed), "the collector says " + reason));
            }
        } catch (ImportException e) {
            ctx.report(e.diagnostic());
        }
    }

    private static Answers answers(ImportContext ctx, Answers extra) {
        Answers answers = Answers.none();
        byte[] bytes = ctx.files.get(FactSources.ANSWERS);
        ctx.known.add(FactSources.ANSWERS);
        if (bytes != null) {
            try {
                answers = Answers.read(FactSources.ANSWERS, bytes);
            } catch (InvalidFactsException e) {
                ctx.report(new Diagnostic(Diagnostic.Severity.ERROR, FactSources.ANSWERS, e.line(), e.column(), e.path().isEmpty() ? null : e.path(),
                        e.problem() + "; answers.json not used"));
            } catch (ImportException e) {
                ctx.report(e.diagnostic());
            }
        }
        return extra.isEmpty() ? answers : answers.with(extraDocument(extra));
    }

    private static ObjectNode extraDocument(Answers extra) {
        return extra.with(JsonNodeFactory.instance.objectNode()).documentCopy();
    }

    /** The Connect build the cloud last saw, when no Connect-server export gives one. */
    private static void cloudVersion(ImportContext ctx) {
        String file = "graph/onPremisesSynchronization.json";
        FactTree.Obj connect = ctx.root().obj("onPremises").obj("connect");
        if (!ctx.exists(file)) {
            ctx.known.add(file);
            return;
        }
        PsNode body = ctx.graphObject(file);
        if (body == null || connect.leaf("version") != null || connect.missingReason("version") != null) {
            return;
        }
        try {
            PsNode sync = body.has("value") ? body.get("value").objects("onPremises.connect.version").stream().findFirst().orElse(body) : body;
            String v = sync.get("configuration").get("synchronizationClientVersion").nonEmptyText("onPremises.connect.version");
            connect.set("version", v, file, "the build the cloud last saw (configuration.synchronizationClientVersion)");
        } catch (ImportException e) {
            ctx.report(e.diagnostic());
        }
    }

    private static ImportResult finish(ImportContext ctx) {
        FactTree.Obj root = ctx.root();
        root.set("schemaVersion", 1, "inferred", null);
        ObjectNode provenance = JsonNodeFactory.instance.objectNode();
        ObjectNode sources = JsonNodeFactory.instance.objectNode();
        ObjectNode facts = ctx.tree.write(sources);
        Map<String, Reason> missing = new LinkedHashMap<>();
        for (FactSources.Entry e : FactSources.entries()) {
            if (!e.inList()) {
                missing(ctx, root, "", e.template().split("\\.(?![^\\[]*])"), 0, e, missing);
            }
        }
        applySchema(ctx, facts, sources, missing);
        List<String> read = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (String f : ctx.files.keySet()) {
            if (isKnown(ctx, f)) {
                read.add(f);
            } else {
                ignored.add(f);
            }
        }
        provenance.set("facts", sources);
        // The reasons in English; the import's result keeps their keys, which reports put in their language.
        ObjectNode missingTexts = provenance.putObject("missing");
        missing.forEach((path, why) -> missingTexts.put(path, why.english()));
        // What the report's next steps are made of: which requests failed (and what they lacked), which files were read.
        provenance.set("failedRequests", ctx.requests);
        ArrayNode filesRead = provenance.putArray("filesRead");
        read.forEach(filesRead::add);
        ArrayNode diags = provenance.putArray("diagnostics");
        for (Diagnostic d : ctx.diagnostics) {
            ObjectNode o = diags.addObject();
            o.put("severity", d.severity().name());
            if (d.file() != null) {
                o.put("file", d.file());
            }
            if (d.line() > 0) {
                o.put("line", d.line());
                o.put("column", d.column());
            }
            if (d.fact() != null) {
                o.put("fact", d.fact());
            }
            o.put("message", d.message());
        }
        ArrayNode ig = provenance.putArray("filesIgnored");
        ignored.forEach(ig::add);
        facts.set("provenance", provenance);
        List<Diagnostic> all = new ArrayList<>(ctx.diagnostics);
        try {
            FactsReader.read(facts.toString(), "the imported facts");
        } catch (InvalidFactsException e) {
            all.add(new Diagnostic(Diagnostic.Severity.ERROR, null, 0, 0, e.path(), "the imported document is not valid tenant facts: " + e.getMessage()));
        }
        return new ImportResult(facts, all, read, ignored, missing);
    }

    /** The most values the schema's rules may take out of one import before it is judged unusable. */
    private static final int MAX_INVALID_VALUES = 1_000;

    /**
     * Applies the fact schema's rules (those of {@link FactsReader}) to what the exports gave: a
     * value the evaluator would reject (a count past 2^31 - 1, a negative number of units, a version
     * that is not dotted numbers) is left absent with its reason and an error naming its source, so
     * that one bad value makes one fact unknown rather than the whole collection invalid.
     */
    private static void applySchema(ImportContext ctx, ObjectNode facts, ObjectNode sources, Map<String, Reason> missing) {
        for (int i = 0; i < MAX_INVALID_VALUES; i++) {
            try {
                FactsReader.read(facts.toString(), "the imported facts");
                return;
            } catch (InvalidFactsException e) {
                String path = removable(e.path());
                if (path == null || !remove(facts, path)) {
                    return; // reported by the final check
                }
                String source = sourceOf(sources, path);
                missing.put(path, source == null ? Reasons.of(Reasons.INVALID_VALUE, e.problem()) : Reasons.of(Reasons.INVALID_VALUE_IN, source, e.problem()));
                sources.remove(path);
                sources.properties().removeIf(en -> en.getKey().startsWith(path + ".") || en.getKey().startsWith(path + "["));
                ctx.report(new Diagnostic(Diagnostic.Severity.ERROR, source, 0, 0, path, e.problem() + "; left absent"));
            }
        }
    }

    /** The field to take out for a problem at {@code path}: a list as a whole when one of its elements is wrong. */
    private static String removable(String path) {
        String p = path;
        while (p.endsWith("]")) {
            int open = p.lastIndexOf('[');
            if (open <= 0) {
                return null;
            }
            p = p.substring(0, open);
        }
        return p.isEmpty() ? null : p;
    }

    /** Removes a field by its path ({@code onPremises.forests[0].domains[1].minPasswordAgeDays}); false when there is none. */
    private static boolean remove(ObjectNode root, String path) {
        com.fasterxml.jackson.databind.JsonNode at = root;
        String[] segs = path.split("\\.");
        for (int k = 0; k < segs.length; k++) {
            String seg = segs[k];
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([^\\[]+)((?:\\[\\d+])*)$").matcher(seg);
            if (!m.matches() || !(at instanceof ObjectNode o)) {
                return false;
            }
            if (k == segs.length - 1 && m.group(2).isEmpty()) {
                return o.remove(m.group(1)) != null;
            }
            at = o.get(m.group(1));
            java.util.regex.Matcher idx = java.util.regex.Pattern.compile("\\[(\\d+)]").matcher(m.group(2));
            while (at != null && idx.find()) {
                at = at.get(Integer.parseInt(idx.group(1)));
            }
            if (at == null) {
                return false;
            }
        }
        return false;
    }

    /** The file a value came from: the provenance entry of the value or of the value holding it. */
    private static String sourceOf(ObjectNode sources, String path) {
        String best = null;
        for (java.util.Iterator<String> it = sources.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if ((path.equals(k) || path.startsWith(k + ".") || path.startsWith(k + "[")) && (best == null || k.length() > best.length())) {
                best = k;
            }
        }
        return best == null ? null : sources.get(best).path("source").asText(null);
    }

    private static boolean isKnown(ImportContext ctx, String f) {
        if (ctx.known.contains(f)) {
            return true;
        }
        java.util.regex.Matcher page = ImportContext.page(f);
        return f.startsWith("graph/") && page.matches() && ctx.known.contains(page.group(1) + ".json");
    }

    /** Walks a template over the facts, recording each absent instance with its reason. */
    private static void missing(ImportContext ctx, FactTree.Obj obj, String prefix, String[] segs, int i, FactSources.Entry e, Map<String, Reason> out) {
        String seg = segs[i];
        boolean isList = seg.endsWith("[]");
        String name = isList ? seg.substring(0, seg.length() - 2) : seg;
        String path = prefix.isEmpty() ? name : prefix + "." + name;
        if (i == segs.length - 1) {
            if (obj == null || obj.field(name) == null || obj.field(name) instanceof FactTree.Obj o && o.isEmpty()) {
                out.put(path, reason(ctx, obj, name, e));
            }
            return;
        }
        if (isList) {
            if (obj == null || !obj.hasList(name)) {
                return; // the list itself is reported by its own entry
            }
            int k = 0;
            for (FactTree.Obj child : obj.list(name)) {
                missing(ctx, child, path + "[" + k++ + "]", segs, i + 1, e, out);
            }
            return;
        }
        FactTree.Obj child = obj != null && obj.field(name) instanceof FactTree.Obj o ? o : null;
        missing(ctx, child, path, segs, i + 1, e, out);
    }

    private static Reason reason(ImportContext ctx, FactTree.Obj obj, String field, FactSources.Entry e) {
        Reason specific = obj == null ? null : obj.missingReason(field);
        if (specific != null) {
            return specific;
        }
        Reason general = ctx.templateReasons.get(e.template());
        if (general != null) {
            return general;
        }
        if (e.answerOnly()) {
            return Reasons.of(Reasons.ANSWER_NEEDED);
        }
        List<String> present = new ArrayList<>();
        for (String f : e.files()) {
            if (!f.equals(FactSources.ANSWERS) && !ctx.matching(f).isEmpty()) {
                present.add(f);
            }
        }
        if (!present.isEmpty()) {
            return Reasons.of(Reasons.NOT_GIVEN_BY, present);
        }
        return Reasons.of(Reasons.FILE_ABSENT, e.files());
    }

    static Set<String> knownFiles(ImportContext ctx) {
        return ctx.known;
    }
}
