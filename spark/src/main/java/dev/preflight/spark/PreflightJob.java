package dev.preflight.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.preflight.api.CheckInfo;
import dev.preflight.api.Evaluator;
import dev.preflight.api.InvalidRulesException;
import dev.preflight.api.RuleProblem;
import dev.preflight.batch.BatchEvaluator;
import dev.preflight.batch.BatchInputs;
import dev.preflight.batch.BatchRecord;
import dev.preflight.batch.BatchResult;
import dev.preflight.batch.BatchSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spark-submit --class dev.preflight.spark.PreflightJob preflight-spark.jar INPUT... -o OUTPUT}:
 * the evaluation of {@code preflight batch}, as a Spark job. Every input record gives exactly one
 * result row; the job counts the records it reads and the rows it writes and fails if they
 * differ.
 */
@Command(name = "preflight-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluates many tenants on Spark: one result per input record, the same as `preflight batch`."})
public final class PreflightJob implements Callable<Integer> {

    /** Exit codes, as the command line's where they mean the same. */
    static final int OK = 0;
    static final int INVALID_RULES = 3;
    static final int USAGE = 64;
    static final int NO_INPUT = 66;
    /** Records lost (rows in differ from rows out), or a task failed for good. */
    static final int FAILED = 70;
    static final int IO_ERROR = 74;

    @Parameters(paramLabel = "INPUT", arity = "1..*", description = {
        "Files, directories or globs on any file system Spark reads (file:, hdfs:, abfss:, s3a:...)."})
    List<String> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PATH", description = "Where to write the results (a directory, as Spark writes).")
    String output;

    @Option(names = "--input-format", paramLabel = "jsonl|parquet|FORMAT", defaultValue = "jsonl", description = {
        "jsonl: JSON Lines, plain or gzip (default); parquet, or another Spark table format such as delta:",
        "a table with one JSON document per row in --json-column."})
    String inputFormat;

    @Option(names = "--json-column", paramLabel = "NAME", defaultValue = "json", description = "The column holding each tenant's facts as JSON (default: ${DEFAULT-VALUE}).")
    String jsonColumn;

    @Option(names = "--output-format", paramLabel = "jsonl|parquet", defaultValue = "jsonl", description = {
        "jsonl: the lines of `preflight batch` (default); parquet: PATH/tenants (a row per record)",
        "and PATH/findings (a row per finding, and per check not evaluated)."})
    String outputFormat;

    @Option(names = "--rules", paramLabel = "DIR", description = "Rules directory (on any file system the driver reads) instead of the rules in the jar.")
    String rules;

    @Option(names = "--summary", paramLabel = "FILE", description = "Also write the summary of `batch --summary` as JSON to FILE (any file system).")
    String summaryFile;

    @Option(names = "--split-size", paramLabel = "BYTES", defaultValue = "64m", description = "Plain JSON Lines files are read in ranges of this size, in parallel (default: ${DEFAULT-VALUE}).")
    String splitSize;

    @Option(names = "--mode", paramLabel = "errorifexists|overwrite", defaultValue = "errorifexists", description = "When the output exists: fail (default) or replace it.")
    String mode;

    @Option(names = "--compression", paramLabel = "CODEC", description = "Output compression (jsonl: none, gzip, zstd...; parquet: snappy, zstd...); Spark's default when not given.")
    String compression;

    private SparkSession spark;
    private PrintStream err;

