package dev.preflight.ruletest;

import dev.preflight.api.CheckInfo;
import dev.preflight.api.InvalidRulesException;
import dev.preflight.api.RuleProblem;
import dev.preflight.engine.Catalogue;
import dev.preflight.engine.DefineAgreement;
import dev.preflight.engine.Languages;
import dev.preflight.rules.Tables;
import dev.preflight.engine.RuleBase;
import dev.preflight.engine.RuleFiles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * What {@code preflight rules check} reports: every problem of a rules directory at once, not
 * only the first. DRL syntax and type errors, rules without their metadata, bad table rows,
 * tables no rule reads, malformed test files, test cases naming checks that do not exist,
 * checks no test case exercises, and languages whose texts are incomplete or differ from English
 * in their placeholders.
 *
 * @param problems  every problem, errors and warnings, sorted by file and line
 * @param checks    the checks the rules declare
 * @param rules     how many rules
 * @param tables    how many data tables
 * @param testCases how many test cases loaded
 */
public record RulesCheck(List<RuleProblem> problems, int checks, int rules, int tables, int testCases) {

    public RulesCheck {
        problems = List.copyOf(problems);
    }

    /** Checks the directory's files, reusing what the jar holds for the shipped DRL and compiling any other. */
    public static RulesCheck of(RuleFiles files) {
        return of(files, null);
    }

    /**
     * Checks the directory's files, reusing rules compiled earlier into {@code cacheDir} (when not
     * null) if the DRL is unchanged: every check runs, only the compile is skipped.
     */
    public static RulesCheck of(RuleFiles files, java.nio.file.Path cacheDir) {
        List<RuleProblem> problems = new ArrayList<>();
        List<RuleProblem> testProblems = new ArrayList<>();
        List<RuleTestCase> cases = RuleTests.load(files, testProblems);
        List<CheckInfo> catalogue;
        Catalogue checks;
        Languages languages;
        try (RuleBase base = RuleBase.check(files, cacheDir)) {
            // A table text without its translation loads (the report quotes the English), but is not complete.
            base.warnings().forEach(w -> problems.add(w.message().startsWith(Tables.MISSING_TRANSLATION) ? w.withLevel(RuleProblem.Level.ERROR) : w));
            catalogue = base.catalogue().checks();
            checks = base.catalogue();
            languages = base.languages();
            LanguageCheck.checkTables(languages, base.tables(), problems);
            problems.addAll(DefineAgreement.check(base, files, tenants(cases), cacheDir));
        } catch (InvalidRulesException e) {
            problems.addAll(e.problems());
            checks = RuleBase.declaredChecks(files);
            catalogue = checks.checks();
            languages = Languages.read(files.messages(), new ArrayList<>());
        }
        // A file with a syntax error declares nothing readable: do not blame the translations for that.
        LanguageCheck.check(languages, catalogue, checks::remediation, problems.stream().noneMatch(p -> p.isError() && p.message().startsWith("syntax error")), problems);
        problems.addAll(testProblems);

        Set<String> declared = new HashSet<>();
        catalogue.forEach(c -> declared.add(c.id()));
        // A file with a syntax error declares nothing readable: do not blame the tests for that.
        boolean allDeclared = problems.stream().noneMatch(p -> p.isError() && p.message().startsWith("syntax error"));
        Set<String> tested = new HashSet<>();
        for (RuleTestCase c : cases) {
            for (String id : idsNamedBy(c.expect())) {
                tested.add(id);
                if (!declared.contains(id) && !catalogue.isEmpty() && allDeclared) {
                    problems.add(RuleProblem.error(c.file(), 0, 0, "case #" + c.index() + " \"" + c.name() + "\" names check " + id + ", which no rule declares"));
                }
            }
        }
        Map<String, Set<String>> kinds = new HashMap<>();
        for (RuleTestCase c : cases) {
            kindsExpected(c.expect(), kinds);
        }
        for (CheckInfo c : catalogue) {
            if (!tested.contains(c.id())) {
                problems.add(RuleProblem.warning(c.source(), c.line(), 0, "check " + c.id() + " has no test case in " + RuleFiles.TESTS_DIR));
                continue;
            }
            List<String> lacking = new ArrayList<>();
            for (String kind : List.of("PASS", "FAIL", "NOT_EVALUATED")) {
                if (!kinds.getOrDefault(c.id(), Set.of()).contains(kind)) {
                    lacking.add(kind);
                }
            }
            if (!lacking.isEmpty()) {
                // A warning (an error under rules check --strict): a check is shown to pass, to fail and to know what it lacks.
                problems.add(RuleProblem.warning(c.source(), c.line(), 0, "check " + c.id() + " has no test case expecting " + String.join(" or ", lacking)
                        + " (every check needs a PASS, a FAIL and a NOT_EVALUATED case in " + RuleFiles.TESTS_DIR + ")"));
            }
        }
        problems.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column));
        int rules = catalogue.stream().mapToInt(c -> c.rules().size()).sum();
        return new RulesCheck(problems, catalogue.size(), rules, files.tables().size(), cases.size());
    }

    /** The tenants of the cases. */
    private static List<DefineAgreement.Tenant> tenants(List<RuleTestCase> cases) {
        return cases.stream().map(c -> new DefineAgreement.Tenant(c.file() + " #" + c.index() + " \"" + c.name() + "\"", c.facts())).toList();
    }

    /** The kinds of outcome (PASS, FAIL, NOT_EVALUATED) a case expects of each check it names. */
    private static void kindsExpected(Expectation e, Map<String, Set<String>> kinds) {
        e.checks().forEach((id, outcome) -> kinds.computeIfAbsent(id, k -> new HashSet<>()).add(outcome.startsWith("FAIL") ? "FAIL" : outcome));
        e.findings().forEach((id, f) -> {
            if (!f.isEmpty()) {
                kinds.computeIfAbsent(id, k -> new HashSet<>()).add("FAIL");
            }
        });
        e.missing().forEach((id, m) -> {
            if (!m.isEmpty()) {
                kinds.computeIfAbsent(id, k -> new HashSet<>()).add("NOT_EVALUATED");
            }
        });
        if (e.failing() != null) {
            e.failing().forEach(id -> kinds.computeIfAbsent(id, k -> new HashSet<>()).add("FAIL"));
        }
        if (e.notEvaluated() != null) {
            e.notEvaluated().forEach(id -> kinds.computeIfAbsent(id, k -> new HashSet<>()).add("NOT_EVALUATED"));
        }
    }

    private static Set<String> idsNamedBy(Expectation e) {
        Set<String> ids = new HashSet<>();
        ids.addAll(e.checks().keySet());
        ids.addAll(e.findings().keySet());
        ids.addAll(e.missing().keySet());
        ids.addAll(e.notes().keySet());
        if (e.failing() != null) {
            ids.addAll(e.failing());
        }
        if (e.notEvaluated() != null) {
            ids.addAll(e.notEvaluated());
        }
        return ids;
    }

    /** The number of errors. */
    public long errors() {
        return problems.stream().filter(RuleProblem::isError).count();
    }

    /** The number of warnings. */
    public long warnings() {
        return problems.size() - errors();
    }

    /** The checks declared, for callers that list them. */
    static List<String> ids(Catalogue c) {
        return c.checks().stream().map(CheckInfo::id).toList();
    }
}
