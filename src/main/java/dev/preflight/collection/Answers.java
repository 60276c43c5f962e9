package dev.preflight.collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.api.FactsReader;
import dev.preflight.api.InvalidFactsException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a person states ({@code answers.json}, and {@code --set PATH=VALUE} on the command line): a
 * partial tenant-facts document merged over the exports, winning over them. Users match by
 * {@code userPrincipalName} ignoring case, forests and domains by {@code name}.
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

    /** This document with {@code PATH=VALUE} applied: {@code passwordReset.selfServiceScope=Selected}, {@code users[pwtest@contoso.com].purpose=["testUser"]}. */
    public Answers with(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected PATH=VALUE, found \"" + assignment + "\"");
        }
        String path = assignment.substring(0, eq).strip();
        String text = assignment.substring(eq + 1);
        JsonNode value;
        try {
            value = JSON.readTree(text);
            if (value == null || value.isMissingNode()) {
                value = JsonNodeFactory.instance.textNode(text);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            value = JsonNodeFactory.instance.textNode(text); // a bare word such as Selected
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode at = root;
        String[] segments = path.split("\\.(?![^\\[]*])");
        for (int i = 0; i < segments.length; i++) {
            String seg = segments[i];
            String key = null;
            int bracket = seg.indexOf('[');
            if (bracket >= 0) {
                if (!seg.endsWith("]")) {
                    throw new IllegalArgumentException("--set " + path + ": expected NAME[KEY] in \"" + seg + "\"");
                }
                key = seg.substring(bracket + 1, seg.length() - 1);
                seg = seg.substring(0, bracket);
                if (!KEYS.containsKey(seg)) {
                    throw new IllegalArgumentException("--set " + path + ": only users[UPN], forests[NAME] and domains[NAME] take a key");
                }
            }
            if (i == segments.length - 1 && key == null) {
                at.set(seg, value);
            } else if (key != null) {
                ObjectNode element = at.putArray(seg).addObject();
                element.put(KEYS.get(seg), key);
                if (i == segments.length - 1) {
                    throw new IllegalArgumentException("--set " + path + ": name a field of " + seg + "[" + key + "]");
                }
                at = element;
            } else {
                at = at.putObject(seg);
            }
        }
        return with(root);
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

    boolean isEmpty() {
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
                    if (!element.hasNonNull(key)) {
                        continue; // a template's placeholder: nobody named yet
                    }
                    FactTree.Obj into = target.named(field, key, element.get(key).asText(), null);
                    ObjectNode rest = ((ObjectNode) element).deepCopy();
                    if (into.leaf(key) != null) {
                        rest.remove(key); // matched ignoring case: the export's spelling stays
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
                        if (o.isObject() && o.path(key).asText("").equalsIgnoreCase(element.path(key).asText(null))) {
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
                reset.missing("scopeIncludesTestUsers", "answer needed: graph/userRegistrationDetails.json does not cover every test user");
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
