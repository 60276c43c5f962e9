package dev.preflight.cli;

import dev.preflight.api.CheckInfo;
import dev.preflight.api.Evaluator;
import dev.preflight.report.CatalogueWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code preflight rules list [DIR]}: the check catalogue, read from the rules' own metadata. */
@Command(name = "list",
        mixinStandardHelpOptions = true,
        description = "Lists the check catalogue as the rules declare it: id, area, title, severities, documentation link, source file.",
        exitCodeOnInvalidInput = ExitCodes.USAGE)
final class RulesListCommand implements Callable<Integer> {

    @ParentCommand
    private RulesCommand parent;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "The rules directory (default: the rules built into the jar).")
    private Path dir;

    @picocli.CommandLine.Mixin
    private LocaleOption locale;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json, csv or markdown (default: ${DEFAULT-VALUE}).")
    private Format format;

    /** Output formats. */
    enum Format { text, json, csv, markdown }

    @Override
    public Integer call() {
        Evaluator.Builder b = Evaluator.builder().locale(locale.choose(format == Format.text, parent.parent.console));
        if (dir != null) {
            b.rulesDirectory(dir);
        }
        List<CheckInfo> checks;
        dev.preflight.api.Texts texts;
        Evaluator evaluator;
        try {
            evaluator = b.build();
        } catch (IllegalArgumentException unsupportedLocale) {
            throw locale.usage(unsupportedLocale.getMessage());
        }
        try (Evaluator e = evaluator) {
            checks = e.catalogue();
            texts = e.texts();
        }
        String out = switch (format) {
            case text -> CatalogueWriter.text(checks, texts);
            case json -> CatalogueWriter.json(checks);
            case csv -> CatalogueWriter.csv(checks);
            case markdown -> CatalogueWriter.markdown(checks);
        };
        parent.parent.console.out().print(out);
        parent.parent.console.out().flush();
        return ExitCodes.ELIGIBLE;
    }
}
