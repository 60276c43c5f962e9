package dev.preflight.cli;

import dev.preflight.api.Evaluator;
import dev.preflight.api.FactsReader;
import dev.preflight.api.Report;
import dev.preflight.facts.TenantFacts;
import dev.preflight.report.JsonReport;
import dev.preflight.report.Style;
import dev.preflight.report.TextReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code preflight evaluate FILE|-}: one tenant's verdict and findings. */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Evaluates one tenant's facts (JSON; UTF-8 or UTF-16 with a byte-order mark) and prints its eligibility report.",
        exitCodeOnInvalidInput = ExitCodes.USAGE)
final class EvaluateCommand implements Callable<Integer> {

    @ParentCommand
    private PreflightCommand parent;

    @Mixin
    private CommonOptions common;

    @Mixin
    private LocaleOption locale;

    @Parameters(paramLabel = "FILE", description = "The tenant's facts, or - for standard input.")
    private String input;

    @Option(names = "--format", paramLabel = "text|json|html", description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).", defaultValue = "text")
    private Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE (replaced atomically) instead of standard output.")
    private Path output;

    @Option(names = "--all", description = "List passing checks too (text format).")
    private boolean all;

    /** Report formats. */
    enum Format { text, json, html }

    @Override
    public Integer call() throws IOException {
        Console console = parent.console;
        // Read the facts on another core while the rules load: both are start-up cost.
        CompletableFuture<TenantFacts> reading = CompletableFuture.supplyAsync(() -> read(console));
        Evaluator evaluator;
        try {
            evaluator = common.evaluator(console, locale.choose(format == Format.text || format == Format.html, console), locale);
        } catch (RuntimeException e) {
            reading.cancel(true);
            throw e;
        }
        TenantFacts facts;
        try {
            facts = reading.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        Report report = evaluator.evaluate(facts);
        String text = switch (format) {
            case json -> JsonReport.toPrettyJson(report) + System.lineSeparator();
            case html -> dev.preflight.report.HtmlReport.render(report, evaluator.texts());
            case text -> TextReport.render(report, evaluator.texts(), output == null ? console.style(common.color) : Style.PLAIN, all);
        };
        if (output == null) {
            console.out().print(text);
            console.out().flush();
        } else {
            AtomicOutput.write(output, text.getBytes(StandardCharsets.UTF_8));
        }
        return ExitCodes.of(report.verdict());
    }

    private TenantFacts read(Console console) {
        if (input.equals("-")) {
            return FactsReader.read(console.in(), "-");
        }
        try (InputStream in = Files.newInputStream(Path.of(input))) {
            return FactsReader.read(in, input);
        } catch (NoSuchFileException e) {
            throw new InputFileException(input + ": no such file");
        } catch (IOException e) {
            throw new InputFileException(input + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
