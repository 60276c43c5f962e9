package dev.preflight.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --rules-cache [DIR]} and {@code --no-rules-cache}: where compiled rules are kept, so that
 * unchanged DRL is not compiled again. Compiled rules are stored under the SHA-256 of the DRL,
 * Preflight's build and Drools' version, so they are never stale.
 *
 * <p>Given DIR, or {@code $PREFLIGHT_RULES_CACHE}, that directory; {@code --rules-cache} without
 * DIR, the user's cache directory ({@code $XDG_CACHE_HOME/preflight/rules},
 * {@code ~/.cache/preflight/rules}; {@code %LOCALAPPDATA%\\preflight\\rules} on Windows,
 * {@code ~/Library/Caches/preflight/rules} on macOS), where the launchers also keep their
 * class-data archive. The analysts' tools ({@code rules check}, {@code rules test}) use the user's
 * cache directory unless told otherwise; the commands that evaluate write no cache unasked.
 */
final class RulesCacheOption {

    /** The environment variable naming the cache directory. */
    static final String ENV = "PREFLIGHT_RULES_CACHE";

    @Option(names = "--rules-cache", paramLabel = "DIR", arity = "0..1", fallbackValue = "",
            description = "Keep compiled rules in DIR so that unchanged DRL is not compiled again (default: "
                    + "$PREFLIGHT_RULES_CACHE; without DIR, and for rules check and rules test when neither is given, "
                    + "the user's cache directory).")
    private Path dir;

    @Option(names = "--no-rules-cache", description = "Compile the rules afresh and store nothing.")
    private boolean none;

    /**
     * The cache directory, or null for none.
     *
     * @param byDefault whether to use the user's cache directory when neither option nor variable names one
     */
    Path dir(Console console, boolean byDefault) {
        if (none) {
            return null;
        }
        if (dir != null) {
            return dir.toString().isEmpty() ? userCacheDir(console.env()) : dir;
        }
        String env = console.env().get(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return byDefault ? userCacheDir(console.env()) : null;
    }

    /** The user's cache directory for compiled rules, on this system. */
    static Path userCacheDir(Map<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = System.getProperty("user.home", ".");
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            return Path.of(local != null && !local.isBlank() ? local : home, "preflight", "rules");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Caches", "preflight", "rules");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg, "preflight", "rules") : Path.of(home, ".cache", "preflight", "rules");
    }
}
