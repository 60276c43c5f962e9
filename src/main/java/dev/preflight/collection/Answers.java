package dev.preflight.collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.api.FactsReader;
import dev.preflight.api.InvalidFactsException;
import dev.preflight.facts.FactSchema;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a person states ({@code answers.json}, and {@code --set PATH=VALUE} on the command line): a
 * partial tenant-facts document merged over the exports, winning over them. Users match by
 * {@code userPrincipalName} ignoring case (else, for a user whose UPN no export gave, by Graph object
 * {@code id}), forests and domains by {@code name}.
 */
public final class Answers {

    /** The provenance source of every answered value. */
    static final String SOURCE = "answers";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> KEYS = Map.of("users", "userPrincipalName", "forests", "name", "domains", "name");

    private final ObjectNode document;

    private Answers(ObjectNode document) {
        this.document = document;
    }

    /** No answers. */
    public static Answers none() {
        return new Answers(JsonNodeFactory.instance.objectNode());
    }

    /** This document with another's values laid over it (the other wins). */
    Answers with(ObjectNode over) {
        ObjectNode merged = document.deepCopy();
        overlay(merged, over);
        return new Answers(merged);
    }

    /**
     * This document with {@code PATH=VALUE} applied: {@code passwordReset.selfServiceScope=Selected},
     * {@code users[upn=pwtest@contoso.com].purpose=testUser,writebackAdmin},
     * {@code onPremises.forests[name=corp.contoso.com].addedAfterWritebackEnabled=false}. The path is
     * checked against the facts' schema; users are named by {@code upn=} (or a bare UPN), or by
     * {@code id=} (the Graph object id, for a user whose UPN no export gave), forests and domains by
     * {@code name=}. The value is read as the field's type says: a list from
     * comma-separated words, with or without brackets and quotes (Windows PowerShell 5.1 strips
     * inner quotes), a boolean, a number, or text.
     *
     * @throws PathException when the path names no field of the facts, or a list element by position
     * @throws IllegalArgumentException when the value cannot be one of the field's type
     */
    public Answers with(String assignment) {
        int eq = -1;
        int depth = 0;
        for (int i = 0; i < assignment.length() && eq < 0; i++) {
            char c = assignment.charAt(i);
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (c == '=' && depth == 0) {
                eq = i;
            }
        }
        if (eq <= 0) {
            throw new PathException("--set " + assignment + ": expected PATH=VALUE, such as passwordReset.selfServiceScope=Selected");
        }
        String path = assignment.substring(0, eq).strip();
        String text = assignment.substring(eq + 1);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode at = root;
        JsonNode schema = FactSchema.root();
        List<String> segments = segments(path);
        for (int i = 0; i < segments.size(); i++) {
            String seg = segments.get(i);
            String key = null;
            int bracket = seg.indexOf('[');
            if (bracket >= 0) {
                if (!seg.endsWith("]")) {
                    throw new PathException("--set " + path + ": expected NAME[KEY] in \"" + seg + "\"");
                }
                key = seg.substring(bracket + 1, seg.length() - 1).strip();
                seg = seg.substring(0, bracket).strip();
            }
            JsonNode field = FactSchema.field(schema, seg);
            if (field == null) {
                throw new PathException("--set " + path + ": \"" + seg + "\" is not a field of the facts" + nearest(path));
            }
            schema = field;
            if (key != null) {
                String[] named = key(path, seg, key);
                key = named[1];
                ObjectNode element = at.putArray(seg).addObject();
                element.put(named[0], key);
                if (i == segments.size() - 1) {
                    throw new PathException("--set " + path + ": name a field of " + seg + "[" + (named[0].equals("id") ? "id" : seg.equals("users") ? "upn" : "name") + "=" + key
                            + "] (facts.md: " + String.join(", ", FactSchema.fieldNames(field)) + ")");
                }
                at = element;
            } else if (i == segments.size() - 1) {
                at.set(seg, value(path, text, field));
            } else if (KEYS.containsKey(seg)) {
                throw new PathException("--set " + path + ": name one of " + seg + ", such as " + seg + "[" + (seg.equals("users") ? "upn=NAME" : "name=NAME") + "]");
            } else {
                at = at.putObject(seg);
            }
        }
        return with(root);
    }

