package dev.preflight.api;

import java.util.List;

/**
 * What the waivers did to one report.
 *
 * @param verdictWithoutWaivers the verdict the findings give when nothing is waived
 * @param applied               the findings waived, each with the waiver that covers it
 * @param expired               waivers for this tenant past their expiry at the report's reference time: they no longer apply
 * @param stale                 waivers for this tenant, in force, that match no finding (fixed, or mistyped): candidates for removal
 */
public record WaiverOutcome(Verdict verdictWithoutWaivers, List<Applied> applied, List<Waiver> expired, List<Waiver> stale) {

    public WaiverOutcome {
        applied = List.copyOf(applied);
        expired = List.copyOf(expired);
        stale = List.copyOf(stale);
    }

    /** The waiver covering this finding, or {@code null} when it is not waived. */
    public Waiver waiverFor(Finding finding) {
        for (Applied a : applied) {
            if (a.finding().equals(finding)) {
                return a.waiver();
            }
        }
        return null;
    }

    /** The number of findings waived. */
    public int waived() {
        return applied.size();
    }

    /**
     * A waived finding.
     *
     * @param finding the finding, unchanged: its status and severity stand
     * @param waiver  the waiver that covers it
     */
    public record Applied(Finding finding, Waiver waiver) {
    }
}
