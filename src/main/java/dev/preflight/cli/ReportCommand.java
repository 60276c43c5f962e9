package dev.preflight.cli;

import dev.preflight.api.Texts;
import dev.preflight.report.FleetPage;
import dev.preflight.results.ResultsReader;
import dev.preflight.results.TenantSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code preflight report RESULTS -o fleet.html}: the fleet page of a batch's results. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = {"Writes the fleet page of batch results (JSON Lines, .gz too) or of a report: one self-contained HTML file.",
            "The page shows the verdict distribution, the checks blocking most tenants, failures by area, "
                    + "and a tenant table that sorts, filters and searches. Streams the results: any number of "
                    + "tenants in constant memory."},
        exitCodeOnInvalidInput = ExitCodes.USAGE)
final class ReportCommand implements Callable<Integer> {

    @ParentCommand
    private PreflightCommand parent;

    @Parameters(paramLabel = "RESULTS", description = "Batch results (JSON Lines) or a report (evaluate --format json).")
    private Path results;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the page to FILE (replaced atomically) instead of standard output.")
    private Path output;

    @Mixin
    private LocaleOption locale;

    @Override
    public Integer call() throws IOException {
        Console console = parent.console;
        Texts texts = locale.texts(console);
        if (!Files.isRegularFile(results)) {
            throw new InputFileException(results + ": no such file");
        }
        try (ResultsReader in = ResultsReader.open(results)) {
            if (output == null) {
                write(in, console.out(), texts);
                console.out().flush();
            } else {
                try (AtomicOutput out = new AtomicOutput(output)) {
                    write(in, out.stream(), texts);
                    out.commit();
                }
            }
        } catch (ResultsReader.InvalidResultsException e) {
            console.err().println("preflight: invalid results: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        return ExitCodes.ELIGIBLE;
    }

    private void write(ResultsReader in, OutputStream out, Texts texts) {
        // The first record before the page starts: a file of the wrong kind is refused with nothing written.
        TenantSummary first = in.hasNext() ? in.next() : null;
        try (FleetPage page = new FleetPage(out, results.getFileName().toString(), texts)) {
            if (first != null) {
                page.add(first);
            }
            in.forEachRemaining(page::add);
        }
    }
}
