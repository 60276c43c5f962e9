package dev.preflight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.preflight.api.RuleProblem;
import dev.preflight.engine.RuleFiles;
import dev.preflight.report.Style;
import dev.preflight.ruletest.RulesCheck;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code preflight rules check [DIR]}: every problem of a rules directory, each with file, line and column. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {"Compiles every DRL file and data table in DIR and reports every problem, not only the first.",
            "Problems are syntax and type errors, rules without @id/@severity, bad table rows, tables no "
                    + "rule reads, test cases naming unknown checks and checks without a test case. Exit 0 when "
                    + "clean, 3 on errors."},
        exitCodeOnInvalidInput = ExitCodes.USAGE)
final class RulesCheckCommand implements Callable<Integer> {

    @ParentCommand
    private RulesCommand parent;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "The rules directory (default: the rules built into the jar).")
    private Path dir;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "text, or json for editors and CI (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = "--strict", description = "Fail (exit 3) on warnings too.")
    private boolean strict;

    @picocli.CommandLine.Mixin
    private ColorOption color;

    @picocli.CommandLine.Mixin
    private LocaleOption locale;

    @picocli.CommandLine.Mixin
    private RulesCacheOption cache;

    /** Output formats. */
    enum Format { text, json }

    @Override
    public Integer call() throws Exception {
        Console console = parent.parent.console;
        // The summary is Preflight's own words, from the shipped texts: the directory checked may be the one that is broken.
        dev.preflight.api.Texts texts = locale.texts(console);
        RuleFiles files = dir == null ? RuleFiles.builtIn() : RuleFiles.fromDirectory(dir);
        RulesCheck result = RulesCheck.of(files, cache.dir(console, true));
        String prefix = dir == null ? "built-in:" : dir.toString().replace('\\', '/').replaceAll("/+$", "") + "/";
        PrintStream out = console.out();
        if (format == Format.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("rules", files.origin());
            json.put("errors", result.errors());
            json.put("warnings", result.warnings());
            json.put("checks", result.checks());
            json.put("ruleCount", result.rules());
            json.put("tables", result.tables());
            json.put("testCases", result.testCases());
            json.put("problems", result.problems().stream().map(p -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("level", p.level().name());
                m.put("file", p.file().isEmpty() ? "" : prefix + p.file());
                m.put("line", p.line());
                m.put("column", p.column());
                m.put("message", p.message());
                m.put("excerpt", p.excerpt());
                return m;
            }).toList());
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
        } else {
            Style style = color.style(console);
            for (RuleProblem p : result.problems()) {
                String where = (p.file().isEmpty() ? prefix : prefix + p.file()) + (p.line() > 0 ? ":" + p.line() + (p.column() > 0 ? ":" + p.column() : "") : "");
                String level = p.isError() ? style.red("error") : style.yellow("warning");
                out.println(where + ": " + level + ": " + p.message());
                if (!p.excerpt().isEmpty()) {
                    out.println("    " + p.excerpt());
                }
            }
            // The problems keep the compiler's form (file:line: error: message), which editors and CI parse.
            out.println((result.problems().isEmpty() ? "" : "\n") + texts.get("rules.check.summary", files.origin(), result.checks(), result.rules(),
                    result.tables(), result.testCases(), result.errors(), result.warnings()));
        }
        out.flush();
        boolean failed = result.errors() > 0 || (strict && result.warnings() > 0);
        return failed ? ExitCodes.INVALID : ExitCodes.ELIGIBLE;
    }
}
