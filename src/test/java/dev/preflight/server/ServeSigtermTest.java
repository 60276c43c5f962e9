package dev.preflight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.generate.TenantGenerator;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code preflight serve} in a child process gets SIGTERM while a batch streams through curl: the
 * server stops within its grace, the client's stream ends cleanly or with an error (curl's exit
 * status), and every line it received is a whole record, in order. The access log names the
 * request, never a tenant.
 */
class ServeSigtermTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sigtermDuringABatchEndsTheStreamCleanlyOrWithAnErrorNeverHalfARecord() throws Exception {
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.preflight.cli.Main",
                "serve", "--port", "0", "--shutdown-grace", "3", "--min-data-rate", "0", "--batch-threads", "1").start();
        List<String> log = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread errReader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8))) {
                Pattern listening = Pattern.compile("preflight: listening on http://127\\.0\\.0\\.1:(\\d+) ");
                for (String l; (l = r.readLine()) != null;) {
                    log.add(l);
                    Matcher m = listening.matcher(l);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                    if (l.startsWith("preflight: ready")) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            ready.completeExceptionally(new AssertionError("the server ended before it was ready: " + log));
        });
        errReader.start();
        Process curl = null;
        try {
            ready.get(180, TimeUnit.SECONDS);
            java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port.get() + "/healthz")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            curl = new ProcessBuilder("curl", "-sS", "-N", "-X", "POST", "-T", "-", "-H", "Content-Type: application/x-ndjson",
                    "http://127.0.0.1:" + port.get() + "/v1/batches").start();
            TenantGenerator generator = new TenantGenerator(22);
            List<String> tenantIds = new ArrayList<>();
            AtomicBoolean sending = new AtomicBoolean(true);
            OutputStream upload = curl.getOutputStream();
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; sending.get() && i < 100_000; i++) {
                        String line = generator.line(i);
                        if (i < 50) {
                            tenantIds.add(JSON.readTree(line).at("/tenant/tenantId").asText());
                        }
                        upload.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                        if (i % 20 == 0) {
                            upload.flush();
                            Thread.sleep(20);
                        }
                    }
                    upload.close();
                } catch (IOException | InterruptedException stopped) {
                    // curl went away: the server stopped
                }
            });
            sender.start();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = curl.getInputStream();
            byte[] buf = new byte[8192];
            boolean signalled = false;
            for (int n; (n = in.read(buf)) >= 0;) {
                received.write(buf, 0, n);
                if (!signalled && received.toString(StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count() >= 20) {
                    server.destroy(); // SIGTERM
                    signalled = true;
                }
            }
            sending.set(false);
            assertTrue(signalled, "the batch streamed before the signal: " + received.toString(StandardCharsets.UTF_8));
            assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
            int curlExit = curl.exitValue();
            String err = new String(curl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            // 0: the stream ended cleanly; 18 partial, 52 nothing, 55 send, 56 receive: the transfer failed and curl says so.
            assertTrue(List.of(0, 18, 52, 55, 56).contains(curlExit), "a clean end or a transfer error: " + curlExit + " " + err);
            assertTrue(server.waitFor(20, TimeUnit.SECONDS), "stopped within its grace");

            String out = received.toString(StandardCharsets.UTF_8);
            assertTrue(out.isEmpty() || out.endsWith("\n"), "no half-written record at the end: …" + out.substring(Math.max(0, out.length() - 200)));
            String[] lines = out.split("\n");
            for (int i = 0; i < lines.length; i++) {
                JsonNode record = JSON.readTree(lines[i]);
                assertEquals("-:" + (i + 1), record.path("origin").asText(), "in input order");
            }
            assertTrue(lines.length >= 20);
            errReader.join(10_000);
            String access = String.join("\n", log);
            assertTrue(access.contains("\"GET /healthz HTTP/1.1\" 200 15 "), "method, path, status, size and time: " + access);
            for (String id : tenantIds) {
                assertFalse(access.contains(id), "the log names no tenant: " + id);
            }
        } finally {
            if (curl != null) {
                curl.destroyForcibly();
            }
            server.destroyForcibly();
        }
    }
}
