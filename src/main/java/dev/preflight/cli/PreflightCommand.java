package dev.preflight.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The top-level {@code preflight} command. */
@Command(name = "preflight",
        mixinStandardHelpOptions = true,
        versionProvider = PreflightCommand.Version.class,
        description = "Decides whether a Microsoft Entra ID tenant is ready for self-service password reset with password writeback.",
        subcommands = {EvaluateCommand.class, ImportCommand.class, BatchCommand.class, RulesCommand.class, GenerateCommand.class, DiffCommand.class, ReportCommand.class},
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ELIGIBLE (other commands: success)",
            "1:NOT_ELIGIBLE (rules test: a case failed)",
            "2:INCOMPLETE",
            "3:invalid input facts or invalid rules",
            "64:usage error",
            "65:the collection cannot be read at all (not a collection, an unsafe or corrupt zip)",
            "66:an input file cannot be opened",
            "70:internal error",
            "74:an output cannot be written",
            "78:invalid waivers file"})
final class PreflightCommand implements Runnable {

    /** Usage errors go through the command line that runs this command, to its error stream. */
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    final Console console;

    PreflightCommand(Console console) {
        this.console = console;
    }

    @Override
    public void run() {
        // No subcommand: picocli prints usage (see Main).
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Reads the version written into the jar at build time. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"preflight " + Main.version("version"), "Drools " + Main.version("drools"), "Java " + System.getProperty("java.version")};
        }
    }
}
