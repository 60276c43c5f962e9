package dev.preflight.engine;

import dev.preflight.api.InvalidRulesException;
import dev.preflight.api.Report;
import dev.preflight.api.RuleProblem;
import dev.preflight.facts.TenantFacts;
import dev.preflight.rules.AsOf;
import dev.preflight.rules.Outcome;
import dev.preflight.rules.Tables;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.rule.EntryPointId;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.api.command.ExecutableCommand;
import org.kie.api.runtime.Context;
import org.kie.internal.command.RegistryContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded set of rules: the compiled KieBase, its catalogue and data tables. Compiled once and
 * shared by every thread; each evaluation takes a session from a pool and gives it back.
 */
public final class RuleBase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RuleBase.class);
    private static final Pattern TABLE_CALL = Pattern.compile("\\btables\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");
    private static final Pattern GENERIC_TABLE = Pattern.compile("\\btables\\s*\\.\\s*table\\s*\\(\\s*\"([^\"]+)\"");
    /**
     * How much one tenant's evaluation may take before it is stopped as a runaway (a rule that
     * keeps re-activating itself): rule firings, and time (checked before each firing; zero for none).
     *
     * @param firings rule firings allowed
     * @param time    time allowed
     */
    public record Limits(int firings, java.time.Duration time) {
        /** 100,000 firings (a typical tenant fires about 30 rules, a 100x tenant a few thousand) and 30 seconds. */
        public static final Limits DEFAULT = new Limits(100_000, java.time.Duration.ofSeconds(30));

        public Limits {
            if (firings < 1 || time.isNegative()) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    /** Where the compiled rules came from. */
    public enum Source {
        /** Compiled into the jar at build time. */
        PRECOMPILED,
        /** Read from the compiled-rules cache directory. */
        CACHE,
        /** Compiled now. */
        COMPILED
    }

    private final KieBase kieBase;
    private final byte[] kjar;
    private final ClassLoader loader;
    private final Source source;
    private final KieSessionsPool pool;
    /**
     * One stateless session over the pool, shared by every thread: executing it takes a pooled
     * session and gives it back, and it holds nothing of a tenant (the outcome collector is added
     * to the pooled session for one execution, and the globals are the pooled session's own). Made
     * once: a new one per tenant looked its pool up by a key built from the session configuration.
     */
    private final StatelessKieSession stateless;
    private final Map<Rule, RuleMeta> metaByRule;
    private final Catalogue catalogue;
    private final Messages messages;
    private final Requirements requirements;
    private final Tables tables;
    private final Report.RulesInfo info;
    private final List<RuleProblem> warnings;
    private final boolean usesOutcome;
    private final boolean usesTables;
    private final Limits limits;
    private final Languages languages;
    /** The warnings the DRL alone gave when compiled now (parse, compiler, loading); empty when reused. */
    private final List<RuleProblem> drlWarnings;
    /**
     * References to these rules: one for being in use (dropped by {@link #retire()}) plus one per
     * evaluation running on them. At zero they are closed, and no evaluation can start on them again.
     */
    private final java.util.concurrent.atomic.AtomicInteger references = new java.util.concurrent.atomic.AtomicInteger(1);
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private RuleBase(KieBase kieBase, ClassLoader loader, byte[] kjar, Source source, Map<Rule, RuleMeta> metaByRule, Catalogue catalogue,
                     Messages messages, Requirements requirements, Tables tables,
                     Report.RulesInfo info, List<RuleProblem> warnings, boolean usesOutcome, boolean usesTables, Limits limits,
                     Languages languages, List<RuleProblem> drlWarnings) {
        this.languages = languages;
        this.drlWarnings = drlWarnings;
        this.kieBase = kieBase;
        this.kjar = kjar;
        this.loader = loader;
        this.source = source;
        this.pool = kieBase == null ? null : kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
        this.stateless = pool == null ? null : pool.newStatelessKieSession();
        this.metaByRule = metaByRule;
        this.catalogue = catalogue;
        this.messages = messages;
        this.requirements = requirements;
        this.tables = tables;
        this.info = info;
        this.warnings = List.copyOf(warnings);
        this.usesOutcome = usesOutcome;
        this.usesTables = usesTables;
        this.limits = limits;
    }

    /**
     * Checks and compiles a rules directory's files: every problem is collected first, each with
     * file and line, and reported together.
     *
     * @throws InvalidRulesException when there is any error
     */
    public static RuleBase load(RuleFiles files) {
        return load(files, null, Limits.DEFAULT, true);
    }

    /**
     * Loads rules, reusing compiled rules when the DRL is unchanged: the rules compiled into the
     * jar at build time, or those in {@code cacheDir} (when given; written after a compile).
     */
    public static RuleBase load(RuleFiles files, Path cacheDir) {
        return load(files, cacheDir, Limits.DEFAULT, true);
    }

    /** Loads rules, as {@link #load(RuleFiles, Path)}, with these per-tenant limits. */
    public static RuleBase load(RuleFiles files, Path cacheDir, Limits limits) {
        return load(files, cacheDir, limits, true);
    }

    /** Compiles afresh, ignoring compiled rules, to report every problem: what {@code rules check} does. */
    public static RuleBase loadAndCheck(RuleFiles files) {
        return load(files, null, Limits.DEFAULT, false, false);
    }

    /**
     * Checks every file as {@link #loadAndCheck(RuleFiles)} does, but takes the compiled rules from
     * {@code cacheDir} when the DRL is unchanged since they were compiled (a change to the tables, the
     * texts, the catalogue or the test cases needs no compile), with the compiler's warnings stored
     * beside them; compiles and stores them otherwise. Every other check runs each time.
     */
    public static RuleBase loadAndCheck(RuleFiles files, Path cacheDir) {
        return load(files, cacheDir, Limits.DEFAULT, false, cacheDir != null, true);
    }

    /**
     * Checks every file as {@link #loadAndCheck(RuleFiles, Path)} does, for a caller that evaluates
     * nothing ({@code rules check}): when the DRL is unchanged since it was compiled into the jar or
     * into {@code cacheDir}, what the DRL alone decides (its parse, its rules' metadata and what they
     * read, the compiler's warnings) is taken from there too, and the compiled rules are not loaded.
     * The rules returned cannot {@linkplain #evaluate evaluate} when they were not loaded.
     */
    public static RuleBase check(RuleFiles files, Path cacheDir) {
        return load(files, cacheDir, Limits.DEFAULT, false, true, false);
    }

    /**
     * The checks the DRL declares, read from the metadata without compiling; for tooling that
     * needs the ids even when the rules do not load.
     */
    public static Catalogue declaredChecks(RuleFiles files) {
        DroolsCompiler.require(files.origin());
        List<RuleProblem> ignored = new ArrayList<>();
        return Catalogue.of(CheckDeclarations.read(files.checks(), ignored),
                DrlInspector.metadata(DrlInspector.inspect(files.drl(), ignored), files.drl()).values());
    }

    static RuleBase load(RuleFiles files, Path cacheDir, Limits limits, boolean reuse) {
        return load(files, cacheDir, limits, reuse, reuse, true);
    }

    /** As {@link #load(RuleFiles, Path, Limits, boolean, boolean, boolean)}, loading the compiled rules. */
    private static RuleBase load(RuleFiles files, Path cacheDir, Limits limits, boolean reuse, boolean reuseCompiled) {
        return load(files, cacheDir, limits, reuse, reuseCompiled, true);
    }

    /**
     * @param reuse         trust rules checked when the jar was built, and reuse compiled rules without checking their DRL again
     * @param reuseCompiled reuse compiled rules (built in, or in {@code cacheDir}) for unchanged DRL
     * @param evaluates     whether the rules will evaluate: when not, reused compiled rules are not loaded
     */
    private static RuleBase load(RuleFiles files, Path cacheDir, Limits limits, boolean reuse, boolean reuseCompiled, boolean evaluates) {
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, String> drl = files.drl();
        if (drl.isEmpty()) {
            problems.add(RuleProblem.error("", 0, 0, "no DRL rule files in " + files.origin()));
            throw new InvalidRulesException("no rules to load in " + files.origin(), problems);
        }
        // Files checked in full when the jar was built are not checked again: start-up cost.
        // Needed at once only to trust a build-time check; otherwise hashed on another core meanwhile.
        CompletableFuture<String> hashing = reuse ? CompletableFuture.completedFuture(files.contentHash()) : CompletableFuture.supplyAsync(files::contentHash);
        boolean checked = reuse && CompiledRules.checkedAtBuild(hashing.join());
        // The tables load on another core while the rules do: both are start-up cost.
        CompletableFuture<List<RuleProblem>> tableProblems = new CompletableFuture<>();
        CompletableFuture<Tables> loadingTables = CompletableFuture.supplyAsync(() -> {
            List<RuleProblem> tp = new ArrayList<>();
            Tables t = Tables.load(files.tables(), tp);
            List<RuleProblem> located = new ArrayList<>();
            for (RuleProblem p : tp) {
                located.add(new RuleProblem(p.level(), RuleFiles.TABLES_DIR + p.file(), p.line(), p.column(), p.message(), p.excerpt()));
            }
            if (!checked) {
                checkTableUse(files, located);
            }
            tableProblems.complete(located);
            return t;
        });

        String key = CompiledRules.key(files);
        CompiledRules.Stored stored = reuseCompiled ? CompiledRules.find(key, cacheDir) : null;
        // Checking only, the compiled rules are not needed: what loading them would report was stored with them.
        boolean loadStored = stored != null && (evaluates || reuse);
        // Building the compiled rules' KieBase is most of a start; nothing below needs it until the
        // catalogue, the texts and the tables are read, so it is built meanwhile on another core.
        FutureTask<KjarLoader.Loaded> loading = loadStored ? startLoading(stored.kjar()) : null;

        List<CheckDeclarations.CheckDecl> declared = CheckDeclarations.read(files.checks(), problems, !checked);
        List<RuleProblem> messageProblems = new ArrayList<>();
        Languages languages = Languages.read(files.messages(), messageProblems, !checked);
        messageProblems.stream().filter(RuleProblem::isError).forEach(problems::add);
        Messages messages = Messages.of(languages);
        KjarLoader.Loaded loaded = loading == null ? null : finish(loading);
        Tables tables = join(loadingTables);
        problems.addAll(tableProblems.join());
        messages.translateValuesWith(tables::translations);
        Map<String, RuleMeta> metaByKey;
        byte[] kjar;
        Source source;
        // What the DRL alone decides, found by a compile (its parse, the compiler, loading the result).
        List<RuleProblem> drlProblems = new ArrayList<>();
        if (stored != null && !reuse && (loaded != null || !evaluates)) {
            // Checking: every file is checked as for a compile; what the unchanged DRL alone decides (its
            // parse, the rules' metadata and reads, the compiler's and the loader's warnings) was stored with
            // the compiled rules, which hold no error.
            source = stored.builtIn() ? Source.PRECOMPILED : Source.CACHE;
            metaByKey = stored.metadata();
            problems.addAll(stored.warnings());
            RuleChecks.crossCheck(files, declared, metaByKey.values(), messages, problems);
            failOnErrors(files, problems);
            kjar = stored.kjar();
        } else if (loaded != null) {
            source = stored.builtIn() ? Source.PRECOMPILED : Source.CACHE;
            // The DRL is unchanged since it was compiled and checked: no parsing, no compiling; the
            // catalogue and the messages are read at every load, and checked against the rules.
            metaByKey = stored.metadata();
            if (!checked) {
                RuleChecks.crossCheck(files, declared, metaByKey.values(), messages, problems);
            }
            failOnErrors(files, problems);
            kjar = stored.kjar();
        } else {
            // Only here is DRL parsed or compiled: precompiled and cached rules need none of the compiler.
            DroolsCompiler.require(files.origin());
            List<RuleDecl> decls = DrlInspector.inspect(drl, drlProblems);
            problems.addAll(drlProblems);
            boolean syntaxOk = problems.stream().noneMatch(p -> p.isError() && p.message().startsWith("syntax error"));
            metaByKey = DrlInspector.metadata(decls, drl);
            if (metaByKey.values().stream().noneMatch(RuleMeta::belongsToCheck) && syntaxOk) {
                problems.add(RuleProblem.error("", 0, 0, "the rules define no check (no rule has an @id)"));
            }
            RuleChecks.crossCheck(files, declared, metaByKey.values(), messages, problems);
            // Compile even when metadata or tables are wrong, so that every problem is reported at once.
            List<RuleProblem> compilerProblems = new ArrayList<>();
            kjar = syntaxOk ? RulesCompiler.compile(drl, decls, compilerProblems) : null;
            problems.addAll(compilerProblems);
            drlProblems.addAll(compilerProblems);
            failOnErrors(files, problems);
            loaded = KjarLoader.load(kjar);
            source = Source.COMPILED;
        }
        Catalogue catalogue = Catalogue.of(declared, metaByKey.values());
        KieBase kieBase = loaded == null ? null : loaded.kieBase();
        Map<Rule, RuleMeta> metaByRule = new IdentityHashMap<>();
        boolean usesOutcome = false;
        boolean usesTables = false;
        List<RuleProblem> loadProblems = new ArrayList<>();
        for (KiePackage pkg : kieBase == null ? List.<KiePackage>of() : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                RuleMeta meta = metaByKey.get(rule.getPackageName() + "/" + rule.getName());
                if (meta == null) {
                    loadProblems.add(RuleProblem.error("", 0, 0, "compiled rule \"" + rule.getName() + "\" has no metadata"));
                } else {
                    metaByRule.put(rule, meta.withIndex(metaByRule.size()));
                }
            }
            for (Global g : pkg.getGlobalVariables()) {
                switch (g.getName()) {
                    case "outcome" -> usesOutcome |= checkGlobal(g, Outcome.class, drl, loadProblems);
                    case "tables" -> usesTables |= checkGlobal(g, Tables.class, drl, loadProblems);
                    default -> loadProblems.add(globalProblem(g.getName(), drl, "global \"" + g.getName()
                            + "\" is not provided by Preflight (the globals are: outcome, tables)"));
                }
            }
        }
        problems.addAll(loadProblems);
        failOnErrors(files, problems);
        List<RuleProblem> drlWarnings = List.of();
        if (source == Source.COMPILED) {
            // Only warnings (the errors failed above), stored with the compiled rules for a check of the same DRL.
            drlProblems.addAll(loadProblems);
            drlWarnings = List.copyOf(drlProblems);
            CompiledRules.toCache(cacheDir, key, kjar, metaByKey, drlWarnings);
        }
        LOG.debug("loaded {} rules, {} checks from {}", metaByRule.size(), catalogue.checks().size(), files.origin());
        LOG.debug("rules from {}: {} ({} checks)", files.origin(), source, catalogue.checks().size());
        return new RuleBase(kieBase, loaded == null ? null : loaded.loader(), kjar, source, metaByRule, catalogue, messages, new Requirements(declared, messages), tables,
                new Report.RulesInfo(files.origin(), join(hashing), catalogue.checks().size()),
                problems, usesOutcome, usesTables, limits, languages, drlWarnings);
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * {@link #loadQuietly} on a thread of its own, started now. A new thread rather than the common
     * pool: it inherits the caller's context class loader (an application server's or Spark's, which
     * Drools may look its services up through), and it does not queue behind the tables' loading.
     */
    private static FutureTask<KjarLoader.Loaded> startLoading(byte[] kjar) {
        FutureTask<KjarLoader.Loaded> task = new FutureTask<>(() -> loadQuietly(kjar));
        Thread t = new Thread(task, "preflight-rules-load");
        t.setDaemon(true); // a caller that gives up (a bad catalogue) does not wait for it
        t.start();
        return task;
    }

    /** The loaded rules; waits for them as the call on this thread did, without giving up on an interrupt. */
    private static KjarLoader.Loaded finish(FutureTask<KjarLoader.Loaded> loading) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return loading.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Compiled rules that no longer load (a damaged cache file): compile again instead. */
    private static KjarLoader.Loaded loadQuietly(byte[] kjar) {
        try {
            return KjarLoader.load(kjar);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("compiled rules do not load, compiling again", e);
            return null;
        }
    }

    private static boolean checkGlobal(Global g, Class<?> expected, Map<String, String> drl, List<RuleProblem> problems) {
        if (!g.getType().equals(expected.getName())) {
            problems.add(globalProblem(g.getName(), drl, "global \"" + g.getName() + "\" must be declared as " + expected.getName() + ", not " + g.getType()));
            return false;
        }
        return true;
    }

    private static RuleProblem globalProblem(String name, Map<String, String> drl, String message) {
        Pattern p = Pattern.compile("^\\s*global\\s+\\S+\\s+" + Pattern.quote(name) + "\\b");
        for (Map.Entry<String, String> f : drl.entrySet()) {
            String[] lines = f.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (p.matcher(lines[i]).find()) {
                    return RuleProblem.error(f.getKey(), i + 1, 1, message).withExcerpt(lines[i].strip());
                }
            }
        }
        return RuleProblem.error("", 0, 0, message);
    }

    /** Tables and columns no rule reads, and tables rules read that are missing. */
    private static void checkTableUse(RuleFiles files, List<RuleProblem> problems) {
        StringBuilder allDrl = new StringBuilder();
        files.drl().values().forEach(allDrl::append);
        java.util.Set<String> called = new java.util.HashSet<>();
        Matcher m = TABLE_CALL.matcher(allDrl);
        while (m.find()) {
            called.add(m.group(1));
        }
        java.util.Set<String> generic = new java.util.HashSet<>();
        Matcher g = GENERIC_TABLE.matcher(allDrl);
        while (g.find()) {
            generic.add(g.group(1));
        }
        Map<String, String> present = files.tables();
        Tables.knownTables().forEach((file, readers) -> {
            boolean read = readers.stream().anyMatch(called::contains);
            if (read && !present.containsKey(file)) {
                problems.add(RuleProblem.error(RuleFiles.TABLES_DIR + file, 0, 0, "missing: rules call "
                        + readers.stream().filter(called::contains).map(r -> "tables." + r + "()").toList() + ", which read this table"));
            }
        });
        for (String file : present.keySet()) {
            List<String> readers = Tables.knownTables().get(file);
            String name = file.replaceFirst("(?i)\\.csv$", "");
            boolean read = readers != null ? readers.stream().anyMatch(called::contains) : generic.contains(name);
            if (!read) {
                problems.add(RuleProblem.warning(RuleFiles.TABLES_DIR + file, 1, 0, readers != null
                        ? "no rule reads this table (it is read through tables." + String.join("(), tables.", readers) + "())"
                        : "no rule reads this table (read it with tables.table(\"" + name + "\"))"));
            }
        }
        for (String stray : files.strayTables()) {
            problems.add(RuleProblem.warning(stray, 1, 0, "no rule can read this table: data tables belong directly in " + RuleFiles.TABLES_DIR));
        }
    }

    private static void failOnErrors(RuleFiles files, List<RuleProblem> problems) {
        long errors = problems.stream().filter(RuleProblem::isError).count();
        if (errors > 0) {
            // By file, then line: the order an analyst fixes them in (a stable sort keeps each line's own order).
            List<RuleProblem> sorted = new ArrayList<>(problems);
            sorted.sort(java.util.Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column));
            throw new InvalidRulesException(errors + " error" + (errors == 1 ? "" : "s") + " in rules " + files.origin() + ":", sorted);
        }
    }

    /** Whether the compiled rules were built into the jar, read from the cache, or compiled now. */
    public Source source() {
        return source;
    }

    /** The checks these rules declare. */
    public Catalogue catalogue() {
        return catalogue;
    }

    /** The texts of findings. */
    public Messages messages() {
        return messages;
    }

    /** The data tables. */
    public Tables tables() {
        return tables;
    }

    /** Source, content hash, check count. */
    public Report.RulesInfo info() {
        return info;
    }

    /** The message files: the reports' words in each language. */
    public Languages languages() {
        return languages;
    }

    /** Warnings found while loading (a table no rule reads, a Drools build warning). */
    public List<RuleProblem> warnings() {
        return warnings;
    }

    /**
     * Takes a reference for one evaluation.
     *
     * @return false when these rules are already closed (replaced): use the current ones instead
     */
    public boolean acquire() {
        while (true) {
            int n = references.get();
            if (n == 0) {
                return false;
            }
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives back a reference taken by {@link #acquire()}; the last one closes retired rules. */
    public void release() {
        if (references.decrementAndGet() == 0) {
            close();
        }
    }

    /**
     * Marks these rules replaced: evaluations in flight finish on them, and the last of them
     * releases them. Call once.
     */
    public void retire() {
        release();
    }

    /** Evaluates one tenant in a session of its own; thread-safe. */
    public Report evaluate(TenantFacts facts, Clock clock) {
        return evaluate(facts, clock, java.util.Locale.ROOT);
    }

    /**
     * Evaluates one tenant in a session of its own, its findings' texts in the language (one of
     * {@link #languages()}; English is {@link java.util.Locale#ROOT}); thread-safe.
     */
    public Report evaluate(TenantFacts facts, Clock clock, java.util.Locale language) {
        if (!acquire()) {
            throw new IllegalStateException("these rules were closed");
        }
        try {
            return evaluateNow(facts, clock, language);
        } finally {
            release();
        }
    }

    private Report evaluateNow(TenantFacts facts, Clock clock, java.util.Locale language) {
        if (pool == null) {
            throw new IllegalStateException("these rules were checked, not loaded: use load() to evaluate");
        }
        AsOf asOf = facts.tenant() != null && facts.tenant().collectedAt() != null
                ? new AsOf(facts.tenant().collectedAt().toInstant(), true)
                : new AsOf(clock.instant(), false);
        FactPaths paths = new FactPaths(facts);
        OutcomeCollector collector = new OutcomeCollector(metaByRule, paths,
                limits.time().isZero() ? OutcomeCollector.NO_DEADLINE : System.nanoTime() + limits.time().toNanos(), messages, language);
        // A pooled session, stateless: executing it is one sequential evaluation, after which it is
        // reset for the next tenant, keeping what Drools can reuse.
        stateless.execute(new Evaluation(facts, asOf, collector));
        // What each check lacks follows from its declared requirements, not from rules.
        requirements.collect(new dev.preflight.rules.RequirementScope(facts, tables), language, collector::missing);
        return ReportAssembler.assemble(catalogue, messages, language, collector, facts, asOf, info);
    }

    /**
     * One tenant's execution in a stateless session: the globals, the facts, and firing within the
     * budget. A rule whose consequence throws is recorded by {@link RuleFaults} and the others still
     * fire; a stop (the budget, the time limit, too many failures) is recorded against the rule that
     * caused it, so that no check passes silently.
     */
    private final class Evaluation implements ExecutableCommand<Void> {
        private final TenantFacts facts;
        private final AsOf asOf;
        private final OutcomeCollector collector;

        Evaluation(TenantFacts facts, AsOf asOf, OutcomeCollector collector) {
            this.facts = facts;
            this.asOf = asOf;
            this.collector = collector;
        }

        @Override
        public Void execute(Context context) {
            KieSession session = ((RegistryContext) context).lookup(KieSession.class);
            session.addEventListener(collector);
            try {
                if (usesOutcome) {
                    session.setGlobal("outcome", collector);
                }
                if (usesTables) {
                    session.setGlobal("tables", tables);
                }
                // Straight into the default entry point: the session's own insert looks it up by name
                // at every fact.
                FactInserter.insert(session.getEntryPoint(EntryPointId.DEFAULT.getEntryPointId()), facts, asOf);
                int budget = limits.firings();
                session.fireAllRules(budget);
                if (collector.fired() >= budget && collector.stopped() == null) {
                    collector.stopAtFiringBudget(budget, collector.lastRule());
                }
                return null;
            } finally {
                // The pooled session serves other tenants next: it must not keep this one's collector.
                session.removeEventListener(collector);
            }
        }

        @Override
        public boolean autoFireAllRules() {
            return false;
        }
    }

    /** Releases the pooled sessions; safe to call more than once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && pool != null) {
            pool.shutdown();
        }
    }

    KieBase kieBase() {
        return kieBase;
    }

    Requirements requirements() {
        return requirements;
    }

    /** The generated rule classes: those of the loaded rules, or, for rules checked only, the compiled rules' defined on demand. */
    ClassLoader functionClasses() {
        return loader != null ? loader : KjarLoader.classes(kjar);
    }

    /** The class loader of the generated rule classes. */
    ClassLoader classLoader() {
        return loader;
    }

    /** The compiled rules, for storing them (the build-time bundler). */
    byte[] compiled() {
        return kjar.clone();
    }

    /** The warnings the DRL alone gave when compiled, for storing them beside the compiled rules. */
    List<RuleProblem> drlWarnings() {
        return drlWarnings;
    }

    /** The metadata of every rule, for storing it beside the compiled rules. */
    Map<String, RuleMeta> metadata() {
        Map<String, RuleMeta> out = new java.util.LinkedHashMap<>();
        metaByRule.forEach((rule, meta) -> out.put(rule.getPackageName() + "/" + rule.getName(), meta));
        return out;
    }
}
