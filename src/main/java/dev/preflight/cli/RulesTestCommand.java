package dev.preflight.cli;

import dev.preflight.api.Evaluator;
import dev.preflight.api.InvalidRulesException;
import dev.preflight.api.RuleProblem;
import dev.preflight.engine.RuleFiles;
import dev.preflight.report.DisplayWidth;
import dev.preflight.report.SafeText;
import dev.preflight.report.Style;
import dev.preflight.ruletest.CaseResult;
import dev.preflight.ruletest.Coverage;
import dev.preflight.ruletest.RuleTestCase;
import dev.preflight.ruletest.RuleTests;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code preflight rules test [DIR]}: runs the rule test cases of {@code DIR/tests/}. */
@Command(name = "test",
        mixinStandardHelpOptions = true,
        description = "Runs the test cases in DIR/tests/*.json against the rules in DIR and prints each as passed or failed.",
        exitCodeOnInvalidInput = ExitCodes.USAGE)
final class RulesTestCommand implements Callable<Integer> {

    @ParentCommand
    private RulesCommand parent;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "The rules directory (default: the rules built into the jar).")
    private Path dir;

    @Option(names = "--coverage", description = "List, for every check, the cases proving its PASS, each FAIL severity and NOT_EVALUATED, and flag the gaps.")
    private boolean coverage;

    @Option(names = "--only", paramLabel = "TEXT", description = "Run only the cases whose file or name contains TEXT.")
    private String only;

    @Option(names = {"-q", "--quiet"}, description = "Print failures and the summary only.")
    private boolean quiet;

    @picocli.CommandLine.Mixin
    private ColorOption color;

    @picocli.CommandLine.Mixin
    private LocaleOption locale;

    @picocli.CommandLine.Mixin
    private RulesCacheOption cache;

    @Override
    public Integer call() {
        Console console = parent.parent.console;
        PrintStream out = console.out();
        Style style = color.style(console);
        dev.preflight.api.Texts texts = locale.texts(console);
        RuleFiles files = dir == null ? RuleFiles.builtIn() : RuleFiles.fromDirectory(dir);
        Evaluator.Builder builder = Evaluator.builder();
        if (dir != null) {
            builder.rulesDirectory(dir);
            if (cache.dir(console, true) != null) {
                builder.compiledRulesCache(cache.dir(console, true));
            }
        }
        // The cases are read on another core while the rules load: both are start-up cost.
        List<RuleProblem> problems = new ArrayList<>();
        java.util.concurrent.CompletableFuture<List<RuleTestCase>> loading = java.util.concurrent.CompletableFuture.supplyAsync(() -> RuleTests.load(files, problems));
        Evaluator evaluator = builder.build();
        List<RuleTestCase> cases;
        try {
            cases = loading.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        for (RuleProblem p : problems) {
            console.err().println("preflight: " + p);
        }
        if (problems.stream().anyMatch(RuleProblem::isError)) {
            throw new InvalidRulesException("the test cases do not load", problems);
        }
        if (only != null) {
            cases = cases.stream().filter(c -> c.title().contains(only)).toList();
        }
        if (cases.isEmpty()) {
            console.err().println("preflight: no test cases in " + files.origin() + "/" + RuleFiles.TESTS_DIR);
            return ExitCodes.NOT_ELIGIBLE;
        }
        List<CaseResult> results = RuleTests.runAll(evaluator, cases);
        // PASS and FAIL padded to one display width, so that the case titles line up in every language.
        int width = Math.max(DisplayWidth.of(texts.get("status.PASS")), DisplayWidth.of(texts.get("status.FAIL")));
        String pass = style.green(DisplayWidth.pad(texts.get("status.PASS"), width));
        String fail = style.red(DisplayWidth.pad(texts.get("status.FAIL"), width));
        int failed = 0;
        for (CaseResult r : results) {
            if (r.passed()) {
                if (!quiet) {
                    out.println(pass + "  " + SafeText.clean(r.testCase().title()));
                }
            } else {
                failed++;
                out.println(fail + "  " + SafeText.clean(r.testCase().title()));
                for (String d : r.differences()) {
                    out.println("        " + SafeText.clean(d));
                }
            }
        }
        int gaps = 0;
        if (coverage) {
            Coverage cov = RuleTests.coverage(evaluator.catalogue(), results);
            out.println();
            out.println(style.bold(texts.get("rules.test.coverage")));
            for (Map.Entry<String, Map<String, List<String>>> c : cov.checks().entrySet()) {
                out.println("  " + c.getKey());
                for (Map.Entry<String, List<String>> o : c.getValue().entrySet()) {
                    String cases2 = o.getValue().isEmpty() ? style.red(texts.get("rules.test.gap"))
                            : texts.get("rules.test.cases", o.getValue().size(), String.join(", ", o.getValue().stream().limit(3).toList()) + (o.getValue().size() > 3 ? ", ..." : ""));
                    out.println(String.format("    %-14s %s", o.getKey(), cases2));
                }
            }
            gaps = cov.gaps().values().stream().mapToInt(List::size).sum();
            out.println(gaps == 0 ? "  " + texts.get("rules.test.covered") : style.red("  " + texts.get("rules.test.gaps", gaps, cov.gaps())));
        }
        out.println();
        out.println(texts.get("rules.test.summary", results.size(), results.size() - failed, failed));
        out.flush();
        return failed > 0 ? ExitCodes.NOT_ELIGIBLE : ExitCodes.ELIGIBLE;
    }
}
