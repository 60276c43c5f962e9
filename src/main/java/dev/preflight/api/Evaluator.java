package dev.preflight.api;

import dev.preflight.engine.RuleBase;
import dev.preflight.engine.RuleFiles;
import dev.preflight.facts.TenantFacts;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates tenants against the password writeback rules. Build one with {@link #builder()}, keep
 * it, and share it: it is thread-safe, compiles its rules once, and evaluates each tenant in a
 * session of its own. It never prints and never exits; it logs through SLF4J.
 *
 * <pre>{@code
 * Evaluator evaluator = Evaluator.builder()
 *         .rulesDirectory(Path.of("rules"))   // optional: the rules shipped in the jar by default
 *         .build();
 * Report report = evaluator.evaluate(json);
 * }</pre>
 */
public final class Evaluator implements AutoCloseable {

    private final RuleBase rules;
    private final Clock clock;

    private Evaluator(RuleBase rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    /** A builder with the built-in rules and the system UTC clock. */
    public static Builder builder() {
        return new Builder();
    }

    /** Evaluates facts given as Java objects. */
    public Report evaluate(TenantFacts facts) {
        return rules.evaluate(Objects.requireNonNull(facts, "facts"), clock);
    }

    /**
     * Evaluates facts given as JSON text.
     *
     * @throws InvalidFactsException when the text is not valid tenant facts
     */
    public Report evaluate(String json) {
        return evaluate(FactsReader.read(json, null));
    }

    /**
     * Evaluates facts read from a stream (UTF-8 or UTF-16 with a byte-order mark), which is not closed.
     *
     * @throws InvalidFactsException         when the content is not valid tenant facts
     * @throws java.io.UncheckedIOException when the stream cannot be read
     */
    public Report evaluate(InputStream json) {
        return evaluate(FactsReader.read(json, null));
    }

    /**
     * Evaluates facts read from a file.
     *
     * @throws InvalidFactsException         when the file is not valid tenant facts (the message names the file)
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public Report evaluate(Path file) {
        return evaluate(FactsReader.read(file));
    }

    /** The checks of the loaded rules, in catalogue order. */
    public List<CheckInfo> catalogue() {
        return rules.catalogue().checks();
    }

    /** Which rules are loaded: their source and content hash. */
    public Report.RulesInfo rules() {
        return rules.info();
    }

    /** Warnings found while loading the rules (for example a data table no rule reads). */
    public List<RuleProblem> warnings() {
        return rules.warnings();
    }

    /** Releases the pooled sessions. Evaluations after closing are not allowed. */
    @Override
    public void close() {
        rules.close();
    }

    /** Configures an {@link Evaluator}. Not thread-safe; the evaluator it builds is. */
    public static final class Builder {
        private Path rulesDirectory;
        private Path compiledRulesCache;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Loads rules from this directory instead of the built-in rules. */
        public Builder rulesDirectory(Path dir) {
            this.rulesDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * A directory where compiled rules are kept, keyed by the content of the DRL files, so that
         * loading unchanged rules again skips compiling (seconds). Off by default: the evaluator
         * then writes no files. The shipped rules never need it: they are compiled into the jar.
         */
        public Builder compiledRulesCache(Path dir) {
            this.compiledRulesCache = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * The clock time-dependent checks use when the facts carry no {@code tenant.collectedAt};
         * the system UTC clock by default.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Reads and compiles the rules.
         *
         * @throws InvalidRulesException when the rules do not load; its problems name file and line
         */
        public Evaluator build() {
            RuleFiles files = rulesDirectory == null ? RuleFiles.builtIn() : RuleFiles.fromDirectory(rulesDirectory);
            return new Evaluator(RuleBase.load(files, compiledRulesCache), clock);
        }
    }
}
