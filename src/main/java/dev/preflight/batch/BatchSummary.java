package dev.preflight.batch;

import java.util.List;
import java.util.Map;

/**
 * What a batch did: how many records, their verdicts, per check how often it failed (by severity)
 * or could not be evaluated, the checks that blocked most tenants, and how fast it went.
 *
 * @param records        records read
 * @param evaluated      records evaluated
 * @param validated      records read and valid, not evaluated (validate-only batches)
 * @param invalid        records rejected as invalid input
 * @param failed         records whose evaluation failed unexpectedly
 * @param verdicts       verdict name to count
 * @param checks         check id to its counts
 * @param topBlockers    the checks with the most ERROR findings, most first (at most ten)
 * @param cancelled      whether the batch was cancelled before the end
 * @param wallSeconds    wall time of the run
 * @param recordsPerSecond records per second over the run
 * @param threads        evaluation threads used
 */
public record BatchSummary(long records, long evaluated, long validated, long invalid, long failed, Map<String, Long> verdicts,
                           Map<String, CheckCounts> checks, List<Blocker> topBlockers, boolean cancelled,
                           double wallSeconds, double recordsPerSecond, int threads) {

    /**
     * How one check fared over the batch.
     *
     * @param error        tenants it failed with severity ERROR
     * @param warning      tenants it failed with severity WARNING
     * @param info         tenants it failed with severity INFO
     * @param notEvaluated tenants for which it could not be evaluated
     * @param ruleErrors   tenants for which one of its rules failed while running
     */
    public record CheckCounts(long error, long warning, long info, long notEvaluated, long ruleErrors) {
    }

    /**
     * A check that made tenants not eligible.
     *
     * @param checkId the check
     * @param tenants how many tenants it failed with an ERROR
     */
    public record Blocker(String checkId, long tenants) {
    }
}
