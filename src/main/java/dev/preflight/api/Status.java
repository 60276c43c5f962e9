package dev.preflight.api;

/** The outcome of one check. */
public enum Status {
    /** The prerequisite is met. */
    PASS,
    /** The prerequisite is not met; the check's severity says how badly. */
    FAIL,
    /** A fact the check needs was not collected; {@link CheckResult#missing()} names it. */
    NOT_EVALUATED,
    /** A rule of the check failed while running; the report's {@code errors} say which and why. */
    ERROR
}
