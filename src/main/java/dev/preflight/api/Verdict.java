package dev.preflight.api;

/** The answer to "is this tenant ready for password writeback?". */
public enum Verdict {
    /** Every check that can raise an error passed; warnings and advice do not change this. */
    ELIGIBLE,
    /** At least one check failed with severity ERROR: writeback will not work. */
    NOT_ELIGIBLE,
    /** No error, but a check that can raise one could not be evaluated. */
    INCOMPLETE
}