    /**
     * The answers template of imported facts: every fact a person states ({@link FactSources}: those
     * answers.json gives first), for the real users (by UPN, else by object id with the display name
     * for the reader) and forests (by name) the exports found, with the value already known, or
     * {@code null} where nobody answered yet. A user no export can name is left out.
     */
    public static ObjectNode template(JsonNode facts) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (FactSources.Entry e : FactSources.entries()) {
            if (!e.files().isEmpty() && e.files().get(0).equals(FactSources.ANSWERS)) {
                fill(out, facts, e.template().split("\\."), 0);
            }
        }
        for (JsonNode list : List.of(out.path("users"), out.path("onPremises").path("forests"))) {
            if (list instanceof ArrayNode a) {
                for (int i = a.size() - 1; i >= 0; i--) {
                    if (a.get(i).path(UNNAMED).asBoolean()) {
                        a.remove(i);
                    }
                }
            }
        }
        return out;
    }

    /** Marks, while a template is built, an element no export names (removed at the end). */
    private static final String UNNAMED = "\u0000unnamed";

    private static void fill(ObjectNode out, JsonNode facts, String[] segs, int i) {
        String seg = segs[i];
        if (i == segs.length - 1) {
            JsonNode v = facts.get(seg);
            out.set(seg, v == null ? JsonNodeFactory.instance.nullNode() : v.deepCopy());
            return;
        }
        if (!seg.endsWith("[]")) {
            fill(out.with(seg), facts.path(seg), segs, i + 1);
            return;
        }
        String name = seg.substring(0, seg.length() - 2);
        JsonNode elements = facts.path(name);
        ArrayNode list = out.has(name) ? (ArrayNode) out.get(name) : out.putArray(name);
        if (list.isEmpty()) {
            for (JsonNode el : elements) {
                ObjectNode id = list.addObject();
                String key = KEYS.get(name);
                if (el.hasNonNull(key)) {
                    id.set(key, el.get(key));
                } else if (name.equals("users") && el.hasNonNull("id")) {
                    id.set("id", el.get("id"));
                    if (el.hasNonNull("displayName")) {
                        id.set("displayName", el.get("displayName"));
                    }
                } else {
                    id.put(UNNAMED, true);
                }
            }
        }
        for (int k = 0; k < list.size() && k < elements.size(); k++) {
            fill((ObjectNode) list.get(k), elements.get(k), segs, i + 1);
        }
    }

    /** A {@code --set} path that names no field of the facts, or a list element by position: a usage error. */
    public static final class PathException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        PathException(String message) {
            super(message);
        }
    }

    /** The path's segments, split at dots outside brackets (a UPN or a forest's name has dots). */
    private static List<String> segments(String path) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (char c : path.toCharArray()) {
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (c == '.' && depth == 0) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().strip());
        return out;
    }

    /**
     * What names one element of a list, as its field and value: users by UPN (or, for a user whose
     * UPN no export gave, by Graph object id), forests and domains by name; never a position.
     */
    private static String[] key(String path, String list, String selector) {
        if (!KEYS.containsKey(list)) {
            throw new PathException("--set " + path + ": only users[upn=NAME], forests[name=NAME] and domains[name=NAME] name an element of a list");
        }
        String named = KEYS.get(list);
        String by = list.equals("users") ? "upn" : "name";
        int eq = selector.indexOf('=');
        String key = selector;
        if (eq > 0) {
            String field = selector.substring(0, eq).strip();
            if (list.equals("users") && field.equals("id")) {
                named = "id";
            } else if (!field.equalsIgnoreCase(by) && !field.equalsIgnoreCase(named)) {
                throw new PathException("--set " + path + ": " + list + " are named by " + by + "=, as in " + list + "[" + by + "=" + selector.substring(eq + 1) + "]");
            }
            key = selector.substring(eq + 1).strip();
        }
        key = key.replaceAll("^[\"']|[\"']$", "");
        if (key.isEmpty() || key.chars().allMatch(Character::isDigit)) {
            throw new PathException("--set " + path + ": " + list + "[" + selector + "] is a position in a list, which answers cannot name (the list is made when the"
                    + " collection is imported); name it: " + (list.equals("users") ? "users[upn=user@example.com], or users[id=OBJECT-ID] for a user whose UPN was not exported"
                    : list + "[name=corp.example.com]"));
        }
        return new String[] {named, key};
    }

    /** " (did you mean ...?)": the valid path nearest to the one given, or nothing when none is near. */
    private static String nearest(String path) {
        List<String> given = segments(path);
        StringBuilder plain = new StringBuilder();
        Map<String, String> selectors = new java.util.HashMap<>();
        for (String seg : given) {
            int b = seg.indexOf('[');
            String name = b < 0 ? seg : seg.substring(0, b);
            if (b >= 0) {
                selectors.put(name, seg.substring(b));
            }
            plain.append(plain.length() == 0 ? "" : ".").append(name);
        }
        List<String> all = new java.util.ArrayList<>();
        paths(FactSchema.root(), "", 0, all);
        String p = plain.toString();
        // A path given without its parents (forests[...].x for onPremises.forests[...].x) first.
        String best = all.stream().filter(a -> a.endsWith("." + p)).findFirst().orElse(null);
        if (best == null) {
            best = FactSchema.nearest(p, all);
        }
        if (best == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String name : best.split("\\.")) {
            out.append(out.length() == 0 ? "" : ".").append(name).append(selectors.getOrDefault(name, ""));
        }
        return "; did you mean " + out + "?";
    }

    private static void paths(JsonNode schema, String prefix, int depth, List<String> out) {
        if (depth > 6) {
            return;
        }
        for (String name : FactSchema.fieldNames(schema)) {
            String p = prefix.isEmpty() ? name : prefix + "." + name;
            out.add(p);
            paths(FactSchema.field(schema, name), p, depth + 1, out);
        }
    }

    /** The value as the field's type reads it. */
    private static JsonNode value(String path, String text, JsonNode field) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        java.util.Set<String> types = FactSchema.types(field);
        String t = text.strip();
        if (t.equals("null")) {
            return f.nullNode();
        }
        JsonNode json = null;
        try {
            json = JSON.readTree(t);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // not JSON: words
        }
        if (types.contains("array")) {
            if (json != null && json.isArray()) {
                return json;
            }
            String inner = t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
            ArrayNode list = f.arrayNode();
            JsonNode items = field.has("items") ? field.get("items") : f.objectNode();
            for (String word : inner.split(",")) {
                String w = word.strip().replaceAll("^[\"']|[\"']$", "");
                if (!w.isEmpty()) {
                    list.add(value(path, w, items));
                }
            }
            return list;
        }
        if (types.contains("boolean") && !types.contains("string")) {
            if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                return f.booleanNode(t.equalsIgnoreCase("true"));
            }
            throw new IllegalArgumentException("--set " + path + ": expected true or false, found \"" + text + "\"");
        }
        if ((types.contains("integer") || types.contains("number")) && !types.contains("string")) {
            if (json != null && json.isNumber()) {
                return json;
            }
            throw new IllegalArgumentException("--set " + path + ": expected a number, found \"" + text + "\"");
        }
        if (types.contains("string") || types.isEmpty()) {
            return json != null && json.isTextual() ? json : f.textNode(t.replaceAll("^'|'$", ""));
        }
        if (json != null) {
            return json; // an object, as JSON
        }
        throw new IllegalArgumentException("--set " + path + ": expected " + String.join(" or ", types) + " as JSON, found \"" + text + "\"");
    }

    /** Reads answers.json's bytes; an invalid document is an {@link InvalidFactsException} naming the field, line and column. */
    static Answers read(String file, byte[] bytes) {
        FactsReader.read(bytes, file); // the same rules as a facts document: types, enums, dates
        PsNode n = PsJson.parse(file, bytes, null, false);
        if (!n.raw().isObject()) {
            throw n.problem(null, "expected a JSON object (a partial tenant-facts document)");
        }
        return new Answers((ObjectNode) n.raw());
    }

    /** Checks the merged answers as a facts document; throws {@link InvalidFactsException} naming the field. */
    void validate(String origin) {
        FactsReader.read(document.toString(), origin);
    }

    ObjectNode documentCopy() {
        return document.deepCopy();
    }

    /** Reads an answers file (the format of answers.json); an invalid one is an {@link InvalidFactsException}. */
    public static Answers read(java.nio.file.Path file) throws java.io.IOException {
        return parse(file.toString(), java.nio.file.Files.readAllBytes(file));
    }

    /**
     * Reads answers (the format of answers.json) held in memory, such as an uploaded part; an
     * invalid document is an {@link InvalidFactsException} naming {@code name}, the field, line and column.
     */
    public static Answers parse(String name, byte[] bytes) {
        try {
            return read(name, bytes);
        } catch (ImportException e) {
            throw new InvalidFactsException(name, "", e.diagnostic().line(), e.diagnostic().column(), e.diagnostic().message());
        }
    }

    /** Checks these answers as a partial facts document; an {@link InvalidFactsException} names the field. */
    public Answers validated(String origin) {
        validate(origin);
        return this;
    }

    /** Whether nothing is stated. */
    public boolean isEmpty() {
        return document.isEmpty();
    }

    /** The UPNs the answers name, lower case. */
    Set<String> userPrincipalNames() {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode u : document.path("users")) {
            if (u.hasNonNull("userPrincipalName")) {
                out.add(u.get("userPrincipalName").asText().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** Lays the answers over the imported facts. */
    void mergeInto(FactTree.Obj root) {
        merge(root, document);
    }

    private static void merge(FactTree.Obj target, JsonNode answer) {
        for (Iterator<Map.Entry<String, JsonNode>> it = answer.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = e.getKey();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (KEYS.containsKey(field) && v.isArray()) {
                String key = KEYS.get(field);
                target.list(field);
                for (JsonNode element : v) {
                    String matchKey = key;
                    if (!element.hasNonNull(key)) {
                        // A user whose UPN no export gave is matched by its Graph object id.
                        if (field.equals("users") && element.hasNonNull("id")) {
                            matchKey = "id";
                        } else {
                            continue; // a template's placeholder: nobody named yet
                        }
                    }
                    FactTree.Obj into = target.named(field, matchKey, element.get(matchKey).asText(), null);
                    ObjectNode rest = ((ObjectNode) element).deepCopy();
                    if (into.leaf(matchKey) != null) {
                        rest.remove(matchKey); // matched ignoring case: the export's spelling stays
                    }
                    if (into.leaf("displayName") != null) {
                        rest.remove("displayName"); // a template's label for the reader, not an answer
                    }
                    merge(into, rest);
                }
            } else if (v.isObject()) {
                merge(target.obj(field), v);
            } else {
                target.answer(field, v, SOURCE);
            }
        }
    }

    private static void overlay(ObjectNode base, JsonNode over) {
        for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = base.get(e.getKey());
            if (KEYS.containsKey(e.getKey()) && e.getValue().isArray() && old instanceof ArrayNode oldList) {
                String key = KEYS.get(e.getKey());
                for (JsonNode element : e.getValue()) {
                    ObjectNode match = null;
                    for (JsonNode o : oldList) {
                        String k = element.hasNonNull(key) || !e.getKey().equals("users") ? key : "id";
                        if (o.isObject() && o.path(k).asText("").equalsIgnoreCase(element.path(k).asText(null))) {
                            match = (ObjectNode) o;
                        }
                    }
                    if (match == null) {
                        oldList.add(element.deepCopy());
                    } else {
                        overlay(match, element);
                    }
                }
            } else if (e.getValue().isObject() && old instanceof ObjectNode oldObj) {
                overlay(oldObj, e.getValue());
            } else {
                base.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /** The test users' isSsprEnabled as evidence for scopeIncludesTestUsers, when no answer states it. */
    static void testUserEvidence(FactTree.Obj root, Map<FactTree.Obj, Boolean> ssprEnabled) {
        FactTree.Obj reset = root.obj("passwordReset");
        if (reset.leaf("scopeIncludesTestUsers") != null || !root.hasList("users")) {
            return;
        }
        boolean any = false;
        for (FactTree.Obj u : root.list("users")) {
            JsonNode purpose = u.value("purpose");
            boolean testUser = purpose != null && purpose.isArray() && List.of(JSON.convertValue(purpose, String[].class)).stream().anyMatch("testUser"::equalsIgnoreCase);
            if (!testUser) {
                continue;
            }
            Boolean enabled = ssprEnabled.get(u);
            if (enabled == null) {
                reset.missing("scopeIncludesTestUsers", Reasons.of(Reasons.ANSWER_NEEDED_COVER, "graph/userRegistrationDetails.json"));
                return;
            }
            if (!enabled) {
                reset.set("scopeIncludesTestUsers", false, "graph/userRegistrationDetails.json", "inferred: test user " + u.text("userPrincipalName") + " has isSsprEnabled false");
                return;
            }
            any = true;
        }
        if (any) {
            reset.set("scopeIncludesTestUsers", true, "graph/userRegistrationDetails.json", "inferred: every test user has isSsprEnabled true");
        }
    }
}
