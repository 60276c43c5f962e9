package dev.preflight.facts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * When a synchronisation step last completed: a moment, or {@code "never"} (collected: it never has).
 *
 * @param at the moment, or {@code null} for never
 */
public record SyncTime(OffsetDateTime at) {

    private static final SyncTime NEVER = new SyncTime(null);

    /** The step has never completed. */
    public static SyncTime never() {
        return NEVER;
    }

    /** Reads {@code "never"} or an ISO-8601 date-time with offset. */
    @JsonCreator
    public static SyncTime parse(String text) {
        if ("never".equalsIgnoreCase(text.strip())) {
            return NEVER;
        }
        try {
            return new SyncTime(IsoDateTimes.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "\"" + text + "\" is neither \"never\" nor an ISO-8601 date-time with offset (such as 2026-11-20T10:00:00Z)");
        }
    }

    /** Whether the step has never completed. */
    public boolean isNever() {
        return at == null;
    }

    @JsonValue
    @Override
    public String toString() {
        return at == null ? "never" : at.toString();
    }
}
