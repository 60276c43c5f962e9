package dev.preflight.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

    @ParameterizedTest
    @CsvSource({
        "2.10.3.0, 2.9.0.0",
        "2.5.79.0, 2.5.76.0",
        "2.5.100.0, 2.5.99.9",
        "10.0, 9.99.99.99",
        "1.1.443.0, 1.1.442.99"
    })
    void comparesNumericallyNotAsText(String newer, String older) {
        assertTrue(Version.parse(newer).compareTo(Version.parse(older)) > 0, newer + " > " + older);
        assertTrue(Version.parse(older).olderThan(Version.parse(newer)));
    }

    @Test
    void missingPartsCountAsZero() {
        assertEquals(Version.parse("2.5"), Version.parse("2.5.0.0"));
        assertEquals(Version.parse("2.5").hashCode(), Version.parse("2.5.0.0").hashCode());
        assertTrue(Version.parse("4.8.1").atLeast("4.7.2"));
        assertTrue(!Version.parse("4.7.1").atLeast("4.7.2"));
    }

    @Test
    void keepsItsTextForReports() {
        assertEquals("2.5.79.0", Version.parse(" 2.5.79.0 ").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "2.x", "1..2", ".1", "1.", "-1.0", "v2", "1.2.3.4.5.6.7.8.9", "9999999999.1"})
    void rejectsWhatIsNotDottedNumbers(String text) {
        assertThrows(IllegalArgumentException.class, () -> Version.parse(text));
    }
}
