package dev.preflight.engine;

import dev.preflight.api.InvalidRulesException;
import dev.preflight.api.Report;
import dev.preflight.api.RuleProblem;
import dev.preflight.facts.TenantFacts;
import dev.preflight.rules.AsOf;
import dev.preflight.rules.Outcome;
import dev.preflight.rules.Tables;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.ConsequenceException;
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
    /** Rule firings allowed per tenant before the evaluation is stopped as a runaway. */
    public static final int DEFAULT_MAX_FIRINGS = 1_000_000;
    private static final int MAX_RULE_ERRORS = 50;

    private final KieBase kieBase;
    private final KieSessionsPool pool;
    private final Map<Rule, RuleMeta> metaByRule;
    private final Catalogue catalogue;
    private final Tables tables;
    private final Report.RulesInfo info;
    private final List<RuleProblem> warnings;
    private final boolean usesOutcome;
    private final boolean usesTables;
    private final int maxFirings;

    private RuleBase(KieBase kieBase, Map<Rule, RuleMeta> metaByRule, Catalogue catalogue, Tables tables,
                     Report.RulesInfo info, List<RuleProblem> warnings, boolean usesOutcome, boolean usesTables, int maxFirings) {
        this.kieBase = kieBase;
        this.pool = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
        this.metaByRule = metaByRule;
        this.catalogue = catalogue;
        this.tables = tables;
        this.info = info;
        this.warnings = List.copyOf(warnings);
        this.usesOutcome = usesOutcome;
        this.usesTables = usesTables;
        this.maxFirings = maxFirings;
    }

    /**
     * Checks and compiles a rules directory's files: every problem is collected first, each with
     * file and line, and reported together.
     *
     * @throws InvalidRulesException when there is any error
     */
    public static RuleBase load(RuleFiles files) {
        return load(files, DEFAULT_MAX_FIRINGS);
    }

    static RuleBase load(RuleFiles files, int maxFirings) {
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, String> drl = files.drl();
        if (drl.isEmpty()) {
            problems.add(RuleProblem.error("", 0, 0, "no DRL rule files in " + files.origin()));
            throw new InvalidRulesException("no rules to load in " + files.origin(), problems);
        }
        List<RuleDecl> decls = DrlInspector.inspect(drl, problems);
        List<RuleProblem> tableProblems = new ArrayList<>();
        Tables tables = Tables.load(files.tables(), tableProblems);
        for (RuleProblem p : tableProblems) {
            problems.add(new RuleProblem(p.level(), RuleFiles.TABLES_DIR + p.file(), p.line(), p.column(), p.message(), p.excerpt()));
        }
        checkTableUse(files, problems);
        failOnErrors(files, problems);
        Map<String, RuleMeta> metaByKey = DrlInspector.metadata(decls);
        Catalogue catalogue = Catalogue.of(metaByKey.values());
        if (catalogue.checks().isEmpty()) {
            problems.add(RuleProblem.error("", 0, 0, "the rules define no check (no rule has an @id)"));
            failOnErrors(files, problems);
        }
        byte[] kjar = RulesCompiler.compile(drl, decls, problems);
        failOnErrors(files, problems);
        KieBase kieBase = KjarLoader.load(kjar);
        Map<Rule, RuleMeta> metaByRule = new IdentityHashMap<>();
        boolean usesOutcome = false;
        boolean usesTables = false;
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                RuleMeta meta = metaByKey.get(rule.getPackageName() + "/" + rule.getName());
                if (meta == null) {
                    problems.add(RuleProblem.error("", 0, 0, "compiled rule \"" + rule.getName() + "\" has no metadata"));
                } else {
                    metaByRule.put(rule, meta);
                }
            }
            for (Global g : pkg.getGlobalVariables()) {
                switch (g.getName()) {
                    case "outcome" -> usesOutcome |= checkGlobal(g, Outcome.class, decls, drl, problems);
                    case "tables" -> usesTables |= checkGlobal(g, Tables.class, decls, drl, problems);
                    default -> problems.add(globalProblem(g.getName(), drl, "global \"" + g.getName()
                            + "\" is not provided by Preflight (the globals are: outcome, tables)"));
                }
            }
        }
        failOnErrors(files, problems);
        LOG.debug("loaded {} rules, {} checks from {}", metaByRule.size(), catalogue.checks().size(), files.origin());
        return new RuleBase(kieBase, metaByRule, catalogue, tables,
                new Report.RulesInfo(files.origin(), files.contentHash(), catalogue.checks().size()),
                problems, usesOutcome, usesTables, maxFirings);
    }

    private static boolean checkGlobal(Global g, Class<?> expected, List<RuleDecl> decls, Map<String, String> drl, List<RuleProblem> problems) {
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
            throw new InvalidRulesException(errors + " error" + (errors == 1 ? "" : "s") + " in rules " + files.origin() + ":", problems);
        }
    }

    /** The checks these rules declare. */
    public Catalogue catalogue() {
        return catalogue;
    }

    /** The data tables. */
    public Tables tables() {
        return tables;
    }

    /** Source, content hash, check count. */
    public Report.RulesInfo info() {
        return info;
    }

    /** Warnings found while loading (a table no rule reads, a Drools build warning). */
    public List<RuleProblem> warnings() {
        return warnings;
    }

    /** Evaluates one tenant in a session of its own; thread-safe. */
    public Report evaluate(TenantFacts facts, Clock clock) {
        AsOf asOf = facts.tenant() != null && facts.tenant().collectedAt() != null
                ? new AsOf(facts.tenant().collectedAt().toInstant(), true)
                : new AsOf(clock.instant(), false);
        FactPaths paths = new FactPaths();
        OutcomeCollector collector = new OutcomeCollector(metaByRule, paths);
        KieSession session = pool.newKieSession();
        try {
            if (usesOutcome) {
                session.setGlobal("outcome", collector);
            }
            if (usesTables) {
                session.setGlobal("tables", tables);
            }
            session.addEventListener(collector);
            FactInserter.insert(session, facts, asOf, paths);
            fire(session, collector);
        } finally {
            session.removeEventListener(collector);
            session.dispose();
        }
        return ReportAssembler.assemble(catalogue, collector, facts, asOf, info);
    }

    /**
     * Fires every rule; a rule whose consequence throws is recorded against its check and the
     * others still fire (the failed activation has left the agenda, so firing again continues).
     */
    private void fire(KieSession session, OutcomeCollector collector) {
        int budget = maxFirings;
        int failures = 0;
        while (true) {
            try {
                int fired = session.fireAllRules(budget);
                if (fired >= budget) {
                    collector.error(null, "stopped after " + maxFirings + " rule firings: a rule keeps re-activating itself");
                }
                return;
            } catch (ConsequenceException e) {
                Rule rule = e.getMatch() == null ? null : e.getMatch().getRule();
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                collector.error(rule, cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
                if (++failures >= MAX_RULE_ERRORS) {
                    collector.error(null, "stopped after " + failures + " rule failures");
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        pool.shutdown();
    }

    KieBase kieBase() {
        return kieBase;
    }
}
