package dev.preflight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.preflight.api.Evaluator;
import dev.preflight.batch.BatchEvaluator;
import dev.preflight.batch.BatchException;
import dev.preflight.batch.BatchInputs;
import dev.preflight.batch.BatchRecord;
import dev.preflight.batch.BatchResult;
import dev.preflight.batch.BatchSummary;
import dev.preflight.report.BatchLines;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code preflight batch INPUT...}: many tenants, one result each, in input order. */
@Command(name = "batch",
        mixinStandardHelpOptions = true,
        description = {"Evaluates many tenants and writes one result per input record, in input order.",
            "Inputs are JSON Lines files (optionally .gz), directories of .json files, collections (.zip "
                    + "files, folders holding manifest.json; also inside directories), or - for standard input. An "
                    + "invalid record becomes an error record and the batch goes on. A summary ends on standard error."},
        exitCodeOnInvalidInput = ExitCodes.USAGE)
final class BatchCommand implements Callable<Integer> {

    /** Usage errors go through the command line that runs this command, to its error stream. */
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    private PreflightCommand parent;

    @Mixin
    private CommonOptions common;

    @Mixin
    private LocaleOption locale;

    @Parameters(paramLabel = "INPUT", arity = "1..*", description = "JSON Lines files (.gz too), directories of .json files and collections, collections (.zip, "
            + "folders holding manifest.json), or -.")
    private List<String> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the results to FILE (renamed into place when complete; a device or a pipe is written straight) instead of standard output.")
    private Path output;

    @Option(names = "--format", paramLabel = "jsonl|csv|junit|sarif", defaultValue = "jsonl", description = "jsonl: a report per line; csv: a row per tenant and failing check (default: ${DEFAULT-VALUE}); "
            + "junit: one JUnit XML file, a test suite per tenant; sarif: one SARIF 2.1.0 log, each result "
            + "located in its input record.")
    private Format format;

    @Option(names = "--summary", paramLabel = "FILE", description = "Also write the summary as JSON to FILE.")
    private Path summaryFile;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the fleet page (charts and a tenant table; self-contained HTML) to FILE.")
    private Path htmlFile;

    @Option(names = "--threads", paramLabel = "N", description = "Evaluation threads (default: the number of processors).")
    private Integer threads;

    @Option(names = "--fail-on", paramLabel = "none|not-eligible|incomplete", description = "Gate for CI: not-eligible exits 1 when any tenant is NOT_ELIGIBLE; incomplete also exits 2 "
            + "when any is INCOMPLETE (default: none).")
    private String failOn;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary on standard error.")
    private boolean quiet;

    @Option(names = "--validate-only", description = "Read and validate every record without evaluating it: each line says whether the record is valid.")
    private boolean validateOnly;

    @Option(names = "--resume", description = "Continue the batch whose partial result FILE.partial was left by an interrupted run (same "
            + "inputs, format and rules): no record is written twice or skipped.")
    private boolean resume;

    /** Output formats. */
    enum Format { jsonl, csv, junit, sarif }

    /** A verdict of the summary as people read it: "NOT_ELIGIBLE" stays the machine word in English, as before. */
    private static String verdictWord(Object verdict, dev.preflight.api.Texts texts) {
        String name = String.valueOf(verdict);
        return texts.locale().equals(Locale.ROOT) ? name : texts.getOr("verdict." + name, name);
    }

    /** A result and its output bytes. */
    private record Rendered(BatchResult result, byte[] bytes) {
    }

