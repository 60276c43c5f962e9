package dev.preflight.cli;

import java.util.Map;

/** {@link Cli} for tests of other packages. */
public record ConsoleRun(int exitCode, String out, String err) {

    /** Runs the command line in-process with captured streams. */
    public static ConsoleRun run(String... args) {
        Cli.Result r = Cli.run(new byte[0], Map.of(), false, args);
        return new ConsoleRun(r.exitCode(), r.out(), r.err());
    }
}
