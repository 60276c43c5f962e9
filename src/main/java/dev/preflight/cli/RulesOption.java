package dev.preflight.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --rules DIR} with its cache options ({@link RulesCacheOption}): which rules a command that
 * evaluates loads (evaluate, batch, serve). Such a command writes no compiled rules unless asked.
 */
final class RulesOption {

    @Option(names = "--rules", paramLabel = "DIR", description = "Load the rules from DIR instead of the rules built into the jar.")
    private Path rules;

    @Mixin
    private RulesCacheOption cache = new RulesCacheOption();

    /** The rules directory, or null for the built-in rules. */
    Path dir() {
        return rules;
    }

    /** Where compiled rules of {@link #dir()} are kept: only where asked (an option or $PREFLIGHT_RULES_CACHE), else null. */
    Path cacheDir(Console console) {
        return cache.dir(console, false);
    }
}
