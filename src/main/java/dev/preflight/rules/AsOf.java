package dev.preflight.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The moment a tenant is judged at, inserted into every session: the facts' {@code
 * tenant.collectedAt}, or the evaluator's clock when that is absent. Rules use it instead of the
 * wall clock so that the same input gives the same report on any day.
 *
 * @param instant  the reference moment
 * @param fromFacts true when it is {@code tenant.collectedAt}, false when it came from the clock
 */
public record AsOf(Instant instant, boolean fromFacts) {

    private static final Duration DAY = Duration.ofHours(24);

    /** The reference moment's UTC date: support end dates are compared with it. */
    public LocalDate date() {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** Whether the time lies in the 24 hours up to and including the reference moment. */
    public boolean withinLastDay(OffsetDateTime time) {
        if (time == null) {
            return false;
        }
        Instant t = time.toInstant();
        return !t.isAfter(instant) && t.isAfter(instant.minus(DAY));
    }

    /** Whether the time is after the reference moment (a timestamp from the future). */
    public boolean isBefore(OffsetDateTime time) {
        return time != null && time.toInstant().isAfter(instant);
    }

    /** Whether the date is before the reference date: a support end date that has passed. */
    public boolean isAfter(LocalDate lastDay) {
        return lastDay != null && date().isAfter(lastDay);
    }
}
