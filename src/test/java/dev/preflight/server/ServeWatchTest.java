package dev.preflight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.engine.RulesDirs;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code preflight serve --rules DIR --watch}: an edit that does not compile leaves the last good
 * rules serving (and is counted as a failed reload); a good edit is served without a restart, its
 * hash in {@code /v1/rules} and in every response's header.
 */
class ServeWatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A recompile takes about a second on a quiet machine; several times that on a loaded 2-core one. */
    private static final long RELOAD_WAIT_MS = 120_000;

    @TempDir
    Path tmp;

    @Test
    void aBrokenEditKeepsTheLastGoodRulesServingAndAGoodEditIsServedWithoutARestart() throws Exception {
        Path rules = RulesDirs.copy(tmp.resolve("rules"));
        byte[] healthy = Files.readAllBytes(Path.of("samples/healthy-hybrid.json"));
        try (TestServer s = TestServer.start(TestServer.options().withRules(rules, true), null, HttpClient.newHttpClient())) {
            String good = rulesHash(s);
            assertEquals("PASS", net003(s, healthy, good));

            RulesDirs.edit(rules.resolve("network.drl"), "Network(tlsInspection == true)", "Network(tlsInspection == true");
            await(() -> TestServer.text(s.get("/metrics")).contains("preflight_rule_reloads_total{outcome=\"failure\"}"), "a failed reload");
            assertEquals(good, rulesHash(s), "still the last rules that compiled");
            assertEquals(200, s.get("/readyz").statusCode(), "still ready");
            assertEquals("PASS", net003(s, healthy, good));

            // Fixed, and the healthy sample's 300 s idle timeout made a warning (the limit becomes 400 s).
            RulesDirs.edit(rules.resolve("network.drl"), "Network(tlsInspection == true", "Network(tlsInspection == true)");
            RulesDirs.edit(rules.resolve("network.drl"), "idleTimeoutSeconds < 180)", "idleTimeoutSeconds < 400)");
            await(() -> !rulesHash(s).equals(good), "the good edit served");
            String edited = rulesHash(s);
            assertNotEquals(good, edited);
            assertEquals("FAIL/WARNING", net003(s, healthy, edited));
            assertTrue(TestServer.text(s.get("/metrics")).contains("preflight_rule_reloads_total{outcome=\"success\"}"));
        }
    }

    private static String rulesHash(TestServer s) throws Exception {
        HttpResponse<byte[]> r = s.get("/v1/rules");
        assertEquals(200, r.statusCode());
        String hash = JSON.readTree(r.body()).path("hash").asText();
        assertEquals(hash, r.headers().firstValue("Preflight-Rules").orElseThrow(), "the header names the rules in use");
        return hash;
    }

    /** PWB-NET-003's outcome for the sample, from a report made by the rules {@code hash}. */
    private static String net003(TestServer s, byte[] facts, String hash) throws Exception {
        HttpResponse<byte[]> r = s.post("/v1/evaluations", "application/json", facts);
        assertEquals(200, r.statusCode());
        JsonNode report = JSON.readTree(r.body());
        assertEquals(hash, report.at("/rules/hash").asText(), "the report names the rules that made it");
        for (JsonNode c : report.path("checks")) {
            if (c.path("id").asText().equals("PWB-NET-003")) {
                String status = c.path("status").asText();
                return status.equals("PASS") ? status : status + "/" + c.path("severity").asText();
            }
        }
        throw new AssertionError("no PWB-NET-003 in " + report);
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition c, String what) throws Exception {
        long end = System.nanoTime() + RELOAD_WAIT_MS * 1_000_000;
        while (!c.holds()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no " + what + " within " + RELOAD_WAIT_MS + " ms");
            }
            Thread.sleep(100);
        }
    }
}
