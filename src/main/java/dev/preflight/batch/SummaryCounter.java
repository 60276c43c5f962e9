package dev.preflight.batch;

import dev.preflight.api.CheckResult;
import dev.preflight.api.Report;
import dev.preflight.api.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts results for a {@link BatchSummary}. Not thread-safe: one per worker, merged at the end,
 * so that workers never contend; or one in the thread that writes results in order, whose state
 * can be saved with a checkpoint and restored to resume a batch.
 */
public final class SummaryCounter {

    long evaluated;
    long valid;
    long invalid;
    long failed;
    final long[] verdicts = new long[dev.preflight.api.Verdict.values().length];
    /** Per check id: error, warning, info, not evaluated, rule errors. */
    final Map<String, long[]> checks = new LinkedHashMap<>();

    /** An empty counter. */
    public SummaryCounter() {
    }

    /**
     * The counts as plain values (for a checkpoint).
     *
     * @param evaluated records evaluated
     * @param valid     records read and valid, not evaluated
     * @param invalid   records rejected
     * @param failed    records whose evaluation failed
     * @param verdicts  count per verdict, in {@link dev.preflight.api.Verdict} order
     * @param checks    per check id: error, warning, info, not evaluated, rule errors
     */
    public record State(long evaluated, long valid, long invalid, long failed, long[] verdicts, Map<String, long[]> checks) {
    }

    /** The counts so far. */
    public State state() {
        Map<String, long[]> c = new LinkedHashMap<>();
        checks.forEach((id, n) -> c.put(id, n.clone()));
        return new State(evaluated, valid, invalid, failed, verdicts.clone(), c);
    }

    /** A counter that continues from saved counts. */
    public static SummaryCounter of(State state) {
        SummaryCounter c = new SummaryCounter();
        c.evaluated = state.evaluated();
        c.valid = state.valid();
        c.invalid = state.invalid();
        c.failed = state.failed();
        System.arraycopy(state.verdicts(), 0, c.verdicts, 0, Math.min(c.verdicts.length, state.verdicts().length));
        state.checks().forEach((id, n) -> c.checks.put(id, java.util.Arrays.copyOf(n, 5)));
        return c;
    }

    /** Counts one result. */
    public void count(BatchResult r) {
        if (r instanceof BatchResult.Evaluated e) {
            count(e.report());
        } else if (r instanceof BatchResult.Read) {
            valid++;
        } else if (r instanceof BatchResult.Invalid) {
            invalid++;
        } else {
            failed++;
        }
    }

    private void count(Report report) {
        evaluated++;
        verdicts[report.verdict().ordinal()]++;
        for (CheckResult c : report.checks()) {
            long[] n = checks.computeIfAbsent(c.id(), k -> new long[5]);
            if (c.status() == Status.FAIL) {
                n[c.severity().ordinal()]++;
            } else if (c.status() == Status.NOT_EVALUATED) {
                n[3]++;
            } else if (c.status() == Status.ERROR) {
                n[4]++;
            }
        }
    }

    void add(SummaryCounter other) {
        evaluated += other.evaluated;
        valid += other.valid;
        invalid += other.invalid;
        failed += other.failed;
        for (int i = 0; i < verdicts.length; i++) {
            verdicts[i] += other.verdicts[i];
        }
        other.checks.forEach((id, n) -> {
            long[] mine = checks.computeIfAbsent(id, k -> new long[5]);
            for (int i = 0; i < n.length; i++) {
                mine[i] += n[i];
            }
        });
    }

    /**
     * The summary of what was counted.
     *
     * @param records        records in all
     * @param cancelled      whether the batch stopped early
     * @param wallSeconds    its wall time
     * @param threads        its worker threads
     * @param catalogueOrder check ids in catalogue order, for the per-check counts
     */
    public BatchSummary summary(long records, boolean cancelled, double wallSeconds, int threads, List<String> catalogueOrder) {
        Map<String, Long> v = new LinkedHashMap<>();
        for (dev.preflight.api.Verdict verdict : dev.preflight.api.Verdict.values()) {
            v.put(verdict.name(), verdicts[verdict.ordinal()]);
        }
        Map<String, BatchSummary.CheckCounts> c = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(catalogueOrder);
        checks.keySet().stream().filter(id -> !order.contains(id)).forEach(order::add);
        for (String id : order) {
            long[] n = checks.getOrDefault(id, new long[5]);
            c.put(id, new BatchSummary.CheckCounts(n[0], n[1], n[2], n[3], n[4]));
        }
        List<BatchSummary.Blocker> blockers = c.entrySet().stream()
                .filter(e -> e.getValue().error() > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, BatchSummary.CheckCounts> e) -> -e.getValue().error()).thenComparing(Map.Entry::getKey))
                .limit(10)
                .map(e -> new BatchSummary.Blocker(e.getKey(), e.getValue().error()))
                .toList();
        return new BatchSummary(records, evaluated, valid, invalid, failed, v, c, blockers, cancelled, wallSeconds,
                wallSeconds > 0 ? records / wallSeconds : 0, threads);
    }
}
