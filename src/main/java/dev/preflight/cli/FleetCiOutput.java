package dev.preflight.cli;

import dev.preflight.api.CheckInfo;
import dev.preflight.batch.BatchRecord;
import dev.preflight.batch.BatchResult;
import dev.preflight.report.FactLocations;
import dev.preflight.report.JunitReport;
import dev.preflight.report.SarifReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code batch --format junit|sarif}: one file for a fleet, written as the batch streams. JUnit: a
 * test suite per tenant (an invalid record a suite whose one test case is in error). SARIF: one run,
 * a result per finding located in its input record (the file, the record's line and the subject's
 * column in it), invalid records as tool notifications at their line and column.
 *
 * <p>{@link #render} runs on the batch's workers; {@link #inOrder} and {@link #end} on the thread
 * that writes, in input order.
 */
final class FleetCiOutput {

    private final boolean sarif;
    private final List<CheckInfo> catalogue;
    private final String toolVersion;
    /** SARIF: each record in flight, by its index, to locate its findings in it. */
    private final Map<Long, BatchRecord> inFlight = new ConcurrentHashMap<>();
    private final List<SarifReport.FleetProblem> problems = new ArrayList<>();
    private boolean anyResult;

    FleetCiOutput(boolean sarif, List<CheckInfo> catalogue, String toolVersion) {
        this.sarif = sarif;
        this.catalogue = catalogue;
        this.toolVersion = toolVersion;
    }

    /** The records, each kept (SARIF) until its result is rendered: as many as the batch holds in flight. */
    Iterator<BatchRecord> watch(Iterator<BatchRecord> records) {
        if (!sarif) {
            return records;
        }
        return new Iterator<>() {
            private long index;

            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public BatchRecord next() {
                BatchRecord r = records.next();
                inFlight.put(index++, r);
                return r;
            }
        };
    }

    byte[] start() {
        return (sarif ? SarifReport.fleetStart(catalogue, toolVersion) : JunitReport.fleetStart()).getBytes(StandardCharsets.UTF_8);
    }

    /** One record's part of the file (SARIF: its results without separators, maybe none). */
    byte[] render(BatchResult result) {
        BatchRecord record = sarif ? inFlight.remove(result.index()) : null;
        String text;
        if (result instanceof BatchResult.Evaluated e) {
            if (sarif) {
                boolean located = record != null && record.imported() == null && record.json() != null;
                text = SarifReport.fleetResults(e.report(), catalogue, e.origin(), SarifReport.artifactUri(source(record, e.origin())),
                        located ? FactLocations.of(record.json()) : null, record == null || record.line() <= 0 ? 1 : record.line());
            } else {
                text = JunitReport.fleetSuite(e.report(), e.origin());
            }
        } else if (sarif) {
            text = ""; // a notification at the end (inOrder keeps it)
        } else if (result instanceof BatchResult.Invalid i) {
            text = JunitReport.fleetInvalid(i.origin(), i.tenantId(), i.error().getMessage());
        } else if (result instanceof BatchResult.Failed f) {
            text = JunitReport.fleetInvalid(f.origin(), null, f.message());
        } else {
            throw new IllegalStateException("a validated record has no CI report: " + result);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes to write for a rendered record, in input order: SARIF separates results and keeps the problems. */
    byte[] inOrder(BatchResult result, byte[] rendered) {
        if (!sarif) {
            return rendered;
        }
        if (result instanceof BatchResult.Invalid i) {
            problems.add(new SarifReport.FleetProblem(i.origin(), SarifReport.artifactUri(i.error().origin() == null ? i.origin() : i.error().origin()),
                    i.error().line(), i.error().column(), i.error().getMessage()));
        } else if (result instanceof BatchResult.Failed f) {
            problems.add(new SarifReport.FleetProblem(f.origin(), SarifReport.artifactUri(f.origin()), 0, 0, f.message()));
        }
        if (rendered.length == 0) {
            return rendered;
        }
        if (!anyResult) {
            anyResult = true;
            return rendered;
        }
        byte[] sep = SarifReport.FLEET_SEPARATOR.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[sep.length + rendered.length];
        System.arraycopy(sep, 0, out, 0, sep.length);
        System.arraycopy(rendered, 0, out, sep.length, rendered.length);
        return out;
    }

    byte[] end(Map<String, Long> verdicts) {
        return (sarif ? SarifReport.fleetEnd(problems, verdicts) : JunitReport.fleetEnd()).getBytes(StandardCharsets.UTF_8);
    }

    private static String source(BatchRecord record, String origin) {
        return record != null ? record.source() : origin;
    }
}
