package dev.preflight.batch;

import dev.preflight.api.Report;
import dev.preflight.api.Waiver;
import dev.preflight.api.WaiverOutcome;
import dev.preflight.api.Waivers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a batch's waivers did across all tenants: findings waived, tenants whose verdict they
 * changed, and the waivers that waived nothing in any tenant (stale) or expired for some.
 * Thread-safe; feed it every evaluated report.
 */
public final class WaiverTally {

    private final Waivers waivers;
    private final Map<Waiver, AtomicLong> used = new LinkedHashMap<>();
    private final Map<Waiver, AtomicLong> expired = new LinkedHashMap<>();
    private final AtomicLong findings = new AtomicLong();
    private final AtomicLong verdictsChanged = new AtomicLong();

    public WaiverTally(Waivers waivers) {
        this.waivers = waivers;
        for (Waiver w : waivers.list()) {
            used.put(w, new AtomicLong());
            expired.put(w, new AtomicLong());
        }
    }

    /** Counts what the waivers did to one report. */
    public void add(Report report) {
        WaiverOutcome o = report.waivers();
        if (o == null) {
            return;
        }
        findings.addAndGet(o.waived());
        if (o.verdictWithoutWaivers() != report.verdict()) {
            verdictsChanged.incrementAndGet();
        }
        for (WaiverOutcome.Applied a : o.applied()) {
            AtomicLong n = used.get(a.waiver());
            if (n != null) {
                n.incrementAndGet();
            }
        }
        for (Waiver w : o.expired()) {
            AtomicLong n = expired.get(w);
            if (n != null) {
                n.incrementAndGet();
            }
        }
    }

    /** Findings waived in all tenants. */
    public long findingsWaived() {
        return findings.get();
    }

    /** Tenants whose verdict the waivers changed. */
    public long verdictsChanged() {
        return verdictsChanged.get();
    }

    /** Waivers in force that waived no finding in any tenant, in file order. */
    public List<Waiver> stale() {
        List<Waiver> out = new ArrayList<>();
        used.forEach((w, n) -> {
            if (n.get() == 0 && expired.get(w).get() == 0) {
                out.add(w);
            }
        });
        return out;
    }

    /** Waivers that had expired for at least one tenant's reference time, in file order. */
    public List<Waiver> expired() {
        List<Waiver> out = new ArrayList<>();
        expired.forEach((w, n) -> {
            if (n.get() > 0) {
                out.add(w);
            }
        });
        return out;
    }

    /** The waivers counted. */
    public Waivers waivers() {
        return waivers;
    }
}
