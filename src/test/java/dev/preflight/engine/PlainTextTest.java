package dev.preflight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A text whose arguments are plain is formatted by joining its parts ({@link PlainText}): the
 * findings read exactly as {@link MessageFormat} wrote them, in every language.
 */
class PlainTextTest {

    private static final Languages SHIPPED = Languages.read(RuleFiles.fromDirectory(Path.of("rules")).messages(), new ArrayList<>());

    @Test
    void everyShippedTextWithPlainArgumentsReadsAsMessageFormatWritesIt() {
        Messages messages = Messages.of(SHIPPED);
        int compared = 0;
        for (Languages.Bundle bundle : SHIPPED.bundles()) {
            for (Map.Entry<String, String> e : bundle.texts().entrySet()) {
                MessageFormat reference = Languages.compile(e.getValue(), bundle.locale());
                if (PlainText.of(reference) == null || reference.getFormats().length == 0) {
                    continue;
                }
                int n = Messages.argumentCount(e.getValue());
                List<Object[]> cases = List.of(
                        strings(n, "alice@contoso.com"), strings(n, "许可证（无回写计划）"), strings(n, ""),
                        fill(n, 2008), fill(n, 1234567), fill(n, null), fill(n, 2.5), strings(n - 1, "x"));
                for (Object[] values : cases) {
                    // Messages.format passes the arguments as they are in English; elsewhere it may translate strings first.
                    Object[] asPassed = values.clone();
                    String expected = bundle.locale().equals(Locale.ROOT) ? reference.format(asPassed) : null;
                    String actual = messages.format(e.getKey(), Arrays.asList(values), bundle.locale());
                    if (expected != null) {
                        assertEquals(expected, actual, bundle.file() + " " + e.getKey() + " with " + Arrays.toString(values));
                    }
                    assertEquals(reference.format(values), PlainText.of(reference).format(values),
                            bundle.file() + " " + e.getKey() + " with " + Arrays.toString(values));
                    compared++;
                }
            }
        }
        assertTrue(compared >= 1000, "the shipped texts have plain arguments in three languages: " + compared);
    }

    @Test
    void argumentsInAnyOrderRepeatedAndBesideEachOther() {
        for (String pattern : List.of("{1} before {0}", "{0} and {0} again", "{0}{1}", "{0}", "ends with {0}", "{0} starts",
                "it's {0}'s", "{2} only the third", "no arguments at all", "a } alone {0}")) {
            MessageFormat reference = Languages.compile(pattern, Locale.ROOT);
            PlainText text = PlainText.of(reference);
            assertNotNull(text, pattern);
            for (Object[] values : List.of(new Object[] {"a", "b", "c"}, new Object[] {"a"}, new Object[] {}, new Object[] {null, 7, true})) {
                assertEquals(reference.format(values), text.format(values), pattern + " with " + Arrays.toString(values));
            }
        }
    }

    @Test
    void theSameArgumentTwiceSideBySideIsLeftToMessageFormat() {
        // Read through MessageFormat's attributes the two would be one run: the self-check refuses it.
        assertNull(PlainText.of(Languages.compile("{0}{0}", Locale.ROOT)));
        Messages messages = messagesOf("k = {0}{0}");
        assertEquals("abab", messages.format("k", List.of("ab"), Locale.ROOT));
    }

    @Test
    void aTextWithAFormatOfItsOwnIsNotPlain() {
        assertNull(PlainText.of(Languages.compile("{0,number,0} days", Locale.ROOT)));
        assertNull(PlainText.of(Languages.compile("{0,choice,1#one|1<many}", Locale.ROOT)));
    }

    private static Messages messagesOf(String properties) {
        return Messages.of(Languages.read(Map.of("messages.properties", properties), new ArrayList<>()));
    }

    private static Object[] strings(int n, String base) {
        Object[] values = new Object[Math.max(0, n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = base + i;
        }
        return values;
    }

    private static Object[] fill(int n, Object value) {
        Object[] values = new Object[n];
        Arrays.fill(values, value);
        return values;
    }
}
