package dev.preflight.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoDateTimesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20T10:00:00Z", "2026-11-20T10:00:00.5Z", "2026-11-20T10:00:00.123456789Z", "2026-11-20T10:00:00.1234567+02:00",
        "2026-11-20T23:59:59-05:30", "2024-02-29T00:00:00Z", "2026-11-20T10:00Z", "2026-11-20T10:00:00+0200", "2026-11-20t10:00:00z"})
    void agreesWithTheStandardParser(String text) {
        OffsetDateTime expected;
        try {
            expected = OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            assertThrows(DateTimeParseException.class, () -> IsoDateTimes.parse(text));
            return;
        }
        assertEquals(expected, IsoDateTimes.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-20T10:00:00Z", "2026-02-30T10:00:00Z", "2026-11-20T24:00:00Z", "2026-11-20T10:00:00", "2026-11-20",
        "2026-11-20T10:00:00+19:00", "2026-11-20T10:00:00.1234567890Z", "yesterday", "2026-11-20T10:00:00ZZ"})
    void rejectsWhatTheStandardParserRejects(String text) {
        assertThrows(DateTimeParseException.class, () -> IsoDateTimes.parse(text));
    }
}
