package dev.preflight.batch;

import dev.preflight.api.PreflightException;

/**
 * A batch stopped before its end: the input could not be read, or a result could not be written.
 * Records delivered before it stay delivered; {@link #delivered()} says how many.
 */
public class BatchException extends PreflightException {

    private static final long serialVersionUID = 1L;

    /** What stopped the batch. */
    public enum Kind {
        /** The input could not be read. */
        INPUT,
        /** A result could not be delivered (the sink failed: disk full, closed pipe). */
        OUTPUT,
        /** Something else. */
        INTERNAL
    }

    private final long delivered;
    private final Kind kind;

    public BatchException(Kind kind, String message, long delivered, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.delivered = delivered;
    }

    /** What stopped the batch. */
    public Kind kind() {
        return kind;
    }

    /** How many results were delivered, in order, before the batch stopped. */
    public long delivered() {
        return delivered;
    }
}
