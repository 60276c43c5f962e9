package dev.preflight.api;

/** How serious a finding is. */
public enum Severity {
    /** A prerequisite is not met: writeback will not work. Any ERROR makes the verdict NOT_ELIGIBLE. */
    ERROR,
    /** Met, but at risk: outdated, unsupported, or a known cause of intermittent failure. */
    WARNING,
    /** Advice a support engineer should read; never changes the verdict. */
    INFO
}
