package dev.preflight.cli;

import dev.preflight.api.Evaluator;
import dev.preflight.api.FactsReader;
import dev.preflight.api.Report;
import dev.preflight.api.Verdict;
import dev.preflight.facts.TenantFacts;
import dev.preflight.report.ReportFormat;
import dev.preflight.report.Style;
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
        description = "Evaluates one tenant's facts (JSON; UTF-8 or UTF-16 with a byte-order mark), or a collection "
                + "of exports, and prints its eligibility report.",
        exitCodeOnInvalidInput = ExitCodes.USAGE)
final class EvaluateCommand implements Callable<Integer> {

    @ParentCommand
    private PreflightCommand parent;

    @Mixin
    private CommonOptions common;

    @Mixin
    private LocaleOption locale;

    @Mixin
    private AnswerOptions answerOptions;

    @Parameters(paramLabel = "FILE", description = "The tenant's facts, or - for standard input; or a collection (a .zip, or a folder holding "
            + "manifest.json, graph/ or onprem/), imported first.")
    private String input;

    @Option(names = "--format", paramLabel = "text|json|html|junit|sarif", description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). junit: a test case per "
            + "check, for CI; sarif: SARIF 2.1.0 located in the facts file, for code scanning.", defaultValue = "text")
    private ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE (replaced atomically) instead of standard output.")
    private Path output;

    @Option(names = "--all", description = "List passing checks too (text format).")
    private boolean all;

    @Option(names = "--fail-on", paramLabel = "none|not-eligible|incomplete", description = "Which verdicts fail the run: incomplete (default) exits 1 when NOT_ELIGIBLE and 2 when "
            + "INCOMPLETE; not-eligible exits 0 when INCOMPLETE; none exits 0 whatever the verdict, for a CI "
            + "step that uploads its report.")
    private String failOn;

    /** Usage errors go through the command line that runs this command, to its error stream. */
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Console console = parent.console;
        FailOn gate = FailOn.parse(failOn, FailOn.INCOMPLETE, spec.commandLine());
        answers = answerOptions.answers(); // a wrong --set path is a usage error before anything runs
        if (!answers.isEmpty() && !CollectionInput.is(input)) {
            throw answerOptions.usage("--answers and --set apply to a collection (a folder or .zip of exports); " + input
                    + " is a facts document, which states its facts itself: edit it instead");
        }
        // Read the facts on another core while the rules load: both are start-up cost.
        CompletableFuture<TenantFacts> reading = CompletableFuture.supplyAsync(() -> read(console));
        Evaluator evaluator;
        try {
            evaluator = common.evaluator(console, locale.choose(format == ReportFormat.text || format == ReportFormat.html, console), locale);
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
        Report report = report(evaluator, facts, imported);
        String text = format.render(report, evaluator, options(output == null ? common.color.style(console) : Style.PLAIN, all, input, rawInput));
        if (output == null) {
            console.out().print(text);
            console.out().flush();
        } else {
            AtomicOutput.write(output, text.getBytes(StandardCharsets.UTF_8));
        }
        return gate.exitCode(report.verdict() == Verdict.NOT_ELIGIBLE, report.verdict() == Verdict.INCOMPLETE);
    }

    /**
     * The report {@code evaluate} renders for facts it has read: the evaluation, annotated as its
     * input asks (a collection's missing sources, else the next steps). Apart from reading and
     * printing so that a test can compare thousands of tenants with the service's reports through
     * one evaluator per language.
     *
     * @param imported the import the facts came from, or {@code null} for a facts document
     */
    static Report report(Evaluator evaluator, TenantFacts facts, dev.preflight.collection.ImportResult imported) {
        Report report = evaluator.evaluate(facts);
        return imported != null ? CollectionInput.annotate(report, imported) : dev.preflight.collection.NextSteps.add(report, null);
    }

    /** The answers given on the command line (--answers, --set). */
    private volatile dev.preflight.collection.Answers answers;

    /** The import of a collection input, or null for a facts document. */
    private volatile dev.preflight.collection.ImportResult imported;

    /** The input's bytes, kept for SARIF to locate findings in it. */
    private volatile byte[] rawInput;

    private TenantFacts readKeepingBytes(InputStream in, String name) {
        if (format != ReportFormat.sarif) {
            return FactsReader.read(in, name);
        }
        try {
            // One byte past the reader's document limit: a larger input is still rejected by the reader.
            rawInput = in.readNBytes((16 << 20) + 1);
        } catch (IOException e) {
            throw new InputFileException(name + ": cannot be read (" + e.getMessage() + ")");
        }
        return FactsReader.read(new java.io.ByteArrayInputStream(rawInput), name);
    }

    /**
     * How {@code evaluate} renders: SARIF names {@code input} as a relative path with forward
     * slashes or a file: URI, and locates findings in {@code rawInput} (SARIF only, else {@code null}).
     */
    static ReportFormat.Options options(Style style, boolean all, String input, byte[] rawInput) {
        return new ReportFormat.Options(style, all, dev.preflight.report.SarifReport.artifactUri(input), rawInput, Main.version("version"));
    }

    private TenantFacts read(Console console) {
        if (CollectionInput.is(input)) {
            dev.preflight.collection.ImportResult r = CollectionInput.importFrom(input, answers);
            CollectionInput.tell(console.err(), input, r);
            imported = r;
            return FactsReader.read(r.toJson(), input);
        }
        if (input.equals("-")) {
            return readKeepingBytes(console.in(), "-");
        }
        CollectionInput.refuseNonCollectionFolder(input);
        try (InputStream in = Files.newInputStream(Path.of(input))) {
            return readKeepingBytes(in, input);
        } catch (java.io.UncheckedIOException e) {
            // A read that failed part-way is the input's problem (66); exit 74 is for outputs.
            throw new InputFileException(input + ": cannot be read (" + e.getCause().getMessage() + ")");
        } catch (NoSuchFileException e) {
            throw new InputFileException(input + ": no such file");
        } catch (IOException e) {
            throw new InputFileException(input + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
