package dev.preflight.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium (Debian's {@code chromium}) driven through the DevTools protocol over a
 * WebSocket from java.net.http: no extra dependency, no downloaded browser. Records every console
 * error, uncaught exception, log error (CSP violations among them) and dialog a page causes.
 */
public final class Chromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<Consumer<JsonNode>> listeners = Collections.synchronizedList(new ArrayList<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private String session;

    private Chromium(Process process, Path profile, String wsUrl) throws Exception {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20))
                .buildAsync(URI.create(wsUrl), new Listener()).get(30, TimeUnit.SECONDS);
    }

    /** The chromium executable, or {@code null}. */
    public static Path executable() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /**
     * Starts a headless Chromium. Without one, the test is skipped on a developer's machine but
     * fails in CI ({@code CI=true}), where .ci/run installs it: browser tests are never skipped silently there.
     */
    public static Chromium start() throws Exception {
        Path exe = executable();
        if (exe == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("chromium is not installed: .ci/run installs Debian's chromium package; browser tests cannot be skipped in CI");
            }
            Assumptions.abort("chromium is not installed (apt-get install chromium); browser tests skipped outside CI");
        }
        // One Chromium starts at a time on this machine: the unit tests run in two JVMs (and other
        // builds may run beside them), and two browsers starting at once on a loaded machine took
        // longer than the start's minute. The minute counts from when this start has the lock.
        synchronized (Chromium.class) {
            try (FileChannel lock = FileChannel.open(Path.of(System.getProperty("java.io.tmpdir"), "preflight-chromium-start.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock held = lock(lock)) {
                return launch(exe);
            }
        }
    }

    /** Waits (at most ten minutes: each start holding it gives up after one) for the lock on starting a browser. */
    private static FileLock lock(FileChannel channel) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            FileLock held = channel.tryLock();
            if (held != null) {
                return held;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("another chromium has been starting for ten minutes (lock held in " + System.getProperty("java.io.tmpdir") + ")");
            }
            Thread.sleep(20);
        }
    }

    private static Chromium launch(Path exe) throws Exception {
        Path profile = Files.createTempDirectory("preflight-chromium");
        Process p = new ProcessBuilder(exe.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "--remote-allow-origins=*", "--hide-scrollbars",
                "--font-render-hinting=none", "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        Path active = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(active) || Files.readAllLines(active).size() < 2) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("chromium did not start: " + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(50);
        }
        List<String> lines = Files.readAllLines(active);
        return new Chromium(p, profile, "ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
    }

    /** Opens a page of this size on the file and waits for its load event. */
    public void open(Path file, int width, int height) throws Exception {
        String target = call("Target.createTarget", JSON.createObjectNode().put("url", "about:blank"), false).path("targetId").asText();
        session = call("Target.attachToTarget", JSON.createObjectNode().put("targetId", target).put("flatten", true), false).path("sessionId").asText();
        call("Page.enable", JSON.createObjectNode(), true);
        call("Runtime.enable", JSON.createObjectNode(), true);
        call("Log.enable", JSON.createObjectNode(), true);
        call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", false), true);
        CompletableFuture<JsonNode> loaded = next("Page.loadEventFired");
        call("Page.navigate", JSON.createObjectNode().put("url", file.toUri().toString()), true);
        loaded.get(120, TimeUnit.SECONDS);
    }

    /** Evaluates a JavaScript expression in the page and returns its value (promises awaited). */
    public JsonNode eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
                .put("awaitPromise", true), true);
        if (r.has("exceptionDetails")) {
            throw new AssertionError("script failed: " + expression + ": " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Waits until the expression is true. */
    public void waitFor(String expression, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!eval("!!(" + expression + ")").asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + expression);
            }
            Thread.sleep(20);
        }
    }

    /** A PNG of the page's viewport, written to the file. */
    public byte[] screenshot(Path to) throws Exception {
        JsonNode r = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", false), true);
        byte[] png = Base64.getDecoder().decode(r.path("data").asText());
        Files.createDirectories(to.getParent());
        Files.write(to, png);
        return png;
    }

    /**
     * Text an element holds directly and the fonts that drew it.
     *
     * @param element its tag
     * @param text    its own text
     * @param fonts   the platform fonts used, as Chromium reports them
     */
    public record TextRun(String element, String text, List<Font> fonts) {
        /** A font that drew some of the text: its family, how many glyphs, and whether it was a web font. */
        public record Font(String family, int glyphs, boolean custom) {
        }
    }

    /**
     * Every element of the page with text of its own, its text, and the platform fonts Chromium drew
     * that text with; after the page's fonts have loaded.
     */
    public List<TextRun> textRuns() throws Exception {
        waitFor("document.fonts.status !== 'loading'", Duration.ofSeconds(60));
        call("DOM.enable", JSON.createObjectNode(), true);
        call("CSS.enable", JSON.createObjectNode(), true);
        // Piercing the user-agent shadow roots reaches the text a closed select draws (its chosen option).
        JsonNode root = call("DOM.getDocument", JSON.createObjectNode().put("depth", -1).put("pierce", true), true).get("root");
        List<TextRun> runs = new ArrayList<>();
        collectTextRuns(root, runs);
        return runs;
    }

    private void collectTextRuns(JsonNode node, List<TextRun> runs) throws Exception {
        for (JsonNode shadow : node.path("shadowRoots")) {
            collectTextRuns(shadow, runs);
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
        // Text that is not drawn on the page: the style sheet, the window title, a script.
        boolean drawn = !List.of("STYLE", "TITLE", "SCRIPT").contains(name.toUpperCase(java.util.Locale.ROOT));
        if (!own.toString().isBlank() && node.get("nodeType").asInt() == 1 && drawn) {
            JsonNode fonts = call("CSS.getPlatformFontsForNode", JSON.createObjectNode().put("nodeId", node.get("nodeId").asInt()), true).get("fonts");
            List<TextRun.Font> used = new ArrayList<>();
            fonts.forEach(f -> used.add(new TextRun.Font(f.get("familyName").asText(), f.get("glyphCount").asInt(), f.path("isCustomFont").asBoolean())));
            runs.add(new TextRun(name, own.toString(), used));
        }
        for (JsonNode c : children) {
            collectTextRuns(c, runs);
        }
    }

    /** Console errors, uncaught exceptions, error log entries and dialogs seen so far. */
    public List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    private CompletableFuture<JsonNode> next(String method) {
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        Consumer<JsonNode> l = new Consumer<>() {
            @Override
            public void accept(JsonNode m) {
                if (method.equals(m.path("method").asText())) {
                    f.complete(m.path("params"));
                    listeners.remove(this);
                }
            }
        };
        listeners.add(l);
        return f;
    }

    private JsonNode call(String method, ObjectNode params, boolean inPage) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        if (inPage) {
            msg.put("sessionId", session);
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(msg.toString(), true).get(30, TimeUnit.SECONDS);
        JsonNode r = f.get(180, TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + ": " + r.get("error"));
        }
        return r.path("result");
    }

    private void onMessage(JsonNode m) {
        if (m.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
            if (f != null) {
                f.complete(m);
            }
            return;
        }
        String method = m.path("method").asText();
        JsonNode p = m.path("params");
        switch (method) {
            case "Runtime.exceptionThrown" -> problems.add("exception: " + p.path("exceptionDetails"));
            case "Runtime.consoleAPICalled" -> {
                if (p.path("type").asText().equals("error") || p.path("type").asText().equals("assert")) {
                    problems.add("console." + p.path("type").asText() + ": " + p.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                if (p.path("entry").path("level").asText().equals("error")) {
                    problems.add("log: " + p.path("entry").path("text").asText());
                }
            }
            case "Page.javascriptDialogOpening" -> problems.add("dialog: " + p.path("message").asText());
            default -> {
            }
        }
        List<Consumer<JsonNode>> copy;
        synchronized (listeners) {
            copy = new ArrayList<>(listeners);
        }
        copy.forEach(l -> l.accept(m));
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser goes anyway
        }
        // Chromium's helper processes outlive the browser process for a moment and keep writing
        // into the profile; they are stopped and waited for before the profile is removed.
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        for (ProcessHandle helper : helpers) {
            helper.destroy();
            try {
                helper.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                helper.destroyForcibly();
            }
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // a file that vanished while the profile was walked, or a profile left behind: harmless
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                try {
                    onMessage(JSON.readTree(text));
                } catch (IOException e) {
                    problems.add("unreadable DevTools message: " + e.getMessage());
                }
            }
            ws.request(1);
            return null;
        }
    }
}
