package dev.preflight.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.preflight.facts.TenantFacts;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped JSON Schemas describe what the code reads and writes. */
class SchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Evaluator evaluator;

    @BeforeAll
    static void build() {
        evaluator = Evaluator.builder().rulesDirectory(Path.of("rules")).build();
    }

    @AfterAll
    static void close() {
        evaluator.close();
    }

    static JsonSchema schema(String name) throws IOException {
        try (InputStream in = SchemaTest.class.getResourceAsStream("/schema/" + name)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    @Test
    void everySampleIsValidAgainstTheFactsSchema() throws IOException {
        JsonSchema schema = schema("tenant-facts.schema.json");
        for (Path p : EvaluatorTest.samples()) {
            Set<ValidationMessage> errors = schema.validate(JSON.readTree(p.toFile()));
            assertEquals(Set.of(), errors, p.toString());
        }
    }

    @Test
    void theFactsSchemaRejectsWhatTheReaderRejects() throws IOException {
        JsonSchema schema = schema("tenant-facts.schema.json");
        assertTrue(!schema.validate(JSON.readTree("{\"subscribedSkus\": [{\"consumedUnits\": -1}]}")).isEmpty());
        assertTrue(!schema.validate(JSON.readTree("{\"onPremises\": {\"connect\": {\"version\": \"2.x\"}}}")).isEmpty());
        assertTrue(!schema.validate(JSON.readTree("{\"tenant\": {\"cloud\": \"Mars\"}}")).isEmpty());
    }

    @Test
    void everyReportIsValidAgainstTheReportSchema() throws IOException {
        JsonSchema schema = schema("report.schema.json");
        for (Path p : EvaluatorTest.samples()) {
            JsonNode report = JSON.readTree(evaluator.evaluate(p).toJson());
            assertEquals(Set.of(), schema.validate(report), p.toString());
        }
        JsonNode empty = JSON.readTree(evaluator.evaluateJson("{}").toJson());
        assertEquals(Set.of(), schema.validate(empty), "a report of empty facts");
    }

    /** Every field of the Java model is in the schema, and every schema field is in the model: they cannot drift apart. */
    @Test
    void theFactsSchemaAndTheModelNameTheSameFields() throws IOException {
        JsonNode schema;
        try (InputStream in = SchemaTest.class.getResourceAsStream("/schema/tenant-facts.schema.json")) {
            schema = JSON.readTree(in);
        }
        Set<String> inSchema = new TreeSet<>();
        collect(schema, schema, "", inSchema, new HashSet<>());
        Set<String> inModel = new TreeSet<>();
        model(TenantFacts.class, "", inModel);
        assertEquals(inModel, inSchema);
    }

    private static void collect(JsonNode root, JsonNode node, String prefix, Set<String> out, Set<String> seen) {
        if (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (!seen.add(prefix + ref)) {
                return;
            }
            collect(root, root.at(ref.substring(1)), prefix, out, seen);
            return;
        }
        if (node.has("items")) {
            collect(root, node.get("items"), prefix + "[]", out, seen);
        }
        if (node.has("properties")) {
            node.get("properties").fields().forEachRemaining(e -> {
                String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                out.add(path);
                collect(root, e.getValue(), path, out, seen);
            });
        }
    }

    private static void model(Class<?> type, String prefix, Set<String> out) {
        for (RecordComponent c : type.getRecordComponents()) {
            String path = prefix.isEmpty() ? c.getName() : prefix + "." + c.getName();
            out.add(path);
            Type t = c.getGenericType();
            if (t instanceof ParameterizedType pt && pt.getRawType() == List.class) {
                Type element = pt.getActualTypeArguments()[0];
                if (element instanceof Class<?> ec && ec.isRecord()) {
                    model(ec, path + "[]", out);
                }
            } else if (c.getType().isRecord() && !c.getType().getPackageName().startsWith("java")) {
                if (c.getType() != dev.preflight.facts.SyncTime.class) {
                    model(c.getType(), path, out);
                }
            }
        }
    }
}
