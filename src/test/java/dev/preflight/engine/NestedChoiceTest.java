package dev.preflight.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
 * A choice whose texts use arguments is formatted with its texts read once ({@link NestedChoice}):
 * the findings read exactly as {@link MessageFormat} wrote them, in every language.
 */
class NestedChoiceTest {

    private static final Languages SHIPPED = Languages.read(RuleFiles.fromDirectory(Path.of("rules")).messages(), new ArrayList<>());

    @Test
    void everyShippedTextWithANestedChoiceReadsAsMessageFormatWritesIt() {
        Messages messages = Messages.of(SHIPPED);
        int compared = 0;
        for (Languages.Bundle bundle : SHIPPED.bundles()) {
            for (Map.Entry<String, String> e : bundle.texts().entrySet()) {
                String pattern = e.getValue();
                if (!pattern.contains("choice") || pattern.indexOf('{', pattern.indexOf("choice")) < 0) {
                    continue;
                }
                int n = Messages.argumentCount(pattern);
                // Every argument the same number: each choice takes each of its branches in turn.
                for (Number v : List.of(0, 1, 2, 3, 7, 31, 1234, 1_000_000, -1, 2.5)) {
                    Object[] values = new Object[n];
                    Arrays.fill(values, v);
                    MessageFormat reference = Languages.compile(pattern, bundle.locale());
                    String expected = reference.format(values);
                    assertEquals(expected, messages.format(e.getKey(), List.of(values), bundle.locale()),
                            bundle.file() + " " + e.getKey() + " with " + v);
                    compared++;
                }
            }
        }
        assertTrue(compared >= 300, "the shipped texts have nested choices in three languages: " + compared);
    }

    @Test
    void theOtherArgumentsOfAChosenTextAreTheMessagesOwn() {
        Messages messages = messagesOf("k = {0} has {1,choice,0#no roles|1#the role {2}|1<{1,number,0} roles, {2} among them}");
        assertEquals("alice has no roles", messages.format("k", List.of("alice", 0, "Helpdesk"), Locale.ROOT));
        assertEquals("alice has the role Helpdesk", messages.format("k", List.of("alice", 1, "Helpdesk"), Locale.ROOT));
        assertEquals("alice has 1000 roles, Helpdesk among them", messages.format("k", List.of("alice", 1000, "Helpdesk"), Locale.ROOT));
        assertEquals("alice has 1000 roles, Helpdesk among them", messages.format("k", List.of("alice", 1000, "Helpdesk"), Locale.ROOT),
                "the second call reads the chosen text it read the first time");
    }

    @Test
    void anArgumentShownAsItselfBesideItsChoicePrintsItsValue() {
        Messages messages = messagesOf("k = {0} ({0,choice,1#one day|1<{0,number,0} days})");
        assertEquals("5 (5 days)", messages.format("k", List.of(5), Locale.ROOT));
        assertEquals("1 (one day)", messages.format("k", List.of(1), Locale.ROOT));
    }

    @Test
    void aMissingArgumentPrintsAsMessageFormatPrintsIt() {
        String pattern = "{0,choice,0#none|1<{0,number,0} of {1}}";
        Messages messages = messagesOf("k = " + pattern);
        List<Object> withNull = new ArrayList<>(Arrays.asList(null, "x"));
        assertEquals(Languages.compile(pattern, Locale.ROOT).format(withNull.toArray()), messages.format("k", withNull, Locale.ROOT));
        assertEquals(Languages.compile(pattern, Locale.ROOT).format(new Object[] {4}), messages.format("k", List.of(4), Locale.ROOT));
    }

    @Test
    void aTextThatIsNotANumberFailsAsMessageFormatFails() {
        Messages messages = messagesOf("k = {0,choice,0#none|1<{0,number,0} of them}");
        IllegalArgumentException expected = assertThrows(IllegalArgumentException.class,
                () -> Languages.compile("{0,choice,0#none|1<{0,number,0} of them}", Locale.ROOT).format(new Object[] {"many"}));
        IllegalArgumentException actual = assertThrows(IllegalArgumentException.class, () -> messages.format("k", List.of("many"), Locale.ROOT));
        assertEquals(expected.getMessage(), actual.getMessage());
    }

    @Test
    void aChoiceWhoseArgumentIsAlsoANumberIsLeftToMessageFormat() {
        MessageFormat mf = Languages.compile("{0,number,0} ({0,choice,1#one|1<{0,number,0}})", Locale.ROOT);
        assertNull(NestedChoice.install(mf, "{0,number,0} ({0,choice,1#one|1<{0,number,0}})", Locale.ROOT));
        Messages messages = messagesOf("k = {0,number,0} ({0,choice,1#one|1<{0,number,0}})");
        assertEquals("3 (3)", messages.format("k", List.of(3), Locale.ROOT));
    }

    @Test
    void placeholdersAreReadInTheOrderMessageFormatKeepsThem() {
        assertArrayEquals(new int[] {2, 0, 1}, NestedChoice.argumentIndices("a {2} b { 0 ,choice,0#x|1<{1} y} c {1}"));
        MessageFormat mf = Languages.compile("a {2} b {0,choice,0#x|1<{1} y} c {1}", Locale.ROOT);
        assertEquals(3, mf.getFormats().length);
        assertNotNull(NestedChoice.install(mf, "a {2} b {0,choice,0#x|1<{1} y} c {1}", Locale.ROOT));
    }

    private static Messages messagesOf(String properties) {
        return Messages.of(Languages.read(Map.of("messages.properties", properties), new ArrayList<>()));
    }
}
