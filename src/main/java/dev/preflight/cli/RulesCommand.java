package dev.preflight.cli;

import picocli.CommandLine.Command;

/** {@code preflight rules ...}: tools for the analysts who keep the rules. */
@Command(name = "rules",
        mixinStandardHelpOptions = true,
        description = "Checks, lists and tests a rules directory (default: the rules built into the jar).",
        subcommands = {RulesCheckCommand.class, RulesListCommand.class, RulesTestCommand.class},
        commandListHeading = "%nCommands:%n",
        exitCodeOnInvalidInput = ExitCodes.USAGE)
final class RulesCommand implements Runnable {

    @picocli.CommandLine.ParentCommand
    PreflightCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a rules command is required: check, list or test");
    }
}
