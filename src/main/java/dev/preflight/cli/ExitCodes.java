package dev.preflight.cli;

import dev.preflight.api.Verdict;

/** The command line's exit codes, documented in the README. */
public final class ExitCodes {
    /** The tenant is eligible; for other commands, success. */
    public static final int ELIGIBLE = 0;
    /** The tenant is not eligible; {@code rules test}: a case failed. */
    public static final int NOT_ELIGIBLE = 1;
    /** The verdict is incomplete. */
    public static final int INCOMPLETE = 2;
    /** Invalid input facts or invalid rules. */
    public static final int INVALID = 3;
    /** Wrong command-line usage (sysexits EX_USAGE). */
    public static final int USAGE = 64;
    /** A collection that cannot be read at all: not a collection, an unsafe or corrupt zip (sysexits EX_DATAERR). */
    public static final int UNUSABLE_COLLECTION = 65;
    /** An input file cannot be opened (sysexits EX_NOINPUT). */
    public static final int NO_INPUT = 66;
    /** An unexpected internal error (sysexits EX_SOFTWARE). */
    public static final int INTERNAL = 70;
    /** An output cannot be written (sysexits EX_IOERR). */
    public static final int IO_ERROR = 74;
    /** An invalid waivers file (sysexits EX_CONFIG): the message names file, line and column. */
    public static final int INVALID_WAIVERS = 78;

    private ExitCodes() {
    }

    /** The exit code of a verdict. */
    public static int of(Verdict verdict) {
        return switch (verdict) {
            case ELIGIBLE -> ELIGIBLE;
            case NOT_ELIGIBLE -> NOT_ELIGIBLE;
            case INCOMPLETE -> INCOMPLETE;
        };
    }
}
