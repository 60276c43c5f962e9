package dev.preflight.rules;

import dev.preflight.facts.ConnectEvent;

/**
 * A documented Connect event (row of {@code tables/events.csv}).
 *
 * @param source        {@code PasswordResetService} or {@code ADSync}
 * @param id            the event id, or {@code null} for any id (then the marker decides)
 * @param marker        text the message must contain (case-insensitive), or empty
 * @param name          the event's name
 * @param error         false for informational events, which raise nothing
 * @param serviceHealth true when the event means the writeback service stopped or is failing (PWB-CON-008)
 * @param meaning       what it means and what to do
 */
public record EventInfo(String source, Integer id, String marker, String name, boolean error, boolean serviceHealth, String meaning) {

    /** Whether the event is of this kind. */
    public boolean matches(ConnectEvent e) {
        // The id first: the cheapest test and the one most rows fail (rules ask this of every event, often).
        if (id != null && !id.equals(e.id())) {
            return false;
        }
        if (e.source() == null || !(source.equals(e.source()) || source.equalsIgnoreCase(e.source()))) {
            return false;
        }
        return marker.isEmpty() || containsIgnoreCase(e.message(), marker);
    }

    private static boolean containsIgnoreCase(String text, String part) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i + part.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, part, 0, part.length())) {
                return true;
            }
        }
        return false;
    }

    /** How specific the row is: a marker beats no marker, an id beats any id. */
    int specificity() {
        return (marker.isEmpty() ? 0 : 2) + (id == null ? 0 : 1);
    }

    /** "32002 ServiceBusError", or "6329 (0x8023061f)" for rows told apart by their marker. */
    public String label() {
        String idText = id == null ? source : String.valueOf(id);
        String nameText = name.isEmpty() ? "" : " " + name;
        String markerText = marker.isEmpty() ? "" : " (" + marker + ")";
        return idText + nameText + markerText;
    }
}
