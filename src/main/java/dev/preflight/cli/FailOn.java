package dev.preflight.cli;

import picocli.CommandLine;

/**
 * The CI gate of {@code --fail-on}: which verdicts make the exit code non-zero. {@code evaluate}
 * and {@code batch} share it, so that a CI step can write its JUnit or SARIF file and still pass
 * ({@code none}), fail only on {@code NOT_ELIGIBLE} ({@code not-eligible}), or on
 * {@code INCOMPLETE} too ({@code incomplete}).
 */
enum FailOn {
    NONE("none"), NOT_ELIGIBLE("not-eligible"), INCOMPLETE("incomplete");

    final String word;

    FailOn(String word) {
        this.word = word;
    }

    /** The gate an option's value names; a usage error (exit 64) for any other word. */
    static FailOn parse(String value, FailOn absent, CommandLine commandLine) {
        if (value == null) {
            return absent;
        }
        for (FailOn f : values()) {
            if (f.word.equals(value)) {
                return f;
            }
        }
        throw new CommandLine.ParameterException(commandLine, "--fail-on must be none, not-eligible or incomplete, not '" + value + "'");
    }

    /** The exit code when some tenants were not eligible or incomplete: 1, 2 or 0 as this gate says. */
    int exitCode(boolean anyNotEligible, boolean anyIncomplete) {
        if (this != NONE && anyNotEligible) {
            return ExitCodes.NOT_ELIGIBLE;
        }
        if (this == INCOMPLETE && anyIncomplete) {
            return ExitCodes.INCOMPLETE;
        }
        return ExitCodes.ELIGIBLE;
    }
}
