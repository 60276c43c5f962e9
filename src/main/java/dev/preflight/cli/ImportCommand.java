package dev.preflight.cli;

import dev.preflight.collection.ImportResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code preflight import COLLECTION}: a collection of exports to a tenant-facts document with its provenance. */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        description = {"Reads a collection of Graph responses and PowerShell exports (a folder or .zip) and writes the "
                + "tenant's facts with their provenance.",
            "The provenance says where each fact came from and why each missing one is missing (docs/collecting.md).",
            "A summary goes to standard error."},
        exitCodeOnInvalidInput = ExitCodes.USAGE)
final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    private PreflightCommand parent;

    @Mixin
    private AnswerOptions answerOptions;

    @Parameters(paramLabel = "COLLECTION", description = "A collection folder or .zip.")
    private Path collection;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the facts to FILE (replaced atomically) instead of standard output.")
    private Path output;

    @Option(names = {"-q", "--quiet"}, description = "No summary on standard error.")
    private boolean quiet;

    @Option(names = "--answers-template", paramLabel = "FILE", description = "Also write an answers template to FILE (replaced atomically): every fact a person states, for "
            + "the users and forests the exports found, null where nobody answered yet.")
    private Path answersTemplate;

    @Override
    public Integer call() throws java.io.IOException {
        Console console = parent.console;
        ImportResult r = CollectionInput.importFrom(collection.toString(), answerOptions.answers());
        String json = r.toPrettyJson() + System.lineSeparator();
        if (output == null) {
            console.out().print(json);
            console.out().flush();
        } else {
            AtomicOutput.write(output, json.getBytes(StandardCharsets.UTF_8));
        }
        if (answersTemplate != null) {
            String template = dev.preflight.collection.Answers.template(r.document()).toPrettyString() + System.lineSeparator();
            AtomicOutput.write(answersTemplate, template.getBytes(StandardCharsets.UTF_8));
        }
        if (!quiet) {
            console.err().print(r.summary());
            console.err().flush();
        }
        return ExitCodes.ELIGIBLE;
    }
}
