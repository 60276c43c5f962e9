package dev.preflight.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.api.RuleProblem;
import dev.preflight.api.Severity;
import dev.preflight.rules.RequirementScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The check catalogue, {@code rules/checks.json}: each check declared once, with its title,
 * severities, documentation link, default remediation and the facts it requires. Read with the
 * line of every declaration, so that each problem names file and line.
 */
final class CheckDeclarations {

    /** The catalogue file inside a rules directory. */
    static final String FILE = "checks.json";

    private static final Set<String> CHECK_FIELDS = Set.of("id", "title", "severities", "doc", "remediation", "requires", "exempt");
    private static final Set<String> REQUIREMENT_FIELDS = Set.of("path", "when", "known", "reason", "absent", "args", "at");

    /**
     * A check as declared.
     *
     * @param requires the facts it needs, in declaration order
     * @param exempt   fields its rules read that it need not require, each with the reason why
     *                 ({@code "exempt": {"onPremises.connect.pdcEmulatorReachable": "..."}}), in order
     * @param line     the line of its declaration in {@link #FILE}
     * @param complete whether every requirement as written was read (one that does not bind is reported and left out)
     */
    record CheckDecl(String id, String title, Set<Severity> severities, String doc, String remediation,
                     List<Requirement> requires, Map<String, Exemption> exempt, int line, boolean complete) {
    }

    /**
     * A field a check's rules may read without requiring it: named, with the reason.
     *
     * @param path   the field, {@code [*]} for list elements ({@code users[*].roles})
     * @param reason why its absence cannot make the check pass wrongly
     * @param line   the line of the exemption
     */
    record Exemption(String path, String reason, int line) {
    }

    /**
     * A fact a check needs. Absent (or null) at {@code path}: the check is NOT_EVALUATED, naming the
     * field; present but not {@code known} (a lookup that fails): named with {@code reason}.
     *
     * @param text   the path as written
     * @param steps  the bound path
     * @param when   the condition under which the requirement holds, or null for always
     * @param known  the condition a present value must meet (evaluated on the field's owner), or null
     * @param reason message key of the reason when {@code known} fails, or null for "not collected"
     * @param absent message key of the reason when the value is absent, or null for "not collected"
     * @param args   message arguments, evaluated on the field's owner
     * @param at     the path reported instead of the last field, relative to its owner, or null
     */
    record Requirement(String checkId, String text, List<Expr.Step> steps, Expr.Node when, Expr.Node known, String reason,
                       String absent, List<Expr.Node> args, List<String> argTexts, String at, int line) {
    }

    private CheckDeclarations() {
    }

    /** Reads and validates the catalogue; problems are added, declarations that do not validate left out. */
    static List<CheckDecl> read(String text, List<RuleProblem> problems) {
        return read(text, problems, true);
    }

