package dev.preflight.server;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates a response against {@code openapi.json}: the operation declares its status (or a
 * default), its content type, and every header it marks required; a JSON body (a problem, a
 * report, SARIF) validates against the operation's schema object, and each line of a JSON Lines
 * body against the line schema, through networknt's validator in its OpenAPI 3.1 dialect.
 */
public final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode DOC = read();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.metaSchema(OpenApi31.getInstance()).defaultMetaSchemaIri(OpenApi31.getInstance().getIri()));
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private OpenApiContract() {
    }

    private static JsonNode read() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/openapi.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document. */
    public static JsonNode document() {
        return DOC;
    }

    /** Fails unless the response is one the document declares for this method and path. */
    public static void validate(String method, String path, HttpResponse<byte[]> r) {
        JsonNode op = DOC.path("paths").path(path).path(method.toLowerCase(java.util.Locale.ROOT));
        assertTrue(op.isObject(), "openapi.json has no " + method + " " + path);
        String status = Integer.toString(r.statusCode());
        JsonNode response = op.path("responses").has(status) ? op.path("responses").path(status) : op.path("responses").path("default");
        String where = method + " " + path + " " + status;
        assertTrue(response.isObject(), where + " is not declared in openapi.json; body: " + new String(r.body(), StandardCharsets.UTF_8));
        response = deref(response);
        for (Iterator<Map.Entry<String, JsonNode>> it = response.path("headers").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> h = it.next();
            JsonNode header = deref(h.getValue());
            if (header.path("required").asBoolean()) {
                assertTrue(r.headers().firstValue(h.getKey()).isPresent(), where + ": the required header " + h.getKey() + " is missing");
                String pattern = header.path("schema").path("pattern").asText(null);
                if (pattern != null) {
                    String v = r.headers().firstValue(h.getKey()).get();
                    assertTrue(v.matches(pattern), where + ": header " + h.getKey() + " '" + v + "' does not match " + pattern);
                }
            }
        }
        String type = RequestParsing.mediaType(r.headers().firstValue("Content-Type").orElse(""));
        JsonNode content = response.path("content");
        if (r.body().length == 0 && !content.isObject()) {
            return;
        }
        assertTrue(content.has(type), where + ": content type " + type + " is not declared (declared: " + content + ")");
        String pointer = "#/paths/" + escape(path) + "/" + method.toLowerCase(java.util.Locale.ROOT) + "/responses/"
                + (op.path("responses").has(status) ? status : "default");
        String schemaAt = pointer + "/content/" + escape(type) + "/schema";
        if (type.equals("application/x-ndjson")) {
            JsonSchema lineSchema = schema(schemaAt);
            String[] lines = new String(r.body(), StandardCharsets.UTF_8).split("\n");
            for (String line : lines) {
                if (!line.isEmpty()) {
                    check(lineSchema, parse(line.getBytes(StandardCharsets.UTF_8), where), where + " line " + line);
                }
            }
        } else if (type.endsWith("json")) {
            check(schema(schemaAt), parse(r.body(), where), where);
        }
    }

    private static void check(JsonSchema schema, JsonNode value, String where) {
        Set<ValidationMessage> errors = schema.validate(value);
        if (!errors.isEmpty()) {
            String v = value.toString();
            fail(where + ": does not match openapi.json: " + errors + " in " + (v.length() > 400 ? v.substring(0, 400) + "…" : v));
        }
    }

    private static JsonNode parse(byte[] body, String where) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(where + ": the body is not JSON: " + e.getMessage(), e);
        }
    }

    private static JsonSchema schema(String pointer) {
        return SCHEMAS.computeIfAbsent(pointer, p -> FACTORY.getSchema(SchemaLocation.of("classpath:openapi.json" + p)));
    }

    private static JsonNode deref(JsonNode node) {
        while (node.has("$ref")) {
            String ref = node.path("$ref").asText();
            assertTrue(ref.startsWith("#/"), "only local references: " + ref);
            node = DOC.at(ref.substring(1));
            assertNotNull(node);
        }
        return node;
    }

    /** A JSON pointer segment. */
    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
