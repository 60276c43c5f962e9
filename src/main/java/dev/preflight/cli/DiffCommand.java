package dev.preflight.cli;

import dev.preflight.report.DiffReport;
import dev.preflight.report.Style;
import dev.preflight.results.ResultsDiff;
import dev.preflight.results.ResultsReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code preflight diff OLD NEW}: what changed between two reports or two batch runs. */
@Command(name = "diff",
        mixinStandardHelpOptions = true,
        description = {"Compares two reports (evaluate --format json) or two batch outputs (JSON Lines), tenant by tenant.",
            "It lists each tenant's verdict change and the findings new, resolved or changed in severity, "
                    + "matched by check id and subject. Exit code 1 when something got worse, unless --fail-on none."},
        exitCodeOnInvalidInput = ExitCodes.USAGE)
final class DiffCommand implements Callable<Integer> {

    @ParentCommand
    private PreflightCommand parent;

    @Parameters(index = "0", paramLabel = "OLD", description = "The earlier report or batch output.")
    private Path oldFile;

    @Parameters(index = "1", paramLabel = "NEW", description = "The later report or batch output.")
    private Path newFile;

    @Option(names = "--format", paramLabel = "text|json|html", defaultValue = "text", description = "Output format (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    private Path output;

    @Mixin
    private ColorOption color;

    @Mixin
    private LocaleOption locale;

    @Option(names = "--fail-on", paramLabel = "worse|none", defaultValue = "worse", description = "worse (default): exit 1 when something got worse (a worse verdict, a new finding not waived, a "
            + "higher severity); none: exit 0 whatever changed, for a CI step that uploads the diff.")
    private String failOn;

    /** Usage errors go through the command line that runs this command, to its error stream. */
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    /** Output formats. */
    enum Format { text, json, html }

    @Override
    public Integer call() throws IOException {
        Console console = parent.console;
        if (!failOn.equals("worse") && !failOn.equals("none")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--fail-on must be worse or none, not '" + failOn + "'");
        }
        for (Path p : new Path[] {oldFile, newFile}) {
            if (!Files.isRegularFile(p)) {
                throw new InputFileException(p + ": no such file");
            }
        }
        // Text and HTML are read by people; JSON stays English whatever --locale says, like every machine format.
        dev.preflight.api.Texts texts = locale.texts(console);
        ResultsDiff diff;
        try {
            diff = ResultsDiff.of(oldFile, newFile);
        } catch (ResultsReader.InvalidResultsException e) {
            console.err().println("preflight: invalid results: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        String text = switch (format) {
            case text -> DiffReport.text(diff, texts, output == null ? color.style(console) : Style.PLAIN);
            case json -> DiffReport.json(diff);
            case html -> DiffReport.html(diff, oldFile.toString(), newFile.toString(), texts);
        };
        if (output == null) {
            console.out().print(text);
            console.out().flush();
        } else {
            AtomicOutput.write(output, text.getBytes(StandardCharsets.UTF_8));
        }
        return diff.worse() > 0 && failOn.equals("worse") ? ExitCodes.NOT_ELIGIBLE : ExitCodes.ELIGIBLE;
    }
}
