package dev.preflight.api;

import dev.preflight.engine.ReportLocalizer;
import dev.preflight.engine.RuleBase;
import dev.preflight.engine.RuleFiles;
import dev.preflight.engine.RulesWatcher;
import dev.preflight.facts.TenantFacts;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Evaluates tenants against the password writeback rules. Build one with {@link #builder()}, keep
 * it, and share it: it is thread-safe, compiles its rules once, and evaluates each tenant in a
 * session of its own. It never prints and never exits; it logs through SLF4J.
 *
 * <pre>{@code
 * Evaluator evaluator = Evaluator.builder()
 *         .rulesDirectory(Path.of("rules"))   // optional: the rules shipped in the jar by default
 *         .locale(Locale.SIMPLIFIED_CHINESE)   // optional: English by default
 *         .build();
 * Report report = evaluator.evaluate(Path.of("tenant.json"));   // or evaluateJson(text), a stream, TenantFacts
 * }</pre>
 */
public final class Evaluator implements AutoCloseable {

    private final AtomicReference<RuleBase> rules;
    private final Clock clock;
    private final RulesWatcher watcher;
    private final Locale locale;
    private final Waivers waivers;
    private volatile boolean closed;

    private Evaluator(AtomicReference<RuleBase> rules, Clock clock, RulesWatcher watcher, Locale locale, Waivers waivers) {
        this.rules = rules;
        this.clock = clock;
        this.watcher = watcher;
        this.locale = locale;
        this.waivers = waivers;
    }

    /** A builder with the built-in rules and the system UTC clock. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Evaluates facts given as Java objects (built with {@code TenantFactsBuilder} and the other
     * builders of {@link dev.preflight.facts}).
     *
     * @throws NullPointerException when {@code facts} is null
     */
    public Report evaluate(TenantFacts facts) {
        Objects.requireNonNull(facts, "facts");
        // The rules in use when the evaluation starts serve it to the end, even if a reload swaps them meanwhile.
        while (true) {
            RuleBase current = rules.get();
            if (current.acquire()) {
                try {
                    Locale language = resolved(current);
                    // In its language before waivers judge it: a waiver names the finding as the report shows it.
                    Report report = ReportLocalizer.localize(current.evaluate(facts, clock, language), current.languages().texts(language));
                    return waivers == null ? report : waivers.apply(report, current.catalogue().checks());
                } finally {
                    current.release();
                }
            }
            if (closed) {
                throw new IllegalStateException("the evaluator is closed");
            }
            // Replaced between get() and acquire(): the next get() returns the new rules.
        }
    }

    /**
     * Evaluates facts given as JSON text (the document itself, not a file name: for a file use
     * {@link #evaluate(Path)}).
     *
     * @param json one tenant's facts as JSON text
     * @throws InvalidFactsException when the text is not valid tenant facts
     * @throws NullPointerException  when {@code json} is null
     */
    public Report evaluateJson(String json) {
        return evaluate(FactsReader.read(Objects.requireNonNull(json, "json"), null));
    }

    /**
     * Evaluates facts given as JSON text.
     *
     * @deprecated the name invites {@code evaluate("tenant.json")}, which is a file name and not
     * JSON: use {@link #evaluateJson(String)} for text, {@link #evaluate(Path)} for a file. This
     * method stays for compatibility and says so when it is given what looks like a file name.
     * @throws InvalidFactsException when the text is not valid tenant facts
     */
    @Deprecated(since = "0.1.0")
    public Report evaluate(String json) {
        Objects.requireNonNull(json, "json");
        try {
            return evaluateJson(json);
        } catch (InvalidFactsException e) {
            if (FactsReader.looksLikeFileName(json)) {
                throw new InvalidFactsException(null, "", 0, 0, "\"" + json.strip() + "\" is not JSON but looks like a file name: "
                        + "evaluate(String) takes the JSON text; use evaluate(Path.of(\"" + json.strip() + "\")) to read a file", e);
            }
            throw e;
        }
    }

    /**
     * Evaluates facts read from a stream (UTF-8 or UTF-16 with a byte-order mark), which is read
     * to its end but not closed.
     *
     * @throws InvalidFactsException         when the content is not valid tenant facts
     * @throws java.io.UncheckedIOException when the stream cannot be read
     * @throws NullPointerException          when {@code json} is null
     */
    public Report evaluate(InputStream json) {
        return evaluate(FactsReader.read(Objects.requireNonNull(json, "json"), null));
    }

    /**
     * Evaluates facts read from a file.
     *
     * @throws InvalidFactsException         when the file is not valid tenant facts (the message names the file)
     * @throws java.io.UncheckedIOException when the file cannot be read
     * @throws NullPointerException          when {@code file} is null
     */
    public Report evaluate(Path file) {
        return evaluate(FactsReader.read(Objects.requireNonNull(file, "file")));
    }

    /** The checks of the loaded rules, in catalogue order, titled in the evaluator's language. */
    public List<CheckInfo> catalogue() {
        RuleBase current = rules.get();
        return ReportLocalizer.localize(current.catalogue().checks(), texts(current));
    }

    /**
     * The words of the reports in the evaluator's language (from the rules' message files): what
     * the report writers take to render a report in that language.
     */
    public Texts texts() {
        return texts(rules.get());
    }

    /**
     * The words of the reports in another language the rules have texts for (English when they
     * have none for it): for output read by people in another language than machine output, such
     * as a batch's summary beside its JSON lines.
     */
    public Texts texts(Locale language) {
        RuleBase current = rules.get();
        Locale l = current.languages().resolve(Objects.requireNonNull(language, "language"));
        return current.languages().texts(l == null ? Locale.ROOT : l);
    }

    /** The evaluator's language: {@link Locale#ROOT} for English, {@code zh-CN}, {@code zh-TW}. */
    public Locale locale() {
        return locale;
    }

    private Texts texts(RuleBase current) {
        return current.languages().texts(resolved(current));
    }

    /** The evaluator's language among these rules' languages: reloaded rules may lack it, and then speak English. */
    private Locale resolved(RuleBase current) {
        Locale l = current.languages().resolve(locale);
        return l == null ? Locale.ROOT : l;
    }

    /** The waivers every report is judged with, or {@code null} when none were given. */
    public Waivers waivers() {
        return waivers;
    }

    /** Which rules are loaded: their source and content hash. */
    public Report.RulesInfo rules() {
        return rules.get().info();
    }

    /** Warnings found while loading the rules (for example a data table no rule reads). */
    public List<RuleProblem> warnings() {
        return rules.get().warnings();
    }

    /** Stops watching the rules directory, if it did, and releases the pooled sessions. Evaluations after closing are not allowed. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (watcher != null) {
            watcher.close();
        }
        rules.get().retire();
    }

    /** Configures an {@link Evaluator}. Not thread-safe; the evaluator it builds is. */
    public static final class Builder {
        private Path rulesDirectory;
        private String rulesSource;
        private java.util.Map<String, String> ruleTexts;
        private Path compiledRulesCache;
        private Clock clock = Clock.systemUTC();
        private RulesListener listener;
        private boolean watch;
        private Duration watchInterval = Duration.ofSeconds(1);
        private int maxRuleFirings = RuleBase.Limits.DEFAULT.firings();
        private Duration timeLimit = RuleBase.Limits.DEFAULT.time();
        private Waivers waivers;
        private Locale locale = Locale.ROOT;

        private Builder() {
        }

        /**
         * The language of the reports' texts: check titles, finding texts, documentation links
         * (Microsoft Learn's edition in that language). English by default; {@code zh-CN} and
         * {@code zh-TW} ship ({@link Texts#SHIPPED}), and a rules directory may add more. What
         * machines compare (ids, statuses, severities, subjects) is the same in every language.
         *
         * @throws IllegalArgumentException at {@link #build()} when the rules have no texts for it
         */
        public Builder locale(Locale locale) {
            this.locale = Objects.requireNonNull(locale, "locale");
            return this;
        }

        /** Loads rules from this directory instead of the built-in rules. */
        public Builder rulesDirectory(Path dir) {
            this.rulesDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * Whether a file of a rules directory, by its path relative to it (forward slashes), is one
         * that {@link #rules(String, java.util.Map)} needs: the check catalogue, DRL, messages and
         * tables; not the test cases, hidden files or editor backups. Tools that ship rules read
         * elsewhere select the files with it, so they follow what the engine loads.
         */
        public static boolean isRulesFile(String relativePath) {
            for (String part : relativePath.split("/")) {
                if (part.startsWith(".")) {
                    return false;
                }
            }
            return !relativePath.startsWith("tests/") && dev.preflight.engine.RuleFiles.isRuleFile(relativePath);
        }

        /**
         * Loads rules from their texts instead of a directory: each file's path relative to the
         * rules directory (forward slashes: {@code password-reset.drl}, {@code tables/os.csv}) to
         * its content. For rules read elsewhere and shipped, such as to the executors of a Spark
         * job. Reports name them by {@code source} ({@code rules.source}), as they name a directory.
         */
        public Builder rules(String source, java.util.Map<String, String> files) {
            this.rulesSource = Objects.requireNonNull(source, "source");
            this.ruleTexts = java.util.Map.copyOf(Objects.requireNonNull(files, "files"));
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
         * Watches the rules directory and reloads the rules when they change, without stopping:
         * changed rules are compiled on a background thread and swapped in atomically if they load;
         * if they do not, the evaluator keeps the last rules that did. Evaluations in flight finish
         * on the rules they started with. {@link #close()} stops watching.
         *
         * @param listener told of each reload and each failed one (may be {@code null})
         * @throws IllegalStateException at {@link #build()} when no rules directory is set
         */
        public Builder watchRules(RulesListener listener) {
            this.watch = true;
            this.listener = listener;
            return this;
        }

        /**
         * Limits on one tenant's evaluation, against a rule that keeps re-activating itself: at
         * most {@code firings} rule firings (100,000 by default; a typical tenant needs about 30)
         * and {@code time} (30 seconds by default; checked before each firing, zero for no limit).
         * A stopped evaluation reports which rule fired last, and every check without a finding
         * has status ERROR: it never passes silently.
         */
        public Builder limits(int firings, Duration time) {
            RuleBase.Limits checked = new RuleBase.Limits(firings, Objects.requireNonNull(time, "time"));
            this.maxRuleFirings = checked.firings();
            this.timeLimit = checked.time();
            return this;
        }

        /**
         * Waivers to judge every report with ({@link Waivers#read(java.nio.file.Path)}): covered
         * findings are marked waived and left out of the verdict; each report lists the waivers that
         * expired or match nothing. {@link #build()} checks that each names a check of the catalogue.
         */
        public Builder waivers(Waivers waivers) {
            this.waivers = Objects.requireNonNull(waivers, "waivers");
            return this;
        }

        /** How often a watched rules directory is checked for changes; 1 second by default. */
        public Builder watchInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("the watch interval must be positive");
            }
            this.watchInterval = interval;
            return this;
        }

        /**
         * Reads and compiles the rules.
         *
         * @throws InvalidRulesException   when the rules do not load; its problems name file and line
         * @throws InvalidWaiversException when a waiver names a check the rules do not have
         */
        public Evaluator build() {
            if (watch && rulesDirectory == null) {
                throw new IllegalStateException("watchRules needs a rulesDirectory: the built-in rules never change");
            }
            if (ruleTexts != null && (rulesDirectory != null || watch)) {
                throw new IllegalStateException("rules given as texts cannot also come from a directory or be watched");
            }
            RuleFiles files = ruleTexts != null ? new RuleFiles(rulesSource, ruleTexts)
                    : rulesDirectory == null ? RuleFiles.builtIn() : RuleFiles.fromDirectory(rulesDirectory);
            RuleBase.Limits limits = new RuleBase.Limits(maxRuleFirings, timeLimit);
            AtomicReference<RuleBase> current = new AtomicReference<>(RuleBase.load(files, compiledRulesCache, limits));
            Locale resolved = current.get().languages().resolve(locale);
            if (resolved == null) {
                List<String> tags = current.get().languages().locales().stream().map(Texts::tag).toList();
                current.get().retire();
                throw new IllegalArgumentException("no texts for locale " + locale.toLanguageTag() + " in the rules' message files; there are: "
                        + String.join(", ", tags));
            }
            if (waivers != null) {
                waivers.requireKnownChecks(current.get().catalogue().checks());
            }
            RulesWatcher watcher = watch ? new RulesWatcher(rulesDirectory, compiledRulesCache, limits, current, listener, watchInterval) : null;
            return new Evaluator(current, clock, watcher, resolved, waivers);
        }
    }
}
