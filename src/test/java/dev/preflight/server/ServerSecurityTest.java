package dev.preflight.server;

import static dev.preflight.server.TestServer.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens kept as hashes, and TLS from a PKCS#12 keystore made for the test with keytool. */
class ServerSecurityTest {

    @TempDir
    Path tmp;

    private Path keystore() throws Exception {
        Path ks = tmp.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "preflight",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "test-pass", "-keypass", "test-pass")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        return ks;
    }

    private static HttpClient trusting(Path ks) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "test-pass".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }

    @Test
    void tokensOverTlsAnswer401And403AsExpected() throws Exception {
        Path ks = keystore();
        Path tokens = tmp.resolve("tokens");
        Files.writeString(tokens, "# the support portal\n" + Tokens.hash("s3cret-evaluate") + "\n" + Tokens.hash("s3cret-read") + " read  # dashboards\n");
        ServerOptions o = TestServer.options().withSecurity(tokens, ks, "test-pass");
        byte[] facts = Files.readAllBytes(Path.of("samples/healthy-hybrid.json"));
        try (TestServer s = TestServer.start(o, Tokens.read(tokens), trusting(ks))) {
            assertEquals("https", s.server.uri().getScheme());
            assertEquals(200, s.get("/healthz").statusCode(), "liveness needs no token");
            assertEquals(200, s.get("/openapi.json").statusCode());

            HttpResponse<byte[]> none = s.post("/v1/evaluations", "application/json", facts);
            problem(none, 401);
            assertEquals("Bearer realm=\"preflight\"", none.headers().firstValue("WWW-Authenticate").orElseThrow());
            HttpResponse<byte[]> wrong = s.post("/v1/evaluations", "application/json", facts, "Authorization", "Bearer s3cret-guess");
            problem(wrong, 401);
            assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElseThrow().contains("invalid_token"));
            problem(s.get("/metrics"), 401);

            problem(s.post("/v1/evaluations", "application/json", facts, "Authorization", "Bearer s3cret-read"), 403);
            assertEquals(200, s.get("/v1/checks", "Authorization", "Bearer s3cret-read").statusCode());
            assertEquals(200, s.get("/metrics", "Authorization", "Bearer s3cret-read").statusCode());
            HttpResponse<byte[]> ok = s.post("/v1/evaluations", "application/json", facts, "Authorization", "Bearer s3cret-evaluate");
            assertEquals(200, ok.statusCode());
            assertEquals("ELIGIBLE", ok.headers().firstValue("Preflight-Verdict").orElseThrow());
            assertTrue(TestServer.text(s.get("/metrics", "Authorization", "Bearer s3cret-read"))
                    .contains("preflight_rejections_total{reason=\"forbidden\"} 1.0"));

            // Plain HTTP to the TLS port is no way around it.
            HttpClient plain = HttpClient.newHttpClient();
            HttpRequest http = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.server.port() + "/v1/checks")).build();
            HttpResponse<String> refused = null;
            try {
                refused = plain.send(http, HttpResponse.BodyHandlers.ofString());
            } catch (IOException expected) {
                // the TLS connector does not speak plain HTTP
            }
            assertTrue(refused == null || refused.statusCode() == 400, "plain HTTP refused: " + (refused == null ? "" : refused.body()));
        }
    }

    @Test
    void aTokensFileThatIsNotHashesIsRefusedNamingItsLine() throws Exception {
        Path tokens = tmp.resolve("tokens");
        Files.write(tokens, List.of("# comment", "plain-text-token"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tokens.read(tokens));
        assertEquals(tokens + ":2: expected a SHA-256 hash (64 hex digits) and optionally evaluate or read", e.getMessage());
        Files.write(tokens, List.of(Tokens.hash("x") + " admin"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tokens.read(tokens)).getMessage().endsWith("not 'admin'"));
        Files.write(tokens, List.of("sha256:" + Tokens.hash("x")));
        Tokens t = Tokens.read(tokens);
        assertEquals(Tokens.Outcome.ALLOWED, t.check("Bearer x", Tokens.Scope.EVALUATE));
        assertEquals(Tokens.Outcome.MISSING, t.check("Basic eDp4", Tokens.Scope.READ));
        assertEquals(Tokens.Outcome.UNKNOWN, t.check("Bearer y", Tokens.Scope.READ));
    }
}
