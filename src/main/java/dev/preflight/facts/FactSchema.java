package dev.preflight.facts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jline.utils.Levenshtein;

/**
 * The fields of the tenant-facts document ({@code facts.md}), as its JSON schema
 * ({@code schema/tenant-facts.schema.json}) lists them: for checking a path a person wrote (a
 * check's {@code path}, an answer's {@code --set PATH}) and suggesting the nearest valid one.
 */
public final class FactSchema {

    private static final JsonNode SCHEMA;

    static {
        try (InputStream in = FactSchema.class.getClassLoader().getResourceAsStream("schema/tenant-facts.schema.json")) {
            SCHEMA = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FactSchema() {
    }

    /** The schema of the whole document. */
    public static JsonNode root() {
        return SCHEMA;
    }

    /** A schema node with its {@code $ref}s followed. */
    public static JsonNode resolve(JsonNode n) {
        while (n.has("$ref")) {
            n = SCHEMA.at(n.get("$ref").asText().substring(1));
        }
        return n;
    }

    /** The object schema of a node: itself, or its list's elements (lists of lists too). */
    public static JsonNode object(JsonNode n) {
        JsonNode at = resolve(n);
        while (at.has("items") && !at.has("properties")) {
            at = resolve(at.get("items"));
        }
        return at;
    }

    /** The field {@code name} of an object (or list of objects) schema, or null when there is none. */
    public static JsonNode field(JsonNode at, String name) {
        JsonNode props = object(at).get("properties");
        return props == null || !props.has(name) ? null : resolve(props.get(name));
    }

    /** The field names of an object (or list of objects) schema. */
    public static List<String> fieldNames(JsonNode at) {
        List<String> names = new ArrayList<>();
        JsonNode props = object(at).get("properties");
        if (props != null) {
            props.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    /** The JSON types a value of this schema may have ({@code "array"}, {@code "string"}, ...), null left out. */
    public static Set<String> types(JsonNode at) {
        JsonNode n = resolve(at);
        Set<String> out = new LinkedHashSet<>();
        JsonNode t = n.get("type");
        if (t != null && t.isArray()) {
            t.forEach(x -> out.add(x.asText()));
        } else if (t != null) {
            out.add(t.asText());
        } else if (n.has("properties")) {
            out.add("object");
        }
        out.remove("null");
        return out;
    }

    /** The name among {@code names} nearest to {@code name} (fewest edits, ignoring case), or null when none is near. */
    public static String nearest(String name, List<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String n : names) {
            int d = Levenshtein.distance(name.toLowerCase(java.util.Locale.ROOT), n.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = n;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }
}