    /**
     * The entry point of spark-submit and of a Databricks JAR task. A failure is thrown, not an
     * exit: spark-submit then exits with 1, and Databricks, whose JVM is shared and must not be
     * exited nor its session stopped, marks the run failed. Outside Databricks the session is
     * stopped at the end.
     */
    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("preflight").getOrCreate();
        int code;
        try {
            code = run(spark, System.err, args);
        } finally {
            if (System.getenv("DATABRICKS_RUNTIME_VERSION") == null) {
                spark.stop();
            }
        }
        if (code != OK) {
            throw new IllegalStateException("preflight-spark failed with exit code " + code + " (see the messages above)");
        }
    }

    /** Runs the job in a session (for tests and notebooks); returns the exit code. */
    public static int run(SparkSession spark, PrintStream err, String... args) {
        PreflightJob job = new PreflightJob();
        job.spark = spark;
        job.err = err;
        CommandLine cli = new CommandLine(job);
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setOut(new java.io.PrintWriter(err, true));
        cli.setExitCodeExceptionMapper(e -> FAILED);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("preflight-spark: " + e.getMessage());
            e.getCommandLine().usage(err);
            return USAGE;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        if (!outputFormat.equals("jsonl") && !outputFormat.equals("parquet")) {
            err.println("preflight-spark: --output-format must be jsonl or parquet, not " + outputFormat);
            return USAGE;
        }
        long splitBytes;
        try {
            splitBytes = bytes(splitSize);
        } catch (IllegalArgumentException e) {
            err.println("preflight-spark: --split-size: " + e.getMessage());
            return USAGE;
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        HadoopConf hadoop = new HadoopConf(spark.sparkContext().hadoopConfiguration());
        if (mode.equalsIgnoreCase("errorifexists")) {
            Path out = new Path(output);
            if (out.getFileSystem(hadoop.get()).exists(out)) {
                // Before any evaluation: a cluster's hour is not spent to find the output taken at the end.
                err.println("preflight-spark: the output " + output + " exists; remove it or give --mode overwrite");
                return IO_ERROR;
            }
        }

        // The rules are read and compiled on the driver first: invalid rules stop the job before any task starts.
        RuleSource ruleSource;
        Evaluator evaluator;
        try {
            ruleSource = rules == null ? RuleSource.builtIn() : RuleSource.read(rules, hadoop.get());
            evaluator = ruleSource.evaluator();
        } catch (InvalidRulesException e) {
            err.println("preflight-spark: " + e.getMessage());
            for (RuleProblem p : e.problems()) {
                err.println("  " + p);
            }
            return INVALID_RULES;
        } catch (IOException e) {
            err.println("preflight-spark: cannot read the rules " + rules + ": " + e.getMessage());
            return NO_INPUT;
        }
        List<String> checkIds = evaluator.catalogue().stream().map(CheckInfo::id).toList();
        boolean parquetOut = outputFormat.equals("parquet");

        long recordsIn;
        JavaRDD<Row> rows;
        int partitions;
        try {
            if (inputFormat.equals("jsonl")) {
                List<JsonLinesInput.Range> ranges = JsonLinesInput.plan(inputs, splitBytes, hadoop.get());
                List<JsonLinesInput.Counts> counts = ranges.isEmpty() ? List.of()
                        : jsc.parallelize(ranges, ranges.size()).map(r -> JsonLinesInput.count(r, hadoop.get())).collect();
                recordsIn = counts.stream().mapToLong(JsonLinesInput.Counts::records).sum();
                List<JsonLinesInput.NumberedRange> numbered = JsonLinesInput.number(ranges, counts);
                partitions = Math.max(1, numbered.size());
                rows = jsc.parallelize(numbered, partitions).mapPartitions(it -> evaluate(flatten(it, hadoop), ruleSource, parquetOut));
            } else {
                Dataset<Row> table = spark.read().format(inputFormat).load(inputs.toArray(new String[0]));
                recordsIn = table.count();
                partitions = table.rdd().getNumPartitions();
                rows = table.select(col("_metadata.file_path").as("file"), col("_metadata.row_index").as("row"),
                                col(jsonColumn).cast("binary").as("json"))
                        .javaRDD()
                        .mapPartitions(it -> evaluate(tableRecords(it), ruleSource, parquetOut));
            }
        } catch (java.io.FileNotFoundException e) {
            err.println("preflight-spark: " + e.getMessage());
            return NO_INPUT;
        } catch (Exception e) {
            if (e instanceof org.apache.spark.sql.AnalysisException) { // checked in Scala's eyes only
                err.println("preflight-spark: cannot read the input as " + inputFormat + ": " + e.getMessage());
                return NO_INPUT;
            }
            throw e;
        }

        StructType schema = parquetOut ? ResultRows.TENANT_SCHEMA : ResultRows.LINE_SCHEMA;
        Dataset<Row> results = spark.createDataFrame(rows, schema);
        SparkSummary aggregates = new SparkSummary(checkIds);
        List<Column> columns = aggregates.columns();
        Observation observation = new Observation("preflight-summary");
        if (parquetOut) {
            // Tenants and findings are two writes of one evaluation: kept, not evaluated twice.
            results = results.persist(StorageLevel.MEMORY_AND_DISK());
            results.observe(observation, columns.get(0), columns.subList(1, columns.size()).toArray(new Column[0]))
                    .drop("outcomes", "findings")
                    .write().mode(mode).options(compressionOption()).parquet(output + "/tenants");
            results.select(col("origin"), col("tenant_id"), col("verdict"), explode(col("findings")).as("f"))
                    .select(col("origin"), col("tenant_id"), col("verdict"), col("f.*"))
                    .write().mode(mode).options(compressionOption()).parquet(output + "/findings");
            results.unpersist();
        } else {
            results.observe(observation, columns.get(0), columns.subList(1, columns.size()).toArray(new Column[0]))
                    .select("line")
                    .write().mode(mode).options(compressionOption()).text(output);
        }
        Map<String, Object> values = observation.getAsJava();
        double wall = (System.nanoTime() - started) / 1e9;
        BatchSummary summary = aggregates.summary(values, wall, spark.sparkContext().defaultParallelism());

        if (summaryFile != null) {
            writeSummary(summary, evaluator, recordsIn, partitions, hadoop);
        }
        printSummary(summary, recordsIn);
        if (summary.records() != recordsIn) {
            err.println("preflight-spark: " + recordsIn + " records read but " + summary.records()
                    + " results written: records were lost or duplicated");
            return FAILED;
        }
        return OK;
    }

    private Map<String, String> compressionOption() {
        return compression == null ? Map.of() : Map.of("compression", compression);
    }

    /** The records of the ranges of one partition, one range after the other. */
    private static Iterator<BatchRecord> flatten(Iterator<JsonLinesInput.NumberedRange> ranges, HadoopConf hadoop) {
        List<Iterator<BatchRecord>> parts = new ArrayList<>();
        ranges.forEachRemaining(r -> parts.add(lazy(() -> {
            try {
                return JsonLinesInput.records(r, hadoop.get());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + r.range().path() + ": " + e.getMessage(), e);
            }
        })));
        return BatchInputs.concat(parts);
    }

    private static Iterator<BatchRecord> lazy(java.util.function.Supplier<Iterator<BatchRecord>> open) {
        return new Iterator<>() {
            private Iterator<BatchRecord> it;

            @Override
            public boolean hasNext() {
                if (it == null) {
                    it = open.get();
                }
                return it.hasNext();
            }

            @Override
            public BatchRecord next() {
                hasNext();
                return it.next();
            }
        };
    }

    /**
     * The records of table rows. Origin: {@code FILE#ROW}, the data file and the row's index in it
     * from 0 (Spark's {@code _metadata.file_path} and {@code _metadata.row_index}, so that a result
     * can be joined back to its row); line and column of an error are within the document.
     */
    private static Iterator<BatchRecord> tableRecords(Iterator<Row> rows) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public BatchRecord next() {
                Row row = rows.next();
                String source = row.getString(0) + "#" + row.getLong(1);
                byte[] json = row.isNullAt(2) ? new byte[0] : (byte[]) row.get(2);
                return new BatchRecord(source, 0, json.length > BatchInputs.MAX_RECORD_BYTES ? null : json);
            }
        };
    }

    /** Evaluates records one by one with the executor's shared evaluator (compiled once per JVM), lazily. */
    private static Iterator<Row> evaluate(Iterator<BatchRecord> records, RuleSource rules, boolean parquetOut) {
        BatchEvaluator batch = new BatchEvaluator(rules.evaluator(), 1);
        ResultRows rows = new ResultRows();
        Function<BatchResult, Row> toRow = parquetOut ? rows::tenant : rows::line;
        return new Iterator<>() {
            private long index;

            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public Row next() {
                return toRow.apply(batch.evaluate(index++, records.next()));
            }
        };
    }

    private void writeSummary(BatchSummary summary, Evaluator evaluator, long recordsIn, int partitions, HadoopConf hadoop) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("inputs", inputs);
        json.put("inputFormat", inputFormat);
        json.put("output", output);
        json.put("format", outputFormat);
        json.put("rules", evaluator.rules());
        Map<String, Object> sparkInfo = new LinkedHashMap<>();
        sparkInfo.put("master", spark.sparkContext().master());
        sparkInfo.put("applicationId", spark.sparkContext().applicationId());
        sparkInfo.put("version", spark.version());
        sparkInfo.put("defaultParallelism", spark.sparkContext().defaultParallelism());
        sparkInfo.put("partitions", partitions);
        sparkInfo.put("recordsRead", recordsIn);
        json.put("spark", sparkInfo);
        json.put("summary", summary);
        byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json);
        Path p = new Path(summaryFile);
        FileSystem fs = p.getFileSystem(hadoop.get());
        try (OutputStream out = fs.create(p, true)) {
            out.write(bytes);
        }
    }

    private void printSummary(BatchSummary s, long recordsIn) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "preflight-spark: %d records read, %d results written in %.1f s (%.0f records/s)%n",
                recordsIn, s.records(), s.wallSeconds(), s.recordsPerSecond()));
        sb.append("  ");
        s.verdicts().forEach((v, n) -> sb.append(v).append(' ').append(n).append(", "));
        sb.append("invalid ").append(s.invalid());
        if (s.failed() > 0) {
            sb.append(", failed ").append(s.failed());
        }
        sb.append(System.lineSeparator());
        if (!s.topBlockers().isEmpty()) {
            List<String> parts = new ArrayList<>();
            s.topBlockers().stream().limit(5).forEach(b -> parts.add(b.checkId() + " (" + b.tenants() + ")"));
            sb.append("  top blockers: ").append(String.join(", ", parts)).append(System.lineSeparator());
        }
        err.print(sb);
        err.flush();
    }

    /** {@code 64m}, {@code 512k}, {@code 1g} or plain bytes. */
    static long bytes(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
            unit = switch (t.charAt(t.length() - 1)) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                default -> 1L << 30;
            };
            t = t.substring(0, t.length() - 1);
        }
        long n;
        try {
            n = Long.parseLong(t) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: " + s);
        }
        if (n < 1) {
            throw new IllegalArgumentException("must be positive: " + s);
        }
        return n;
    }
}