    @Override
    public Integer call() throws Exception {
        Console console = parent.console;
        FailOn.parse(failOn, FailOn.NONE, spec.commandLine()); // a usage error before any record is read
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        for (String in : inputs) {
            if (!in.equals("-") && !Files.exists(Path.of(in))) {
                throw new InputFileException(in + ": no such file or directory");
            }
        }
        if (resume && output == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--resume needs -o FILE: there is nothing to resume on standard output");
        }
        boolean ci = format == Format.junit || format == Format.sarif;
        if (ci && validateOnly) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--validate-only writes jsonl or csv, not " + format);
        }
        if (resume && format == Format.sarif) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--resume continues jsonl, csv or junit output; run a SARIF batch again whole");
        }
        if (resume && inputs.contains("-")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--resume cannot read standard input again: give the input as a file");
        }
        // The results (JSON Lines, CSV) are machine output: English unless --locale says otherwise.
        Evaluator evaluator = validateOnly ? null : common.evaluator(console, locale.choose(false, console), locale);
        // The summary and the fleet page are read by people: in --locale, else the system's language.
        java.util.Locale summaryLanguage = locale.choose(true, console);
        dev.preflight.api.Texts summaryTexts = evaluator == null ? dev.preflight.api.Texts.builtIn(summaryLanguage) : evaluator.texts(summaryLanguage);
        List<Iterator<BatchRecord>> parts = new ArrayList<>();
        for (String in : inputs) {
            parts.add(BatchInputs.open(in, console.in()));
        }
        FleetCiOutput ciOutput = ci ? new FleetCiOutput(format == Format.sarif, evaluator.catalogue(), Main.version("version")) : null;
        Iterator<BatchRecord> records = ci ? ciOutput.watch(BatchInputs.concat(parts)) : BatchInputs.concat(parts);

        dev.preflight.batch.WaiverTally waiverTally = evaluator == null || evaluator.waivers() == null ? null
                : new dev.preflight.batch.WaiverTally(evaluator.waivers());
        BatchLines lines = new BatchLines();
        Function<BatchResult, Rendered> render = switch (format) {
            case jsonl -> r -> new Rendered(r, lines.jsonLine(r));
            case csv -> r -> new Rendered(r, lines.csvRows(r));
            case junit, sarif -> r -> new Rendered(r, ciOutput.render(r));
        };
        List<String> notes = new ArrayList<>();
        // A device or a pipe (/dev/null, /dev/stdout, a process substitution) is written straight,
        // like standard output: a partial file renamed over it would replace the device.
        boolean stream = output != null && AtomicOutput.isStream(output.toAbsolutePath());
        if (stream && resume) {
            console.err().println("preflight: --resume needs an output file; " + output + " is a device or a pipe");
            return ExitCodes.USAGE;
        }
        ResumableOutput file;
        try {
            file = output == null || stream ? null : ResumableOutput.open(output, identity(evaluator), resume, notes);
        } catch (IllegalStateException e) {
            console.err().println("preflight: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (!quiet) {
            notes.forEach(note -> console.err().println("preflight: " + note));
        }
        OutputStream out = file != null ? null
                : new BufferedOutputStream(stream ? Files.newOutputStream(output, StandardOpenOption.WRITE) : failing(console.out()), 1 << 20);
        FleetPageOutput fleet = htmlFile == null ? null : FleetPageOutput.open(htmlFile, inputs, summaryTexts);
        ProgressBar bar = !quiet && console.errTerminal() && console.colorAllowed() ? progressBar(console, summaryTexts) : null;
        BatchSummary summary;
        try {
            if (file != null && file.resumedRecords() > 0) {
                skip(records, file.resumedRecords());
                if (bar != null) {
                    bar.stepTo(file.resumedRecords());
                }
            } else if (format != Format.jsonl) {
                byte[] header = ci ? ciOutput.start() : BatchLines.csvHeader();
                if (file != null) {
                    file.writeHeader(header);
                } else {
                    out.write(header);
                }
            }
            // This JVM has just started: on few cores, workers beyond one core left to the compilers
            // wait until compiling settles (both modes alike, so that the rules-free run stays the baseline).
            BatchEvaluator batch = (validateOnly ? BatchEvaluator.validateOnly(n) : new BatchEvaluator(evaluator, n)).holdingWorkersWhileCompiling();
            summary = batch.run(records, render, rendered -> {
                if (waiverTally != null && rendered.result() instanceof BatchResult.Evaluated ev) {
                    waiverTally.add(ev.report());
                }
                if (fleet != null) {
                    fleet.add(rendered.result());
                }
                try {
                    byte[] bytes = ci ? ciOutput.inOrder(rendered.result(), rendered.bytes()) : rendered.bytes();
                    if (file != null) {
                        file.write(rendered.result(), bytes);
                    } else {
                        out.write(bytes);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (bar != null) {
                    bar.step();
                }
            });
            if (file != null) {
                summary = withEarlierRecords(summary, file, evaluator);
                if (ci) {
                    file.writeTrailer(ciOutput.end(summary.verdicts()));
                }
                file.commit();
            } else {
                if (ci) {
                    out.write(ciOutput.end(summary.verdicts()));
                }
                out.flush();
            }
            if (fleet != null) {
                fleet.commit();
            }
        } catch (BatchException e) {
            console.err().println("preflight: batch stopped after " + e.delivered() + " records: " + e.getMessage());
            if (file != null) {
                file.close();
                console.err().println("preflight: " + output + " was not written; the " + file.records() + " results so far are in "
                        + file.partial() + " (run again with --resume to continue from there)");
            }
            return e.kind() == BatchException.Kind.INPUT ? ExitCodes.NO_INPUT
                    : e.kind() == BatchException.Kind.OUTPUT ? ExitCodes.IO_ERROR : ExitCodes.INTERNAL;
        } finally {
            if (fleet != null) {
                fleet.close();
            }
            if (bar != null) {
                bar.close();
            }
            if (file != null) {
                file.close();
            }
            if (stream) {
                try {
                    out.close();
                } catch (IOException e) {
                    // Flushed above when the batch succeeded; after a failure (a reader gone: a broken
                    // pipe) that failure is what is reported, once.
                }
            }
        }
        if (summaryFile != null) {
            AtomicOutput.write(summaryFile, summaryJson(summary, evaluator, waiverTally));
        }
        if (!quiet) {
            printSummary(console, summary, summaryTexts);
            if (waiverTally != null) {
                printWaivers(console, waiverTally, summaryTexts);
            }
        }
        return exitCode(summary);
    }

    /** What a partial result belongs to: the inputs as they are now, the format and the rules. */
    /**
     * Standard output that says when it can no longer be written. A {@link PrintStream} swallows its
     * errors: a batch piped into {@code head} went on evaluating every record for no reader, and
     * exited 0. Now it stops at the first failed write, as it does writing to a file.
     */
    private static OutputStream failing(java.io.PrintStream stdout) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                stdout.write(b);
                check();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                stdout.write(b, off, len);
                check();
            }

            @Override
            public void flush() throws IOException {
                check(); // checkError flushes
            }

            private void check() throws IOException {
                if (stdout.checkError()) {
                    throw new IOException("standard output is closed (its reader has gone)");
                }
            }
        };
    }

    private ResumableOutput.Identity identity(Evaluator evaluator) throws IOException {
        List<String> ids = new ArrayList<>();
        for (String in : inputs) {
            Path p = Path.of(in).toAbsolutePath().normalize();
            if (in.equals("-")) {
                ids.add("-");
            } else if (Files.isDirectory(p)) {
                long count = 0;
                long size = 0;
                long modified = Files.getLastModifiedTime(p).toMillis();
                try (var files = Files.list(p)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        count++;
                        size += Files.size(f);
                        modified = Math.max(modified, Files.getLastModifiedTime(f).toMillis());
                    }
                }
                ids.add(p + " (directory: " + count + " files, " + size + " bytes, modified " + modified + ")");
            } else {
                ids.add(p + " (" + Files.size(p) + " bytes, modified " + Files.getLastModifiedTime(p).toMillis() + ")");
            }
        }
        return new ResumableOutput.Identity(ids, format.name(), evaluator == null ? "validate-only" : evaluator.rules().hash());
    }

    private static void skip(Iterator<BatchRecord> records, long n) {
        for (long i = 0; i < n; i++) {
            if (!records.hasNext()) {
                throw new BatchException(BatchException.Kind.INPUT, "the input has fewer records than the partial result it should continue", i, null);
            }
            records.next();
        }
    }

    /** The summary of the whole output: the records of the run this one resumes, and this run's speed. */
    private static BatchSummary withEarlierRecords(BatchSummary run, ResumableOutput file, Evaluator evaluator) {
        if (file.resumedRecords() == 0) {
            return run;
        }
        List<String> order = evaluator == null ? List.of() : evaluator.catalogue().stream().map(dev.preflight.api.CheckInfo::id).toList();
        BatchSummary all = file.counter().summary(file.records(), run.cancelled(), run.wallSeconds(), run.threads(), order);
        return new BatchSummary(all.records(), all.evaluated(), all.validated(), all.invalid(), all.failed(), all.verdicts(),
                all.checks(), all.topBlockers(), all.cancelled(), run.wallSeconds(), run.recordsPerSecond(), run.threads());
    }

    private ProgressBar progressBar(Console console, dev.preflight.api.Texts texts) {
        long total = 0;
        for (String in : inputs) {
            long c = in.equals("-") ? -1 : Files.isDirectory(Path.of(in)) ? BatchInputs.countDirectory(Path.of(in)) : BatchInputs.countLines(Path.of(in));
            if (c < 0) {
                total = -1;
                break;
            }
            total += c;
        }
        return new ProgressBarBuilder()
                .setTaskName(texts.get("batch.progress")) // the bar pads by display width (JLine's wcwidth), so Chinese fits
                .setInitialMax(total)
                .setConsumer(new ConsoleProgressBarConsumer(console.err()))
                .setUpdateIntervalMillis(250)
                .showSpeed()
                .clearDisplayOnFinish()
                .build();
    }

    private int exitCode(BatchSummary s) {
        if (s.invalid() > 0 || s.failed() > 0) {
            return ExitCodes.INVALID;
        }
        return FailOn.parse(failOn, FailOn.NONE, spec.commandLine())
                .exitCode(s.verdicts().getOrDefault("NOT_ELIGIBLE", 0L) > 0, s.verdicts().getOrDefault("INCOMPLETE", 0L) > 0);
    }

    private static void printWaivers(Console console, dev.preflight.batch.WaiverTally t, dev.preflight.api.Texts texts) {
        console.err().println("  " + texts.get("batch.waivers", t.findingsWaived(), t.verdictsChanged()));
        for (dev.preflight.api.Waiver w : t.expired()) {
            console.err().println("  " + texts.get("batch.waiver.expired", dev.preflight.report.SafeText.clean(w.describe()), w.expires()) + where(w));
        }
        for (dev.preflight.api.Waiver w : t.stale()) {
            console.err().println("  " + texts.get("batch.waiver.stale", dev.preflight.report.SafeText.clean(w.describe())) + where(w));
        }
    }

    private static String where(dev.preflight.api.Waiver w) {
        return w.origin() == null ? "" : " [" + w.origin() + "]";
    }

    private byte[] summaryJson(BatchSummary s, Evaluator evaluator, dev.preflight.batch.WaiverTally waiverTally) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("inputs", inputs);
        json.put("output", output == null ? "-" : output.toString());
        json.put("format", format.name());
        if (evaluator != null) {
            json.put("rules", evaluator.rules());
        }
        long peak = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("peakHeapBytes", peak);
        jvm.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        putCpuTimes(jvm);
        json.put("jvm", jvm);
        json.put("summary", s);
        if (waiverTally != null) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("source", waiverTally.waivers().source());
            w.put("findingsWaived", waiverTally.findingsWaived());
            w.put("verdictsChanged", waiverTally.verdictsChanged());
            w.put("expired", waiverTally.expired().stream().map(dev.preflight.api.Waiver::origin).toList());
            w.put("stale", waiverTally.stale().stream().map(dev.preflight.api.Waiver::origin).toList());
            json.put("waivers", w);
        }
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json);
    }

    /**
     * CPU and JIT compile time, which tell a cold run's warm-up apart from its steady work (the
     * benchmark reads them); left out on a JVM that cannot say.
     */
    private static void putCpuTimes(Map<String, Object> jvm) {
        try {
            if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    && os.getProcessCpuTime() >= 0) {
                jvm.put("cpuSeconds", os.getProcessCpuTime() / 1e9);
            }
        } catch (LinkageError noManagementModule) {
            // a runtime image without jdk.management: no CPU time to report
        }
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        if (jit != null && jit.isCompilationTimeMonitoringSupported()) {
            jvm.put("jitCompileSeconds", jit.getTotalCompilationTime() / 1e3);
        }
    }

    private static void printSummary(Console console, BatchSummary s, dev.preflight.api.Texts texts) {
        StringBuilder sb = new StringBuilder();
        sb.append(texts.get("batch.summary", s.records(), String.format(Locale.ROOT, "%.1f", s.wallSeconds()),
                String.format(Locale.ROOT, "%.0f", s.recordsPerSecond()), s.threads())).append(System.lineSeparator());
        List<String> counts = new ArrayList<>();
        if (s.evaluated() > 0 || s.validated() == 0) {
            s.verdicts().forEach((v, count) -> counts.add(texts.get("batch.verdict", verdictWord(v, texts), count)));
        }
        if (s.validated() > 0) {
            counts.add(texts.get("batch.valid", s.validated()));
        }
        counts.add(texts.get("batch.invalid", s.invalid()));
        if (s.failed() > 0) {
            counts.add(texts.get("batch.failed", s.failed()));
        }
        sb.append("  ").append(texts.list(counts, "batch.list"));
        if (s.cancelled()) {
            sb.append(' ').append(texts.get("batch.cancelled"));
        }
        sb.append(System.lineSeparator());
        if (!s.topBlockers().isEmpty()) {
            List<String> parts = new ArrayList<>();
            s.topBlockers().stream().limit(5).forEach(b -> parts.add(texts.get("batch.blocker", b.checkId(), b.tenants())));
            sb.append("  ").append(texts.get("batch.topBlockers", texts.list(parts, "batch.list"))).append(System.lineSeparator());
        }
        console.err().print(sb);
        console.err().flush();
    }
}
