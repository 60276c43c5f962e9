package dev.preflight.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two runs, per tenant: the verdict, and the findings that are new, resolved or
 * changed in severity, matched by check id and subject (never by message text, which may be reworded
 * or translated), plus checks that stopped or started being evaluable. Tenants are matched by id.
 *
 * @param oldTenants tenants in the old run
 * @param newTenants tenants in the new run
 * @param changes    the tenants that changed, in the new run's order, then those only in the old run
 */
public record ResultsDiff(long oldTenants, long newTenants, List<TenantChange> changes) {

    public ResultsDiff {
        changes = List.copyOf(changes);
    }

    /** How a tenant changed overall. */
    public enum Direction { WORSE, BETTER, CHANGED, ADDED, REMOVED }

    /**
     * One tenant's changes.
     *
     * @param tenantId        its id, or {@code null}
     * @param label           its name for people
     * @param oldVerdict      the old verdict, {@code null} when added
     * @param newVerdict      the new verdict, {@code null} when removed
     * @param direction       worse when the verdict got worse, a finding appeared or rose in severity, or a blocking gap appeared
     * @param added           findings only in the new run
     * @param resolved        findings only in the old run
     * @param severityChanged findings in both with another severity
     * @param newlyNotEvaluated checks not evaluated now that were before
     * @param nowEvaluated    checks evaluated now that were not before
     */
    public record TenantChange(String tenantId, String label, String oldVerdict, String newVerdict, Direction direction,
                               List<TenantSummary.Finding> added, List<TenantSummary.Finding> resolved,
                               List<SeverityChange> severityChanged, List<String> newlyNotEvaluated, List<String> nowEvaluated) {
    }

    /**
     * A finding whose severity changed.
     *
     * @param finding the finding as it is now
     * @param from    its old severity
     */
    public record SeverityChange(TenantSummary.Finding finding, String from) {
    }

    /** Tenants whose direction is {@link Direction#WORSE}. */
    public long worse() {
        return changes.stream().filter(c -> c.direction() == Direction.WORSE).count();
    }

    /** Tenants whose direction is {@link Direction#BETTER}. */
    public long better() {
        return changes.stream().filter(c -> c.direction() == Direction.BETTER).count();
    }

    /** Tenants only in the new run. */
    public long added() {
        return changes.stream().filter(c -> c.direction() == Direction.ADDED).count();
    }

    /** Tenants only in the old run. */
    public long removed() {
        return changes.stream().filter(c -> c.direction() == Direction.REMOVED).count();
    }

    /**
     * Compares two results files (reports or batch JSON Lines). The old run is held in memory as
     * compact summaries; the new one is streamed.
     *
     * @throws IOException when a file cannot be read
     */
    public static ResultsDiff of(Path oldFile, Path newFile) throws IOException {
        Map<String, TenantSummary> old = new LinkedHashMap<>();
        try (ResultsReader r = ResultsReader.open(oldFile)) {
            r.forEachRemaining(t -> old.put(t.key(), t));
        }
        long oldCount = old.size();
        List<TenantChange> changes = new ArrayList<>();
        long newCount = 0;
        try (ResultsReader r = ResultsReader.open(newFile)) {
            while (r.hasNext()) {
                TenantSummary now = r.next();
                newCount++;
                TenantSummary before = old.remove(now.key());
                TenantChange c = before == null ? added(now) : compare(before, now);
                if (c != null) {
                    changes.add(c);
                }
            }
        }
        for (TenantSummary gone : old.values()) {
            changes.add(new TenantChange(gone.tenantId(), gone.label(), gone.verdict(), null, Direction.REMOVED,
                    List.of(), List.of(), List.of(), List.of(), List.of()));
        }
        return new ResultsDiff(oldCount, newCount, changes);
    }

    private static TenantChange added(TenantSummary now) {
        return new TenantChange(now.tenantId(), now.label(), null, now.verdict(), Direction.ADDED,
                findings(now).values().stream().toList(), List.of(), List.of(), List.of(), List.of());
    }

    /** The change of one tenant, or {@code null} when nothing changed. */
    static TenantChange compare(TenantSummary before, TenantSummary now) {
        Map<String, TenantSummary.Finding> was = findings(before);
        Map<String, TenantSummary.Finding> is = findings(now);
        List<TenantSummary.Finding> added = new ArrayList<>();
        List<TenantSummary.Finding> resolved = new ArrayList<>();
        List<SeverityChange> changed = new ArrayList<>();
        boolean worse = false;
        boolean better = false;
        for (Map.Entry<String, TenantSummary.Finding> e : is.entrySet()) {
            TenantSummary.Finding old = was.get(e.getKey());
            if (old == null) {
                added.add(e.getValue());
                worse |= !e.getValue().waived();
            } else if (!old.severity().equals(e.getValue().severity())) {
                changed.add(new SeverityChange(e.getValue(), old.severity()));
                int d = rank(e.getValue().severity()) - rank(old.severity());
                worse |= d < 0;
                better |= d > 0;
            }
        }
        for (Map.Entry<String, TenantSummary.Finding> e : was.entrySet()) {
            if (!is.containsKey(e.getKey())) {
                resolved.add(e.getValue());
                better = true;
            }
        }
        Set<String> gapsBefore = notEvaluated(before);
        Set<String> gapsNow = notEvaluated(now);
        List<String> newGaps = gapsNow.stream().filter(id -> !gapsBefore.contains(id)).toList();
        List<String> closedGaps = gapsBefore.stream().filter(id -> !gapsNow.contains(id)).toList();
        int verdictMove = verdictRank(now.verdict()) - verdictRank(before.verdict());
        if (verdictMove == 0 && added.isEmpty() && resolved.isEmpty() && changed.isEmpty() && newGaps.isEmpty() && closedGaps.isEmpty()) {
            return null;
        }
        Direction d = verdictMove > 0 ? Direction.WORSE : verdictMove < 0 ? Direction.BETTER
                : worse ? Direction.WORSE : better ? Direction.BETTER : Direction.CHANGED;
        return new TenantChange(now.tenantId(), now.label(), before.verdict(), now.verdict(), d, added, resolved, changed, newGaps, closedGaps);
    }

    /** Findings by key; two findings with one key (same check and subject) count as the worse. */
    private static Map<String, TenantSummary.Finding> findings(TenantSummary t) {
        Map<String, TenantSummary.Finding> out = new LinkedHashMap<>();
        for (TenantSummary.Check c : t.checks()) {
            for (TenantSummary.Finding f : c.findings()) {
                out.merge(f.key(), f, (a, b) -> rank(b.severity()) < rank(a.severity()) ? b : a);
            }
        }
        return out;
    }

    private static Set<String> notEvaluated(TenantSummary t) {
        Set<String> out = new LinkedHashSet<>();
        for (TenantSummary.Check c : t.checks()) {
            if (!"FAIL".equals(c.status())) {
                out.add(c.id());
            }
        }
        return out;
    }

    private static final Map<String, Integer> SEVERITY = new HashMap<>(Map.of("ERROR", 0, "WARNING", 1, "INFO", 2));

    /** Lower is more severe. */
    private static int rank(String severity) {
        return SEVERITY.getOrDefault(severity, 3);
    }

    /** Higher is worse. */
    private static int verdictRank(String verdict) {
        return switch (verdict == null ? "" : verdict) {
            case "ELIGIBLE" -> 0;
            case "INCOMPLETE" -> 1;
            case "NOT_ELIGIBLE" -> 2;
            default -> 3; // INVALID: not even evaluated
        };
    }
}
