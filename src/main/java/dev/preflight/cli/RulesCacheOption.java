package dev.preflight.cli;

import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Where {@code rules check} and {@code rules test} keep compiled rules, so that an edit to the
 * tables, texts, catalogue or test cases does not recompile unchanged DRL: {@code --rules-cache DIR},
 * else {@code $PREFLIGHT_RULES_CACHE}; {@code --rules-cache} without DIR is the user's cache directory ({@code $XDG_CACHE_HOME/preflight/rules},
 * {@code ~/.cache/preflight/rules}; {@code %LOCALAPPDATA%\\preflight\\rules} on Windows,
 * {@code ~/Library/Caches/preflight/rules} on macOS). Compiled rules are stored under the SHA-256 of
 * the DRL, Preflight's build and Drools' version, so they are never stale.
 */
final class RulesCacheOption {

    @Option(names = "--rules-cache", paramLabel = "DIR", arity = "0..1", fallbackValue = "", defaultValue = "${env:PREFLIGHT_RULES_CACHE}",
            description = "Keep compiled rules in DIR (default: $PREFLIGHT_RULES_CACHE; without DIR, the user's cache directory) so that unchanged DRL is not compiled again.")
    Path dir;

    @Option(names = "--no-rules-cache", description = "Compile the rules afresh and store nothing.")
    boolean none;

    /** The cache directory, or null for none: nothing is written unasked. */
    Path dir() {
        if (none || dir == null) {
            return null;
        }
        return dir.toString().isEmpty() ? userCacheDir() : dir;
    }

    static Path userCacheDir() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = System.getProperty("user.home", ".");
        if (os.startsWith("windows")) {
            String local = System.getenv("LOCALAPPDATA");
            return Path.of(local != null && !local.isBlank() ? local : home, "preflight", "rules");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Caches", "preflight", "rules");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg, "preflight", "rules") : Path.of(home, ".cache", "preflight", "rules");
    }
}