    /**
     * As {@link #read(String, List)}; {@code checkSchema} false skips holding each requirement path
     * against the facts' JSON schema, for a catalogue checked in full when the jar was built.
     */
    static List<CheckDecl> read(String text, List<RuleProblem> problems, boolean checkSchema) {
        if (text == null) {
            problems.add(RuleProblem.error(FILE, 0, 0, "missing: every check is declared here (id, title, severities, doc, remediation, requires)"));
            return List.of();
        }
        Map<JsonNode, Integer> lines = new IdentityHashMap<>();
        JsonNode root;
        try (JsonParser p = new JsonFactory().createParser(text)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            p.nextToken();
            root = read(p, lines);
            if (p.nextToken() != null) {
                problems.add(RuleProblem.error(FILE, p.currentTokenLocation().getLineNr(), p.currentTokenLocation().getColumnNr(),
                        "text after the catalogue"));
                return List.of();
            }
        } catch (JsonProcessingException e) {
            problems.add(JsonSyntax.problem(FILE, text, e));
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode checks = root.get("checks");
        if (!root.isObject() || checks == null || !checks.isArray()) {
            problems.add(RuleProblem.error(FILE, 1, 1, "expected { \"checks\": [ ... ] }"));
            return List.of();
        }
        Expr.Defines defines = defines(root.get("define"), lines, problems);
        Expr.Context rootContext = new Expr.Context(null, RequirementScope.class, defines);
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<CheckDecl> out = new ArrayList<>();
        for (JsonNode c : checks) {
            int line = lines.getOrDefault(c, 0);
            if (!c.isObject()) {
                problems.add(RuleProblem.error(FILE, line, 0, "a check is an object with id, title, severities, doc"));
                continue;
            }
            int before = problems.size();
            unknownFields(c, CHECK_FIELDS, line, "check", problems);
            String id = c.path("id").asText("");
            if (!RuleText.CHECK_ID.matcher(id).matches()) {
                problems.add(RuleProblem.error(FILE, line, 0, "check id \"" + id + "\" is not of the form PWB-AREA-NNN"));
            } else if (seen.containsKey(id)) {
                problems.add(RuleProblem.error(FILE, line, 0, "check " + id + " is declared twice (first at line " + seen.get(id) + ")"));
            }
            seen.putIfAbsent(id, line);
            String title = c.path("title").asText("").strip();
            String doc = c.path("doc").asText("").strip();
            for (String[] f : new String[][] {{"title", title}, {"doc", doc}}) {
                if (f[1].isEmpty()) {
                    problems.add(RuleProblem.error(FILE, line, 0, "check " + id + " lacks \"" + f[0] + "\""));
                }
            }
            if (!doc.isEmpty() && !isHttpsUrl(doc)) {
                problems.add(RuleProblem.error(FILE, lines.getOrDefault(c.get("doc"), line), 0, "check " + id + ": doc \"" + doc + "\" is not an absolute https URL"));
            }
            Set<Severity> severities = EnumSet.noneOf(Severity.class);
            JsonNode sev = c.path("severities");
            if (!sev.isArray() || sev.isEmpty()) {
                problems.add(RuleProblem.error(FILE, line, 0, "check " + id + " lacks \"severities\": the severities its rules raise (ERROR, WARNING, INFO)"));
            } else {
                for (JsonNode s : sev) {
                    try {
                        severities.add(Severity.valueOf(s.asText().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        problems.add(RuleProblem.error(FILE, lines.getOrDefault(s, line), 0, "check " + id + ": unknown severity \"" + s.asText() + "\" (use ERROR, WARNING or INFO)"));
                    }
                }
            }
            // A requirement that does not bind is reported and left out; the check stays declared.
            boolean declared = problems.size() == before;
            String remediation = c.hasNonNull("remediation") ? c.get("remediation").asText().strip() : null;
            List<Requirement> requires = new ArrayList<>();
            int beforeRequirements = problems.size();
            JsonNode req = c.path("requires");
            if (!req.isMissingNode() && !req.isArray()) {
                problems.add(RuleProblem.error(FILE, lines.getOrDefault(req, line), 0, "check " + id + ": \"requires\" is a list of paths"));
            }
            for (JsonNode r : req.isArray() ? req : JsonNodeFactory.instance.arrayNode()) {
                Requirement parsed = requirement(id, r, lines.getOrDefault(r, line), lines, rootContext, problems, checkSchema);
                if (parsed != null) {
                    requires.add(parsed);
                }
            }
            Map<String, Exemption> exempt = exemptions(id, c.get("exempt"), line, lines, problems, checkSchema);
            if (declared) {
                out.add(new CheckDecl(id, title, severities, doc, remediation == null || remediation.isEmpty() ? null : remediation, requires,
                        exempt, line, problems.size() == beforeRequirements));
            }
        }
        for (Expr.Defines.Define d : defines.all().values()) {
            if (!defines.used(d.name())) {
                problems.add(RuleProblem.warning(FILE, d.line(), 0, "define \"" + d.name() + "\" is used by no requirement: use it or remove it"));
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> RESERVED = Set.of("this", "null", "true", "false", "any", "none", "tables");

    /**
     * The catalogue's named conditions, {@code "define": {"usableOrUnknown": "usable || capabilityStatus == null"}}:
     * each a name that is no field or term of the facts, and none defined in terms of itself.
     */
    private static Expr.Defines defines(JsonNode d, Map<JsonNode, Integer> lines, List<RuleProblem> problems) {
        Map<String, Expr.Defines.Define> out = new LinkedHashMap<>();
        if (d == null || d.isNull()) {
            return Expr.Defines.of(out);
        }
        int line = lines.getOrDefault(d, 0);
        if (!d.isObject()) {
            problems.add(RuleProblem.error(FILE, line, 0, "\"define\" maps a name to the condition it stands for ({\"usableOrUnknown\": \"usable || capabilityStatus == null\"})"));
            return Expr.Defines.of(out);
        }
        d.fields().forEachRemaining(f -> {
            String name = f.getKey();
            int at = lines.getOrDefault(f.getValue(), line);
            String clash = clash(name);
            if (!NAME.matcher(name).matches() || RESERVED.contains(name)) {
                problems.add(RuleProblem.error(FILE, at, 0, "define \"" + name + "\": a name is letters, digits and _, not starting with a digit, and not one of "
                        + new java.util.TreeSet<>(RESERVED)));
            } else if (clash != null) {
                problems.add(RuleProblem.error(FILE, at, 0, "define \"" + name + "\" has the name of " + clash + ": choose another name"));
            } else if (!f.getValue().isTextual() || f.getValue().asText().isBlank()) {
                problems.add(RuleProblem.error(FILE, at, 0, "define \"" + name + "\": the condition it stands for is text, such as \"usable || capabilityStatus == null\""));
            } else {
                out.put(name, new Expr.Defines.Define(name, f.getValue().asText(), at));
            }
        });
        // A cycle is reported once, at the first define on it, and its names are dropped.
        Set<String> reported = new java.util.HashSet<>();
        for (Expr.Defines.Define def : List.copyOf(out.values())) {
            List<String> cycle = cycle(def.name(), out, new ArrayList<>());
            if (cycle != null && !reported.contains(def.name())) {
                reported.addAll(cycle);
                problems.add(RuleProblem.error(FILE, def.line(), 0, "define \"" + def.name() + "\" is defined in terms of itself: " + String.join(" -> ", cycle))
                        .withExcerpt(def.text()));
            }
        }
        Map<String, Expr.Defines.Define> kept = new LinkedHashMap<>(out);
        kept.keySet().removeAll(reported);
        return Expr.Defines.of(kept);
    }

    /** The path from {@code name} back to itself through the names its condition uses, or null. */
    private static List<String> cycle(String name, Map<String, Expr.Defines.Define> defs, List<String> path) {
        if (path.contains(name)) {
            List<String> c = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            c.add(name);
            return c.get(0).equals(path.get(0)) ? c : null;
        }
        Expr.Defines.Define d = defs.get(name);
        if (d == null) {
            return null;
        }
        path.add(name);
        for (String t : RuleText.tokens(d.text())) {
            if (defs.containsKey(t)) {
                List<String> c = cycle(t, defs, path);
                if (c != null) {
                    return c;
                }
            }
        }
        path.remove(path.size() - 1);
        return null;
    }

    /** What a define's name would hide: a field or term of a fact type or of the catalogue, or null. */
    private static String clash(String name) {
        List<Class<?>> types = new ArrayList<>(FactModel.types());
        types.add(RequirementScope.class);
        for (Class<?> t : types) {
            if (Expr.member(t, name, 0) != null) {
                return "a field or term of " + t.getSimpleName();
            }
        }
        return null;
    }

    /** The catalogue's defines as written, name to condition, in order; empty when it has none or does not parse. */
    static Map<String, String> definedTerms(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            JsonNode d = new ObjectMapper().readTree(text).path("define");
            d.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static Requirement requirement(String id, JsonNode r, int line, Map<JsonNode, Integer> lines, Expr.Context rootContext, List<RuleProblem> problems,
                                           boolean checkSchema) {
        ObjectNode o;
        if (r.isTextual()) {
            o = JsonNodeFactory.instance.objectNode().put("path", r.asText());
        } else if (r.isObject()) {
            o = (ObjectNode) r;
            unknownFields(o, REQUIREMENT_FIELDS, line, "requirement", problems);
        } else {
            problems.add(RuleProblem.error(FILE, line, 0, "check " + id + ": a requirement is a path, or an object with \"path\""));
            return null;
        }
        String path = o.path("path").asText("");
        int before = problems.size();
        List<Expr.Step> steps = null;
        try {
            steps = Expr.path(path, rootContext);
            String schemaProblem = checkSchema ? FactSchema.check(path) : null;
            if (schemaProblem != null) {
                problems.add(at(line, id, "path", path, schemaProblem, 0));
            }
        } catch (Expr.ExprException e) {
            problems.add(at(line, id, "path", path, e.getMessage(), e.column));
        }
        Expr.Node when = condition(o, "when", rootContext, line, id, problems);
        Class<?> owner = RequirementScope.class;
        if (steps != null && steps.size() > 1) {
            Expr.Step prev = steps.get(steps.size() - 2);
            owner = prev.list() ? prev.element() : prev.type();
        }
        Expr.Context ownerContext = new Expr.Context(owner == RequirementScope.class ? null : owner, RequirementScope.class, rootContext.defines());
        // "known" and "args" are read on the path's last owner: a path that does not bind would only add knock-on errors.
        Expr.Node known = steps == null ? null : condition(o, "known", ownerContext, line, id, problems);
        List<Expr.Node> args = new ArrayList<>();
        List<String> argTexts = new ArrayList<>();
        for (JsonNode a : steps == null ? JsonNodeFactory.instance.arrayNode() : o.path("args")) {
            argTexts.add(a.asText());
            try {
                args.add(Expr.value(a.asText(), ownerContext));
            } catch (Expr.ExprException e) {
                problems.add(at(line, id, "args", a.asText(), e.getMessage(), e.column));
            }
        }
        String reason = text(o, "reason");
        String absent = text(o, "absent");
        String atPath = text(o, "at");
        if (reason != null && known == null) {
            problems.add(RuleProblem.error(FILE, line, 0, "check " + id + ": \"reason\" is given for a value that is not \"known\"; add \"known\""));
        }
        if (atPath != null) {
            String prefix = path.contains(".") ? path.substring(0, path.lastIndexOf('.') + 1) : "";
            String schemaProblem = checkSchema ? FactSchema.check(prefix.replaceAll("\\[[^\\]]*\\]", "") + atPath) : null;
            if (schemaProblem != null) {
                problems.add(at(line, id, "at", atPath, schemaProblem, 0));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new Requirement(id, path, steps, when, known, reason, absent, args, argTexts, atPath, line);
    }

    /** The check's {@code "exempt"} object: field path to the reason its rules may read it without requiring it. */
    private static Map<String, Exemption> exemptions(String id, JsonNode e, int checkLine, Map<JsonNode, Integer> lines, List<RuleProblem> problems,
                                                     boolean checkSchema) {
        Map<String, Exemption> out = new LinkedHashMap<>();
        if (e == null || e.isNull()) {
            return out;
        }
        int line = lines.getOrDefault(e, checkLine);
        if (!e.isObject()) {
            problems.add(RuleProblem.error(FILE, line, 0, "check " + id + ": \"exempt\" maps a field its rules read to the reason it need not be required"));
            return out;
        }
        e.fields().forEachRemaining(f -> {
            int at = lines.getOrDefault(f.getValue(), line);
            String reason = f.getValue().isTextual() ? f.getValue().asText().strip() : "";
            String schemaProblem = checkSchema ? FactSchema.check(f.getKey()) : null;
            if (reason.isEmpty()) {
                problems.add(RuleProblem.error(FILE, at, 0, "check " + id + ": the exemption of " + f.getKey()
                        + " gives no reason; say why the check cannot pass wrongly when it is absent"));
            } else if (schemaProblem != null) {
                problems.add(at(at, id, "exempt", f.getKey(), schemaProblem, 0));
            } else {
                out.put(f.getKey(), new Exemption(f.getKey(), reason, at));
            }
        });
        return out;
    }

    private static String text(JsonNode o, String field) {
        return o.hasNonNull(field) ? o.get(field).asText() : null;
    }

    private static Expr.Node condition(JsonNode o, String field, Expr.Context ctx, int line, String id, List<RuleProblem> problems) {
        if (!o.hasNonNull(field)) {
            return null;
        }
        String text = o.get(field).asText();
        try {
            return Expr.condition(text, ctx);
        } catch (Expr.ExprException e) {
            problems.add(at(line, id, field, text, e.getMessage(), e.column));
            return null;
        }
    }

    private static RuleProblem at(int line, String id, String field, String text, String message, int column) {
        return RuleProblem.error(FILE, line, 0, "check " + id + ": " + field + " \"" + text + "\"" + (column > 0 ? " (column " + column + ")" : "") + ": " + message)
                .withExcerpt(text);
    }

    private static void unknownFields(JsonNode o, Set<String> known, int line, String what, List<RuleProblem> problems) {
        Iterator<String> names = o.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!known.contains(n)) {
                problems.add(RuleProblem.error(FILE, line, 0, "unknown field \"" + n + "\" in a " + what + " (known: " + String.join(", ", known.stream().sorted().toList()) + ")"));
            }
        }
    }

    private static boolean isHttpsUrl(String s) {
        try {
            URI u = new URI(s);
            return "https".equalsIgnoreCase(u.getScheme()) && u.getHost() != null && !u.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Reads one JSON value into a tree, remembering the line each object, array and value starts on. */
    private static JsonNode read(JsonParser p, Map<JsonNode, Integer> lines) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        JsonNode n;
        if (t == JsonToken.START_OBJECT) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                o.set(name, read(p, lines));
            }
            n = o;
        } else if (t == JsonToken.START_ARRAY) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                a.add(read(p, lines));
            }
            n = a;
        } else {
            n = new ObjectMapper().readTree(p);
        }
        lines.put(n, line);
        return n;
    }

    /** The fields of {@code facts.md}, read from the tenant-facts JSON schema. */
    static final class FactSchema {

        private FactSchema() {
        }

        /** Null when the path (list filters ignored) names fields of the input format; otherwise why not. */
        static String check(String path) {
            JsonNode at = dev.preflight.facts.FactSchema.root();
            StringBuilder walked = new StringBuilder();
            for (String raw : splitTopLevel(path)) {
                String name = raw.replaceAll("\\?$", "");
                JsonNode next = dev.preflight.facts.FactSchema.field(at, name);
                if (next == null) {
                    return "\"" + name + "\" is not a field of the facts" + (walked.length() == 0 ? fullPath(path) : " at " + walked)
                            + " (facts.md; the schema lists: " + String.join(", ", dev.preflight.facts.FactSchema.fieldNames(at)) + ")";
                }
                walked.append(walked.length() == 0 ? "" : ".").append(name);
                at = next;
            }
            return null;
        }

        /**
         * Paths start at the document's root (facts.md has no short forms): for one that names a
         * field of a top-level object without it ({@code forests[0].name}), the full path to write.
         */
        private static String fullPath(String path) {
            for (String top : dev.preflight.facts.FactSchema.fieldNames(dev.preflight.facts.FactSchema.root())) {
                if (check(top + "." + path) == null) {
                    return "; paths start at the document's root: write " + top + "." + path;
                }
            }
            return "";
        }

        /** The path's field names, with any [..] part removed (filters may hold dots). */
        private static List<String> splitTopLevel(String path) {
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            int depth = 0;
            boolean quoted = false;
            for (char ch : path.toCharArray()) {
                if (ch == '\'' && depth > 0) {
                    quoted = !quoted;
                } else if (!quoted && ch == '[') {
                    depth++;
                } else if (!quoted && ch == ']') {
                    depth--;
                } else if (depth == 0 && ch == '.') {
                    out.add(cur.toString().strip());
                    cur.setLength(0);
                } else if (depth == 0) {
                    cur.append(ch);
                }
            }
            out.add(cur.toString().strip());
            return out;
        }
    }
}
