package dev.preflight.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A JSON document read with where each value and each field name starts (line and column), so
 * that a problem in a rules file (a test case's {@code set} path) names {@code file:line:column}.
 */
public final class LocatedJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;
    private final Map<JsonNode, int[]> values = new IdentityHashMap<>();
    private final Map<JsonNode, Map<String, int[]>> names = new IdentityHashMap<>();

    private LocatedJson(String text) throws JsonProcessingException {
        try (JsonParser p = new JsonFactory().createParser(text)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            p.nextToken();
            root = read(p);
            if (p.nextToken() != null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "text after the document");
            }
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the text.
     *
     * @throws JsonProcessingException when it does not parse (see {@link JsonSyntax#problem})
     */
    public static LocatedJson parse(String text) throws JsonProcessingException {
        return new LocatedJson(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    public JsonNode root() {
        return root;
    }

    /** Where the value starts: {line, column}, or {0, 0} for a node not of this document. */
    public int[] at(JsonNode value) {
        return values.getOrDefault(value, new int[] {0, 0});
    }

    /** Where the object's field name starts: {line, column}; the object's own place when it has no such field. */
    public int[] atName(JsonNode object, String field) {
        Map<String, int[]> m = names.get(object);
        return m != null && m.containsKey(field) ? m.get(field) : at(object);
    }

    private JsonNode read(JsonParser p) throws IOException {
        int[] here = where(p.currentTokenLocation());
        JsonToken t = p.currentToken();
        JsonNode n;
        if (t == JsonToken.START_OBJECT) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            Map<String, int[]> own = new java.util.HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                own.put(name, where(p.currentTokenLocation()));
                p.nextToken();
                o.set(name, read(p));
            }
            names.put(o, own);
            n = o;
        } else if (t == JsonToken.START_ARRAY) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                a.add(read(p));
            }
            n = a;
        } else {
            n = JSON.readTree(p);
        }
        values.put(n, here);
        return n;
    }

    private static int[] where(JsonLocation l) {
        return new int[] {l.getLineNr(), l.getColumnNr()};
    }

    /** Null when the path (list indexes ignored) names fields of the input format; otherwise why not, listing the fields there. */
    public static String schemaProblem(String path) {
        return CheckDeclarations.FactSchema.check(path);
    }
}
