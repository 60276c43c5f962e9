package dev.preflight.spark;

import dev.preflight.api.CheckResult;
import dev.preflight.api.Finding;
import dev.preflight.api.InvalidFactsException;
import dev.preflight.api.Report;
import dev.preflight.api.Status;
import dev.preflight.batch.BatchResult;
import dev.preflight.report.BatchLines;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The rows a record's result becomes. Every row carries {@code verdict} (the report's verdict, or
 * {@code INVALID} / {@code FAILED} for a record that could not be evaluated, as in the CSV) and
 * {@code outcomes}, the non-passing checks as {@code id|ERROR}, {@code id|WARNING}, {@code id|INFO},
 * {@code id|NOT_EVALUATED} or {@code id|RULE_ERROR}, from which the summary is aggregated.
 */
final class ResultRows {

    static final String INVALID = "INVALID";
    static final String FAILED = "FAILED";

    /** JSON Lines output: the line {@code preflight batch} writes, without its newline. */
    static final StructType LINE_SCHEMA = new StructType(new StructField[] {
        field("origin", DataTypes.StringType),
        field("verdict", DataTypes.StringType),
        DataTypes.createStructField("outcomes", DataTypes.createArrayType(DataTypes.StringType, false), false),
        field("line", DataTypes.StringType)});

    /** One finding, or one check without findings that is not evaluated or whose rule failed. */
    static final StructType FINDING = new StructType(new StructField[] {
        field("check_id", DataTypes.StringType),
        field("status", DataTypes.StringType),
        field("severity", DataTypes.StringType),
        field("subject", DataTypes.StringType),
        field("subject_path", DataTypes.StringType),
        // The same in every language: what to group findings by (null for a check without findings).
        field("message_key", DataTypes.StringType),
        field("message", DataTypes.StringType),
        DataTypes.createStructField("evidence", DataTypes.createArrayType(DataTypes.StringType, false), true),
        field("expected", DataTypes.StringType),
        field("remediation", DataTypes.StringType),
        field("doc_url", DataTypes.StringType)});

    /** Parquet output, a row per tenant (the findings nested until they are written as their own table). */
    static final StructType TENANT_SCHEMA = new StructType(new StructField[] {
        field("origin", DataTypes.StringType),
        field("tenant_id", DataTypes.StringType),
        field("display_name", DataTypes.StringType),
        field("cloud", DataTypes.StringType),
        field("verdict", DataTypes.StringType),
        field("reference_time", DataTypes.StringType),
        field("checks", DataTypes.IntegerType),
        field("passed", DataTypes.IntegerType),
        field("errors", DataTypes.IntegerType),
        field("warnings", DataTypes.IntegerType),
        field("info", DataTypes.IntegerType),
        field("not_evaluated", DataTypes.IntegerType),
        field("evaluation_errors", DataTypes.IntegerType),
        field("rules_hash", DataTypes.StringType),
        field("error_kind", DataTypes.StringType),
        field("error_path", DataTypes.StringType),
        field("error_line", DataTypes.LongType),
        field("error_column", DataTypes.IntegerType),
        field("error_message", DataTypes.StringType),
        DataTypes.createStructField("outcomes", DataTypes.createArrayType(DataTypes.StringType, false), false),
        DataTypes.createStructField("findings", DataTypes.createArrayType(FINDING, false), false)});

    private final BatchLines lines = new BatchLines();

    private static StructField field(String name, org.apache.spark.sql.types.DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    /** The JSON Lines row of a result. */
    Row line(BatchResult r) {
        byte[] bytes = lines.jsonLine(r);
        String line = new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
        return RowFactory.create(r.origin(), verdict(r), outcomes(r), line);
    }

    /** The Parquet row of a result. */
    Row tenant(BatchResult r) {
        if (r instanceof BatchResult.Evaluated e) {
            Report rep = e.report();
            Report.Summary s = rep.summary();
            return RowFactory.create(e.origin(), rep.tenant().tenantId(), rep.tenant().displayName(), rep.tenant().cloud(),
                    rep.verdict().name(), rep.referenceTime().toString(), s.checks(), s.passed(), s.errors(), s.warnings(),
                    s.info(), s.notEvaluated(), s.evaluationErrors(), rep.rules().hash(), null, null, null, null, null,
                    outcomes(r), findings(rep));
        } else if (r instanceof BatchResult.Invalid i) {
            InvalidFactsException x = i.error();
            return RowFactory.create(i.origin(), i.tenantId(), null, null, INVALID, null, null, null, null, null, null, null, null,
                    null, "invalid-input", x.path(), (long) x.line(), x.column(), x.problem(), outcomes(r), new Row[0]);
        } else {
            String message = r instanceof BatchResult.Failed f ? f.message() : "not evaluated";
            return RowFactory.create(r.origin(), null, null, null, FAILED, null, null, null, null, null, null, null, null,
                    null, "evaluation-failed", null, null, null, message, outcomes(r), new Row[0]);
        }
    }

    private static Row[] findings(Report rep) {
        List<Row> out = new ArrayList<>();
        for (CheckResult c : rep.checks()) {
            if (c.status() == Status.PASS) {
                continue;
            }
            for (Finding f : c.findings()) {
                out.add(RowFactory.create(c.id(), c.status().name(), f.severity().name(), f.subject(), f.subjectPath(), f.key(),
                        f.message(), f.evidence().toArray(new String[0]), f.expected(), f.remediation(), f.docUrl()));
            }
            if (c.findings().isEmpty()) {
                String message = c.status() == Status.NOT_EVALUATED
                        ? "missing: " + String.join("; ", c.missing().stream().map(m -> m.path() + " (" + m.reason() + ")").toList())
                        : "a rule of this check failed while running";
                out.add(RowFactory.create(c.id(), c.status().name(), null, null, null, null, message, null, null, null, c.docUrl()));
            }
        }
        return out.toArray(new Row[0]);
    }

    static String verdict(BatchResult r) {
        if (r instanceof BatchResult.Evaluated e) {
            return e.report().verdict().name();
        }
        return r instanceof BatchResult.Invalid ? INVALID : FAILED;
    }

    /** The non-passing checks, for the summary's per-check counts. */
    static String[] outcomes(BatchResult r) {
        if (!(r instanceof BatchResult.Evaluated e)) {
            return new String[0];
        }
        List<String> out = new ArrayList<>();
        for (CheckResult c : e.report().checks()) {
            switch (c.status()) {
                case FAIL -> out.add(c.id() + "|" + c.severity().name());
                case NOT_EVALUATED -> out.add(c.id() + "|NOT_EVALUATED");
                case ERROR -> out.add(c.id() + "|RULE_ERROR");
                default -> {
                }
            }
        }
        return out.toArray(new String[0]);
    }
}
