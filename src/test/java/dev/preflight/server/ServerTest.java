package dev.preflight.server;

import static dev.preflight.server.TestServer.problem;
import static dev.preflight.server.TestServer.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.collection.CollectionFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every endpoint of {@code preflight serve} and every refusal, through a real HTTP client; each response checked against openapi.json. */
class ServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.shared();
    }

    static byte[] sample(String name) throws IOException {
        return Files.readAllBytes(Path.of("samples", name));
    }

    @Test
    void healthReadinessAndTheOpenApiFileByteForByte() throws Exception {
        assertEquals("UP", JSON.readTree(s.get("/healthz").body()).path("status").asText());
        HttpResponse<byte[]> ready = s.get("/readyz");
        assertEquals(200, ready.statusCode());
        assertEquals(ready.headers().firstValue("Preflight-Rules").orElseThrow(), JSON.readTree(ready.body()).at("/rules/hash").asText());
        HttpResponse<byte[]> api = s.get("/openapi.json");
        assertArrayEquals(Files.readAllBytes(Path.of("src/main/resources/openapi.json")), api.body(), "served as in the repository");
    }

    /** The report and facts schemas inside openapi.json are the shipped schema files, so the two cannot drift apart. */
    @Test
    void theOpenApiSchemasOfReportsAndFactsAreTheShippedSchemaFiles() throws Exception {
        JsonNode schemas = OpenApiContract.document().path("components").path("schemas");
        for (String[] pair : new String[][] {{"Report", "report.schema.json"}, {"TenantFacts", "tenant-facts.schema.json"}}) {
            ObjectNode file = (ObjectNode) JSON.readTree(Path.of("src/main/resources/schema", pair[1]).toFile());
            file.remove("$schema");
            file.remove("$id");
            String expected = file.toString().replace("\"#/$defs/", "\"#/components/schemas/" + pair[0] + "/$defs/");
            assertEquals(JSON.readTree(expected), schemas.path(pair[0]), pair[0] + " differs from " + pair[1]);
        }
        assertEquals("3.1.0", OpenApiContract.document().path("openapi").asText());
    }

    @Test
    void anEvaluationInEveryFormatWithItsVerdictInAHeader() throws Exception {
        byte[] facts = sample("sspr-disabled.json");
        HttpResponse<byte[]> json = s.post("/v1/evaluations", "application/json", facts);
        assertEquals(200, json.statusCode());
        assertEquals("NOT_ELIGIBLE", json.headers().firstValue("Preflight-Verdict").orElseThrow());
        assertEquals("NOT_ELIGIBLE", JSON.readTree(json.body()).path("verdict").asText());
        for (String[] accept : new String[][] {{"text/html", "<html"}, {"text/plain", "PWB-SSPR-001"}, {"application/sarif+json", "\"runs\""},
            {"application/xml", "<testsuite"}}) {
            HttpResponse<byte[]> r = s.post("/v1/evaluations", "application/json", facts, "Accept", accept[0]);
            assertEquals(200, r.statusCode(), accept[0]);
            assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith(accept[0]), accept[0]);
            assertTrue(text(r).contains(accept[1]), accept[0]);
        }
        HttpResponse<byte[]> zh = s.post("/v1/evaluations?locale=zh-TW", "application/json", facts, "Accept", "text/plain");
        assertTrue(text(zh).contains("不符合資格"), text(zh));
        HttpResponse<byte[]> all = s.post("/v1/evaluations?all=true", "application/json", facts, "Accept", "text/plain");
        assertTrue(text(all).length() > text(s.post("/v1/evaluations", "application/json", facts, "Accept", "text/plain")).length(),
                "?all=true lists the passing checks too");
    }

    @Test
    void theCatalogueAndTheRulesWithTheirHashInEveryResponse() throws Exception {
        HttpResponse<byte[]> rules = s.get("/v1/rules");
        JsonNode info = JSON.readTree(rules.body());
        assertEquals("built-in", info.path("source").asText());
        HttpResponse<byte[]> checks = s.get("/v1/checks");
        assertEquals(info.path("checks").asInt(), JSON.readTree(checks.body()).size());
        assertEquals(info.path("hash").asText(), checks.headers().firstValue("Preflight-Rules").orElseThrow());
        assertTrue(text(s.get("/v1/checks?locale=zh-CN", "Accept", "text/plain")).contains("许可"), "titled in Simplified Chinese");
        assertTrue(text(s.get("/v1/checks", "Accept", "text/csv")).startsWith("id,"));
    }

    @Test
    void aBatchStreamsOneLinePerRecordInInputOrderWithBadRecordsAsErrorLines() throws Exception {
        String lines = JSON.readTree(sample("healthy-hybrid.json")) + "\n{\"tenant\": 7}\n" + JSON.readTree(sample("sspr-disabled.json")) + "\n";
        HttpResponse<byte[]> r = s.post("/v1/batches", "application/x-ndjson", lines.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode());
        List<JsonNode> out = text(r).lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertEquals(3, out.size());
        assertEquals("-:1", out.get(0).path("origin").asText());
        assertEquals("ELIGIBLE", out.get(0).path("verdict").asText());
        assertEquals("invalid-input", out.get(1).at("/error/kind").asText());
        assertEquals("NOT_ELIGIBLE", out.get(2).path("verdict").asText());
        HttpResponse<byte[]> csv = s.post("/v1/batches", "application/x-ndjson", lines.getBytes(StandardCharsets.UTF_8), "Accept", "text/csv");
        assertTrue(text(csv).startsWith("origin,tenantId,"), text(csv));
        problem(s.post("/v1/batches", "text/plain", lines.getBytes(StandardCharsets.UTF_8)), 415);
    }

    @Test
    void aDiffOfTwoBatchOutputs() throws Exception {
        String healthy = JSON.readTree(sample("healthy-hybrid.json")).toString();
        ObjectNode broken = (ObjectNode) JSON.readTree(sample("sspr-disabled.json"));
        ((ObjectNode) broken.path("tenant")).put("tenantId", JSON.readTree(healthy).at("/tenant/tenantId").asText());
        byte[] before = s.post("/v1/batches", "application/x-ndjson", (healthy + "\n").getBytes(StandardCharsets.UTF_8)).body();
        byte[] after = s.post("/v1/batches", "application/x-ndjson", (broken + "\n").getBytes(StandardCharsets.UTF_8)).body();
        HttpResponse<byte[]> d = s.post("/v1/diffs", TestServer.FORM, TestServer.form("old", "monday.jsonl", before, "new", "tuesday.jsonl", after));
        assertEquals(200, d.statusCode(), text(d));
        assertEquals("1", d.headers().firstValue("Preflight-Diff-Worse").orElseThrow());
        HttpResponse<byte[]> html = s.post("/v1/diffs?locale=zh-CN", TestServer.FORM, TestServer.form("old", "monday.jsonl", before, "new", "tuesday.jsonl", after),
                "Accept", "text/html");
        assertTrue(text(html).contains("monday.jsonl") && text(html).contains("lang=\"zh-CN\""), "the uploads' names, in Chinese");
        JsonNode p = problem(s.post("/v1/diffs", TestServer.FORM, TestServer.form("old", "a.jsonl", "not json\n".getBytes(StandardCharsets.UTF_8),
                "new", "b.jsonl", after)), 422);
        assertTrue(p.path("detail").asText().startsWith("a.jsonl"), "names the upload, not a server path: " + p);
        problem(s.post("/v1/diffs", TestServer.FORM, TestServer.form("old", null, before)), 422);
    }

    @Test
    void metricsCountRequestsVerdictsAndRejections() throws Exception {
        s.post("/v1/evaluations", "application/json", sample("healthy-hybrid.json"));
        s.post("/v1/evaluations", "application/json", "{".getBytes(StandardCharsets.UTF_8));
        String m = text(s.get("/metrics"));
        assertTrue(m.contains("preflight_http_requests_seconds_count{method=\"POST\",route=\"/v1/evaluations\",status=\"200\"}"), m);
        assertTrue(m.contains("preflight_http_requests_seconds_bucket{method=\"POST\",route=\"/v1/evaluations\",status=\"422\",le=\"0.005\"}"), m);
        assertTrue(m.contains("preflight_verdicts_total{verdict=\"ELIGIBLE\"}"), m);
        assertTrue(m.contains("jvm_memory_used_bytes"), m);
    }

    @Test
    void invalidFactsAreProblemsWithTheCommandLinesMessageFieldLineAndColumn() throws Exception {
        JsonNode p = problem(s.post("/v1/evaluations", "application/json", "{\n  \"tenant\": {\"tenantId\": 5}\n}".getBytes(StandardCharsets.UTF_8)), 422);
        assertEquals("-:2:26: tenant.tenantId: expected a string, found 5", p.path("detail").asText());
        assertEquals("tenant.tenantId", p.path("path").asText());
        assertEquals(2, p.path("line").asInt());
        assertEquals(26, p.path("column").asInt());
        JsonNode deep = problem(s.post("/v1/evaluations", "application/json", ("{\"x\":" + "[".repeat(100) + "]".repeat(100) + "}").getBytes(StandardCharsets.UTF_8)), 413);
        assertTrue(deep.path("detail").asText().contains("nested deeper than 64 levels"), deep.toString());
        byte[] huge = new byte[(int) RequestParsing.MAX_FACTS_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) ' ');
        problem(s.post("/v1/evaluations", "application/json", huge), 413);
    }

    @Test
    void wrongRequestsAreProblemsToo() throws Exception {
        byte[] facts = sample("healthy-hybrid.json");
        HttpResponse<byte[]> csv = s.post("/v1/evaluations", "text/csv", facts);
        problem(csv, 415);
        // The refused body is left unread, so the connection closes: the client is told, and does not
        // send its next request on it (which then failed with "header parser received no bytes").
        assertEquals("close", csv.headers().firstValue("Connection").orElse("(none)"));
        problem(s.post("/v1/evaluations", "application/json", facts, "Accept", "image/png"), 406);
        assertTrue(problem(s.post("/v1/evaluations?locale=fr", "application/json", facts), 400).path("detail").asText()
                .startsWith("no texts for locale fr; there are: en, zh-CN, zh-TW"));
        HttpResponse<byte[]> get = s.client.send(java.net.http.HttpRequest.newBuilder(s.uri("/v1/evaluations")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("POST", problem(get, 405).path("detail").asText().replaceAll(".*; (\\w+) is$", "$1"));
        assertEquals("POST", get.headers().firstValue("Allow").orElseThrow());
        HttpResponse<byte[]> missing = s.client.send(java.net.http.HttpRequest.newBuilder(s.uri("/v2/evaluations")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        problem(missing, 404);
    }

    /** Found by RequestParsingFuzzTest: each was a 500 (an exception from Jetty's parsers, a null part name). */
    @Test
    void aMalformedAcceptOrContentTypeOrAFormPartWithoutANameIsTheClientsProblemNotAServerError() throws Exception {
        byte[] facts = sample("healthy-hybrid.json");
        assertTrue(problem(s.post("/v1/evaluations", "application/json", facts, "Accept", "text/html, \"text/plain"), 400).path("detail").asText()
                .startsWith("the Accept header is not a list of media types: "));
        assertEquals("the media type application/\"json cannot be read: unterminated quote",
                problem(s.post("/v1/evaluations", "application/\"json", facts), 400).path("detail").asText());
        assertEquals("the media type multipart/form-data; boundary=\"b1 cannot be read: unterminated quote",
                problem(s.post("/v1/evaluations", "multipart/form-data; boundary=\"b1", facts), 400).path("detail").asText());
        byte[] unnamed = ("--" + TestServer.BOUNDARY + "\r\nContent-Type: application/json\r\n\r\n" + new String(facts, StandardCharsets.UTF_8)
                + "\r\n--" + TestServer.BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        assertEquals("a form part without a name: expected facts, collection, answers",
                problem(s.post("/v1/evaluations", TestServer.FORM, unnamed), 422).path("detail").asText());
        // What a problem quotes of the request is one line: a line break in the locale is shown as '?'.
        assertEquals("locale must be a language tag such as en, zh-CN or zh-TW, not '??'",
                problem(s.post("/v1/evaluations?locale=%0D%0A", "application/json", facts), 400).path("detail").asText());
    }

    @Test
    void aCollectionZipAloneOrWithAnswersInAForm() throws Exception {
        byte[] zip = zipOf(Path.of("samples/collection-ps51"));
        HttpResponse<byte[]> r = s.post("/v1/evaluations", "application/zip", zip);
        assertEquals(200, r.statusCode(), text(r));
        assertEquals(JSON.readTree(r.body()).path("verdict").asText(), r.headers().firstValue("Preflight-Verdict").orElseThrow());
        assertTrue(JSON.readTree(r.body()).at("/tenant/tenantId").isTextual(), "the tenant, imported from the collection");
        byte[] answers = "{\"passwordReset\": {\"selfServiceScope\": \"None\"}}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> withAnswers = s.post("/v1/evaluations", TestServer.FORM, TestServer.form("collection", "fabrikam.zip", zip, "answers", "mine.json", answers));
        assertEquals(200, withAnswers.statusCode(), text(withAnswers));
        assertEquals("NOT_ELIGIBLE", withAnswers.headers().firstValue("Preflight-Verdict").orElseThrow());
        JsonNode bad = problem(s.post("/v1/evaluations", TestServer.FORM, TestServer.form("collection", "fabrikam.zip", zip, "answers", "mine.json",
                "{\"passwordReset\": {\"selfServiceScope\": 3}}".getBytes(StandardCharsets.UTF_8))), 422);
        assertTrue(bad.path("detail").asText().startsWith("mine.json"), bad.toString());
    }

    @Test
    void aZipBombAndAZipLeavingItsFolderAreRefusedWith422NamingTheUploadNotAServerPath() throws Exception {
        byte[] bomb = zip("graph/users.json", new byte[(int) CollectionFiles.MAX_ENTRY_BYTES + 10]);
        assertTrue(bomb.length < 100_000, "small on the wire");
        JsonNode b = problem(s.post("/v1/evaluations", "application/zip", bomb), 422);
        assertEquals("urn:preflight:problem:unusable-collection", b.path("type").asText());
        assertTrue(b.path("detail").asText().startsWith("collection.zip"), b.toString());
        JsonNode evil = problem(s.post("/v1/evaluations", "application/zip", zip("../../etc/cron.d/x", "x".getBytes(StandardCharsets.UTF_8))), 422);
        assertTrue(evil.path("detail").asText().endsWith("entry \"../../etc/cron.d/x\" points outside the collection; refused"), evil.toString());
        assertTrue(!evil.toString().contains("preflight-serve-"), "no server path: " + evil);
        problem(s.post("/v1/evaluations", "application/zip", "not a zip".getBytes(StandardCharsets.UTF_8)), 422);
    }

    static byte[] zip(String entry, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.setLevel(9);
            z.putNextEntry(new ZipEntry(entry));
            z.write(content);
            z.closeEntry();
        }
        return out.toByteArray();
    }

    static byte[] zipOf(Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out); Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry(dir.relativize(f).toString().replace('\\', '/')));
                z.write(Files.readAllBytes(f));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
