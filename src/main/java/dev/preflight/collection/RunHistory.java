package dev.preflight.collection;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code lastFullImport} and {@code lastFullSync} from {@code Get-ADSyncRunProfileResult}: the
 * newest completed full run of each connector; failing that, the earliest completed delta (which
 * needs an earlier full run), meaning "had completed by then"; never {@code "never"}, since the
 * history may have been purged.
 */
final class RunHistory {

    /** A time for one connector and step, with its note; or why there is none. */
    record Outcome(Instant time, String note, dev.preflight.api.MissingFact.Reason missing) {
    }

    private record Run(String connector, String profile, String result, PsNode.Dated start, PsNode.Dated end) {
        boolean qualifies() {
            return result != null && (result.equalsIgnoreCase("success") || result.toLowerCase(Locale.ROOT).startsWith("completed-"));
        }
    }

    private final List<Run> runs = new ArrayList<>();

    RunHistory(ImportContext ctx, PsNode doc, ZoneOffset utcOffset) {
        ctx.each(doc, "onPremises.connect.lastFullImport", r -> {
            String fact = "onPremises.connect.lastFullImport";
            runs.add(new Run(r.get("ConnectorName").nonEmptyText(fact), r.get("RunProfileName").nonEmptyText(fact),
                    r.get("Result").nonEmptyText(fact),
                    r.get("StartDate").date(fact, PsNode.Clock.UNSPECIFIED_UTC, utcOffset),
                    r.get("EndDate").date(fact, PsNode.Clock.UNSPECIFIED_UTC, utcOffset)));
        });
    }

    /** The time of {@code fullStep} ("Full Import") for a connector, falling back to {@code deltaStep}. */
    Outcome of(String connector, String fullStep, String deltaStep) {
        Run newestFull = null;
        Run earliestDelta = null;
        boolean any = false;
        for (Run r : runs) {
            if (r.connector == null || !r.connector.equalsIgnoreCase(connector)) {
                continue;
            }
            any = true;
            if (!r.qualifies()) {
                continue;
            }
            if (fullStep.equalsIgnoreCase(r.profile) && r.end != null
                    && (newestFull == null || r.end.instant().isAfter(newestFull.end.instant()))) {
                newestFull = r;
            } else if (deltaStep.equalsIgnoreCase(r.profile) && r.start != null
                    && (earliestDelta == null || r.start.instant().isBefore(earliestDelta.start.instant()))) {
                earliestDelta = r;
            }
        }
        if (newestFull != null) {
            return new Outcome(newestFull.end.instant(), newestFull.end.note(), null);
        }
        if (earliestDelta != null) {
            String note = "no completed " + fullStep + " left in the run history; the earliest completed " + deltaStep
                    + " started then, so a " + fullStep + " had completed by then";
            return new Outcome(earliestDelta.start.instant(), earliestDelta.start.note() == null ? note : note + "; " + earliestDelta.start.note(), null);
        }
        return new Outcome(null, null, any
                ? Reasons.of(Reasons.NO_COMPLETED_RUN, fullStep, deltaStep, connector)
                : Reasons.of(Reasons.NO_RUN, connector));
    }

    /** The oldest of the AD connectors' times; none when any of them has none. */
    static Outcome oldest(List<Outcome> outcomes) {
        Outcome oldest = null;
        for (Outcome o : outcomes) {
            if (o.time == null) {
                return o;
            }
            if (oldest == null || o.time.isBefore(oldest.time)) {
                oldest = o;
            }
        }
        return oldest;
    }
}
