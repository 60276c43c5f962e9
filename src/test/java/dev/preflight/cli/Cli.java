package dev.preflight.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the command line in-process with captured streams. */
final class Cli {

    record Result(int exitCode, String out, String err) {
    }

    static Result run(String... args) {
        return run(new byte[0], Map.of(), false, args);
    }

    /**
     * Where {@code rules check} and {@code rules test}, which keep compiled rules in the user's cache
     * directory by default, keep them in tests: the build's folder, never the user's.
     */
    static final String RULES_CACHE = java.nio.file.Path.of("target", "test-rules-cache").toAbsolutePath().toString();

    static Result run(byte[] stdin, Map<String, String> env, boolean terminal, String... args) {
        if (!env.containsKey("PREFLIGHT_RULES_CACHE") && !env.containsKey("XDG_CACHE_HOME")) {
            Map<String, String> withCache = new java.util.HashMap<>(env);
            withCache.put("PREFLIGHT_RULES_CACHE", RULES_CACHE);
            env = withCache;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, terminal);
        int code = Main.run(console, args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Cli() {
    }
}
