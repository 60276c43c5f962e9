package dev.preflight.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium (Debian's {@code chromium}) driven through the DevTools protocol over its
 * WebSocket, with the JDK's own client: a page is opened from a file, and the test asks what a
 * reader would see (the text, the fonts each text was drawn with, a screenshot). Started with the
 * flags these machines need (no network, no GPU, a fresh profile).
 */
final class DevTools implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Path profile;

    /** The browser's path: {@code $PREFLIGHT_CHROMIUM}, else {@code chromium} or {@code chromium-browser} on the PATH. */
    static Path binary() {
        String configured = System.getenv("PREFLIGHT_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        throw new IllegalStateException("headless Chromium is needed for the browser tests: apt-get install chromium fonts-noto-cjk "
                + "(.ci/run installs them), or set PREFLIGHT_CHROMIUM");
    }

    DevTools(Path workDir) throws Exception {
        profile = Files.createTempDirectory(workDir, "chromium-profile");
        process = new ProcessBuilder(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--remote-debugging-port=0", "--remote-allow-origins=*", "--hide-scrollbars", "--window-size=1100,900", "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        Path active = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.exists(active) || Files.readAllLines(active).size() < 2) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("Chromium did not start: " + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(50);
        }
        List<String> lines = Files.readAllLines(active);
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip()), new Listener())
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** A tab, attached. */
    final class Page {
        private final String session;

        private Page(String session) {
            this.session = session;
        }

        JsonNode send(String method, Map<String, ?> params) throws Exception {
            return DevTools.this.send(session, method, params);
        }

        /** The value of a JavaScript expression (evaluated by DevTools, whatever the page's content security policy). */
        JsonNode eval(String expression) throws Exception {
            JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
            if (r.has("exceptionDetails")) {
                throw new IllegalStateException(r.get("exceptionDetails").toString());
            }
            return r.get("result").get("value");
        }

        /**
         * Every element with text of its own, its text, and the platform fonts Chromium drew that
         * text with: family name and how many glyphs each font provided.
         */
        List<TextRun> textRuns() throws Exception {
            send("DOM.enable", Map.of());
            send("CSS.enable", Map.of());
            // Piercing the user-agent shadow roots reaches the text a closed select draws (its chosen option).
            JsonNode root = send("DOM.getDocument", Map.of("depth", -1, "pierce", true)).get("root");
            List<TextRun> runs = new ArrayList<>();
            collect(root, runs);
            return runs;
        }

        private void collect(JsonNode node, List<TextRun> runs) throws Exception {
            for (JsonNode shadow : node.path("shadowRoots")) {
                collect(shadow, runs);
            }
            JsonNode children = node.get("children");
            if (children == null) {
                return;
            }
            StringBuilder own = new StringBuilder();
            for (JsonNode c : children) {
                if (c.get("nodeType").asInt() == 3) {
                    own.append(c.get("nodeValue").asText());
                }
            }
            String name = node.path("nodeName").asText();
            // Text that is not drawn on the page: the style sheet, the window title, an SVG element's tooltip.
            boolean drawn = !List.of("STYLE", "TITLE", "SCRIPT").contains(name.toUpperCase(java.util.Locale.ROOT));
            if (!own.toString().isBlank() && node.get("nodeType").asInt() == 1 && drawn) {
                JsonNode fonts = send("CSS.getPlatformFontsForNode", Map.of("nodeId", node.get("nodeId").asInt())).get("fonts");
                List<TextRun.Font> used = new ArrayList<>();
                fonts.forEach(f -> used.add(new TextRun.Font(f.get("familyName").asText(), f.get("glyphCount").asInt(), f.path("isCustomFont").asBoolean())));
                runs.add(new TextRun(name, own.toString(), used));
            }
            for (JsonNode c : children) {
                collect(c, runs);
            }
        }

        /** A PNG of the whole page, not only the window. */
        byte[] screenshot() throws Exception {
            JsonNode r = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
            return java.util.Base64.getDecoder().decode(r.get("data").asText());
        }
    }

    /**
     * Text an element holds directly and the fonts that drew it.
     *
     * @param element its tag
     * @param text    its own text
     * @param fonts   the platform fonts used, as Chromium reports them
     */
    record TextRun(String element, String text, List<Font> fonts) {
        record Font(String family, int glyphs, boolean custom) {
        }
    }

    /** Opens the file in a new tab and waits until it has loaded. */
    Page open(Path file) throws Exception {
        String target = send(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
        String session = send(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).get("sessionId").asText();
        Page page = new Page(session);
        page.send("Page.enable", Map.of());
        page.send("Page.navigate", Map.of("url", file.toUri().toString()));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!"complete".equals(page.eval("document.readyState").asText()) || page.eval("document.fonts.status").asText().equals("loading")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the page did not load: " + file);
            }
            Thread.sleep(50);
        }
        return page;
    }

    private JsonNode send(String session, String method, Map<String, ?> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", JSON.valueToTree(params));
        if (session != null) {
            msg.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(msg), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + ": " + r.get("error"));
        }
        return r.get("result");
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode msg = JSON.readTree(partial.toString());
                    if (msg.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                        if (f != null) {
                            f.complete(msg);
                        }
                    }
                } catch (IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser goes anyway
        }
        // Its helper processes (renderers, the crash handler) too: they write into the profile, which
        // JUnit deletes with the temporary directory once the test class is done.
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle helper : helpers) {
            helper.destroy();
            try {
                helper.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                helper.destroyForcibly();
            }
        }
    }
}
