package dev.preflight.spark;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.preflight.api.Verdict;
import dev.preflight.batch.BatchSummary;
import dev.preflight.batch.SummaryCounter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * The summary of {@code batch --summary}, aggregated by Spark over the result rows as they are
 * written (an {@link org.apache.spark.sql.Observation}: one pass, counted from the tasks that
 * succeeded): records, verdicts, and per check of the catalogue how often it failed by severity,
 * was not evaluated, or had a rule fail. The core's {@link SummaryCounter} then derives the top
 * blockers exactly as the command line does.
 */
final class SparkSummary {

    /** The per-check categories, in the order of {@link SummaryCounter.State#checks()}. */
    private static final String[] CATEGORIES = {"ERROR", "WARNING", "INFO", "NOT_EVALUATED", "RULE_ERROR"};

    private final List<String> checkIds;

    SparkSummary(List<String> checkIds) {
        this.checkIds = List.copyOf(checkIds);
    }

    /** The aggregate columns, over rows with {@code verdict} and {@code outcomes}. */
    List<Column> columns() {
        List<Column> cols = new ArrayList<>();
        cols.add(count(lit(1)).as("records"));
        cols.add(countIf(col("verdict").equalTo(ResultRows.INVALID)).as("invalid"));
        cols.add(countIf(col("verdict").equalTo(ResultRows.FAILED)).as("failed"));
        for (Verdict v : Verdict.values()) {
            cols.add(countIf(col("verdict").equalTo(v.name())).as("verdict " + v.name()));
        }
        for (int i = 0; i < checkIds.size(); i++) {
            for (String category : CATEGORIES) {
                cols.add(countIf(array_contains(col("outcomes"), checkIds.get(i) + "|" + category)).as("check " + i + " " + category));
            }
        }
        return cols;
    }

    private static Column countIf(Column condition) {
        return sum(when(condition, 1L).otherwise(0L));
    }

    /** The summary from the aggregated values. */
    BatchSummary summary(Map<String, Object> values, double wallSeconds, int parallelism) {
        long records = value(values, "records");
        long[] verdicts = new long[Verdict.values().length];
        long evaluated = 0;
        for (Verdict v : Verdict.values()) {
            verdicts[v.ordinal()] = value(values, "verdict " + v.name());
            evaluated += verdicts[v.ordinal()];
        }
        Map<String, long[]> checks = new LinkedHashMap<>();
        for (int i = 0; i < checkIds.size(); i++) {
            long[] n = new long[CATEGORIES.length];
            for (int c = 0; c < CATEGORIES.length; c++) {
                n[c] = value(values, "check " + i + " " + CATEGORIES[c]);
            }
            checks.put(checkIds.get(i), n);
        }
        SummaryCounter.State state = new SummaryCounter.State(evaluated, 0, value(values, "invalid"), value(values, "failed"), verdicts, checks);
        return SummaryCounter.of(state).summary(records, false, wallSeconds, parallelism, checkIds);
    }

    private static long value(Map<String, Object> values, String name) {
        Object v = values.get(name);
        return v == null ? 0 : ((Number) v).longValue();
    }
}
