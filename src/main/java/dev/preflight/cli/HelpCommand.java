package dev.preflight.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code preflight help [COMMAND...]}, as {@code git help}: the help of the command named, the same
 * text {@code COMMAND --help} prints, on standard output with exit code 0; without a command, the
 * list of commands. {@code help rules check} names a subcommand.
 */
@Command(name = "help",
        helpCommand = true,
        description = {"Prints the help of a command, the same as COMMAND --help, or the list of commands.",
            "For a subcommand, name both: help rules check."},
        exitCodeOnInvalidInput = ExitCodes.USAGE)
final class HelpCommand implements Runnable, CommandLine.IHelpCommandInitializable2 {

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command (and subcommand) to show the help of.")
    private List<String> names = new ArrayList<>();

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    private CommandLine self;
    private CommandLine.Help.ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = out;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        for (String name : names) {
            CommandLine sub = target.getSubcommands().get(name);
            if (sub == null) {
                throw new CommandLine.ParameterException(self, "unknown command '" + name + "'"
                        + (target.getSubcommands().isEmpty() ? ": " + target.getCommandName() + " has no subcommands"
                        : "; the commands of " + target.getCommandName() + " are " + String.join(", ", target.getSubcommands().keySet())));
            }
            target = sub;
        }
        target.usage(out, colors);
        out.flush();
    }
}
