package dev.preflight.batch;

import dev.preflight.api.InvalidFactsException;
import dev.preflight.api.Report;

/** The outcome of one record: evaluated, rejected as invalid input, or failed unexpectedly. */
public sealed interface BatchResult permits BatchResult.Evaluated, BatchResult.Read, BatchResult.Invalid, BatchResult.Failed {

    /** The record's position in the input, from 0. */
    long index();

    /** Where the record came from. */
    String origin();

    /**
     * A record evaluated.
     *
     * @param index  its position, from 0
     * @param origin where it came from
     * @param report its report
     */
    record Evaluated(long index, String origin, Report report) implements BatchResult {
    }

    /**
     * A record read and validated but not evaluated ({@link BatchEvaluator#validateOnly}).
     *
     * @param index    its position, from 0
     * @param origin   where it came from
     * @param tenantId its tenant id, or {@code null}
     */
    record Read(long index, String origin, String tenantId) implements BatchResult {
    }

    /**
     * A record whose facts could not be read: wrong JSON, a wrong type, an unparsable value.
     *
     * @param index    its position, from 0
     * @param origin   where it came from
     * @param error    what is wrong and where (field path, line and column within the record)
     * @param tenantId the tenant id, when it could still be read, or {@code null}
     */
    record Invalid(long index, String origin, InvalidFactsException error, String tenantId) implements BatchResult {
    }

    /**
     * A record whose evaluation failed unexpectedly; the batch went on.
     *
     * @param index   its position, from 0
     * @param origin  where it came from
     * @param message what went wrong
     */
    record Failed(long index, String origin, String message) implements BatchResult {
    }
}
