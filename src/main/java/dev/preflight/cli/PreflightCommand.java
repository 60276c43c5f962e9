package dev.preflight.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The top-level {@code preflight} command. */
@Command(name = "preflight",
        mixinStandardHelpOptions = true,
        versionProvider = PreflightCommand.Version.class,
        description = "Decides whether a Microsoft Entra ID tenant is ready for self-service password reset with password writeback.",
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        commandListHeading = "%nCommands:%n",
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

    /**
     * The commands, in the order the usage lists them. Not in the annotation: picocli reflects over
     * every subcommand it is given, and a one-shot run needs only the one it runs (see {@link #commandLine}).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(EvaluateCommand.class, ImportCommand.class, BatchCommand.class,
            RulesCommand.class, GenerateCommand.class, DiffCommand.class, ReportCommand.class, HelpCommand.class);

    /** Usage errors go through the command line that runs this command, to its error stream. */
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    final Console console;

    PreflightCommand(Console console) {
        this.console = console;
    }

    /**
     * The command line for these arguments. Building picocli's model of all seven commands is
     * about a quarter of a one-shot {@code evaluate}'s start-up; when the first argument names a
     * command, only that one is built. Anything else (no command, {@code --help}, {@code help}, a typo) gets them all,
     * so usage and suggestions list every command.
     */
    CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(this);
        String first = args.length > 0 ? args[0] : "";
        // help names another command: it needs them all, as a typo does.
        List<Class<?>> named = first.equals("help") ? List.of()
                : SUBCOMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(first)).toList();
        for (Class<?> c : named.isEmpty() ? SUBCOMMANDS : named) {
            cl.addSubcommand(c);
        }
        return cl;
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
