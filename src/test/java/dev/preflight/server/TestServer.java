package dev.preflight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A server started in this JVM on an ephemeral loopback port, and a real HTTP client
 * ({@code java.net.http}) whose every response is checked against {@code openapi.json}.
 */
public final class TestServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer shared;

    public final PreflightServer server;
    public final HttpClient client;

    private TestServer(PreflightServer server, HttpClient client) {
        this.server = server;
        this.client = client;
    }

    /** The defaults of {@code preflight serve} on an ephemeral port. */
    public static ServerOptions options() {
        return ServerOptions.defaults().withPort(0);
    }

    /**
     * A server with default options shared by the tests of this JVM (its rules load once), stopped
     * when the JVM ends, as {@code preflight serve} stops on SIGTERM: its upload folder goes with it.
     */
    public static synchronized TestServer shared() throws Exception {
        if (shared == null) {
            TestServer s = start(options(), null, HttpClient.newHttpClient());
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "stop the shared test server"));
            shared = s;
        }
        return shared;
    }

    /** Starts a server and waits until its rules are loaded. */
    public static TestServer start(ServerOptions o, Tokens tokens, HttpClient client) throws Exception {
        PreflightServer s = PreflightServer.start(o, tokens, dev.preflight.cli.Main.version("version"));
        s.ready().get(180, TimeUnit.SECONDS);
        return new TestServer(s, client);
    }

    public URI uri(String pathAndQuery) {
        return server.uri().resolve(pathAndQuery);
    }

    /** GET, validated against openapi.json. */
    public HttpResponse<byte[]> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(120)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send("GET", pathAndQuery, b.build());
    }

    /** POST, validated against openapi.json. */
    public HttpResponse<byte[]> post(String pathAndQuery, String contentType, byte[] body, String... headers) throws IOException, InterruptedException {
        return post(pathAndQuery, contentType, HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    /** POST with any body, validated against openapi.json. */
    public HttpResponse<byte[]> post(String pathAndQuery, String contentType, HttpRequest.BodyPublisher body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(300)).POST(body);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send("POST", pathAndQuery, b.build());
    }

    private HttpResponse<byte[]> send(String method, String pathAndQuery, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        int q = pathAndQuery.indexOf('?');
        OpenApiContract.validate(method, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q), r);
        return r;
    }

    /** The body as text. */
    public static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** The body of a problem, checked to be one with this status. */
    public static JsonNode problem(HttpResponse<byte[]> r, int status) throws IOException {
        assertEquals(status, r.statusCode(), text(r));
        assertEquals(Problem.MEDIA_TYPE, r.headers().firstValue("Content-Type").orElse(""));
        JsonNode p = JSON.readTree(r.body());
        assertEquals(status, p.path("status").asInt());
        assertTrue(p.path("type").asText().startsWith("urn:preflight:problem:"), p.toString());
        return p;
    }

    /** A {@code multipart/form-data} body; {@link #BOUNDARY} is its boundary. Parts: name, file name (or null), bytes. */
    public static byte[] form(Object... nameFileBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < nameFileBytes.length; i += 3) {
            String disposition = "Content-Disposition: form-data; name=\"" + nameFileBytes[i] + "\""
                    + (nameFileBytes[i + 1] == null ? "" : "; filename=\"" + nameFileBytes[i + 1] + "\"");
            out.writeBytes(("--" + BOUNDARY + "\r\n" + disposition + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes((byte[]) nameFileBytes[i + 2]);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** The boundary of {@link #form}. */
    public static final String BOUNDARY = "preflight-test-boundary-7d3f";

    /** The content type of {@link #form}. */
    public static final String FORM = "multipart/form-data; boundary=" + BOUNDARY;

    @Override
    public void close() {
        server.stop();
    }
}
