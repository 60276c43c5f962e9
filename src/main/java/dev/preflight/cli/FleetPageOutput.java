package dev.preflight.cli;

import dev.preflight.api.Texts;
import dev.preflight.batch.BatchResult;
import dev.preflight.report.FleetPage;
import dev.preflight.results.TenantSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** {@code batch --html FILE}: the fleet page written alongside the results, renamed into place when the batch completes. */
final class FleetPageOutput implements AutoCloseable {

    private final AtomicOutput file;
    private final FleetPage page;

    private FleetPageOutput(AtomicOutput file, FleetPage page) {
        this.file = file;
        this.page = page;
    }

    /** Opens the page, in the texts' language. */
    static FleetPageOutput open(Path target, List<String> inputs, Texts texts) throws IOException {
        AtomicOutput file = new AtomicOutput(target);
        return new FleetPageOutput(file, new FleetPage(file.stream(), String.join(", ", inputs), texts));
    }

    /** Adds a batch result, in input order. */
    void add(BatchResult r) {
        if (r instanceof BatchResult.Evaluated e) {
            page.add(TenantSummary.of(e.report(), e.origin()));
        } else if (r instanceof BatchResult.Invalid i) {
            page.add(new TenantSummary(i.tenantId(), null, null, i.origin(), "INVALID", 0, List.of(), i.error().problem()));
        } else if (r instanceof BatchResult.Failed f) {
            page.add(new TenantSummary(null, null, null, f.origin(), "INVALID", 0, List.of(), f.message()));
        }
    }

    /** Finishes the page and renames it into place. */
    void commit() {
        page.close();
        try {
            file.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the page unless committed. */
    @Override
    public void close() throws IOException {
        file.close();
    }
}
