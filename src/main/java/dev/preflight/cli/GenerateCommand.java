package dev.preflight.cli;

import dev.preflight.generate.TenantGenerator;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code preflight generate --count N --seed S}: realistic tenants as JSON Lines. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = {"Writes generated tenants as JSON Lines, for tests, demos and benchmarks.",
            "Sizes and names vary, and each record gets a few defects: about half are eligible, a third not "
                    + "eligible, the rest incomplete; each record's \"generator\" field says which defects it got and "
                    + "the verdict they imply."},
        exitCodeOnInvalidInput = ExitCodes.USAGE)
final class GenerateCommand implements Callable<Integer> {

    /** Usage errors go through the command line that runs this command, to its error stream. */
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    private PreflightCommand parent;

    @Option(names = {"-n", "--count"}, paramLabel = "N", required = true, description = "How many tenants.")
    private long count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "The seed: the same seed gives the same tenants (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (compressed when it ends in .gz) instead of standard output.")
    private Path output;

    @Override
    public Integer call() throws Exception {
        if (count < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--count must not be negative");
        }
        TenantGenerator generator = new TenantGenerator(seed);
        AtomicOutput file = output == null ? null : new AtomicOutput(output);
        try {
            OutputStream raw = file == null ? parent.console.out() : file.stream();
            OutputStream out = output != null && output.toString().endsWith(".gz")
                    ? new GZIPOutputStream(raw, 1 << 16) : new BufferedOutputStream(raw, 1 << 20);
            for (long i = 0; i < count; i++) {
                out.write(generator.line(i).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
            if (out instanceof GZIPOutputStream gz) {
                gz.finish();
            }
            out.flush();
            if (file != null) {
                file.commit();
            }
        } finally {
            if (file != null) {
                file.close();
            }
        }
        return ExitCodes.ELIGIBLE;
    }
}
