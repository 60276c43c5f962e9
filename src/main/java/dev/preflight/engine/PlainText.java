package dev.preflight.engine;

import java.text.AttributedCharacterIterator;
import java.text.CharacterIterator;
import java.text.Format;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * A text whose arguments are all plain ({@code {0}}, printed as they are, {@link Languages#compile}),
 * formatted by joining its literal parts and its arguments: {@link MessageFormat#format} walks its
 * pattern and makes a buffer and a field position for the text and for every argument, at every
 * finding (5% of the rules step). Made only when it writes what {@link MessageFormat} writes; a
 * text it cannot take apart stays with {@link MessageFormat}. Immutable, thread-safe.
 */
final class PlainText {

    /** The text before each argument, and the text after the last: one more than {@link #arguments}. */
    private final String[] literals;
    /** The argument printed at each place, by index. */
    private final int[] arguments;
    private final int literalLength;

    private PlainText(String[] literals, int[] arguments) {
        this.literals = literals;
        this.arguments = arguments;
        int n = 0;
        for (String l : literals) {
            n += l.length();
        }
        this.literalLength = n;
    }

    /** The text taken apart, or null when one of its arguments has a format of its own (a number, a choice). */
    static PlainText of(MessageFormat format) {
        for (Format f : format.getFormats()) {
            if (!Languages.isPlain(f)) {
                return null;
            }
        }
        int count = format.getFormatsByArgumentIndex().length;
        // Where each argument lands, read from MessageFormat itself rather than from a parse of our own.
        AttributedCharacterIterator it = format.formatToCharacterIterator(probe(count, "\u0000"));
        List<String> literals = new ArrayList<>();
        List<Integer> arguments = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        while (it.current() != CharacterIterator.DONE) {
            int limit = it.getRunLimit(MessageFormat.Field.ARGUMENT);
            Object argument = it.getAttribute(MessageFormat.Field.ARGUMENT);
            StringBuilder run = new StringBuilder();
            for (char c = it.current(); it.getIndex() < limit; c = it.next()) {
                run.append(c);
            }
            if (argument instanceof Integer index) {
                literals.add(literal.toString());
                literal.setLength(0);
                arguments.add(index);
            } else {
                literal.append(run);
            }
        }
        literals.add(literal.toString());
        PlainText text = new PlainText(literals.toArray(String[]::new), arguments.stream().mapToInt(Integer::intValue).toArray());
        // Two arguments side by side with the same index read as one run: such a text, or any other
        // this reading gets wrong, is left to MessageFormat.
        for (String mark : List.of("\u0000", "\u0001x")) {
            Object[] values = probe(count, mark);
            if (!text.format(values).equals(format.format(values))) {
                return null;
            }
        }
        return text;
    }

    private static Object[] probe(int count, String mark) {
        Object[] values = new Object[count];
        for (int i = 0; i < count; i++) {
            values[i] = mark + i + mark;
        }
        return values;
    }

    /** What {@link MessageFormat#format} writes for these values: a missing one as {@code {n}}, null as {@code null}. */
    String format(Object[] values) {
        StringBuilder out = new StringBuilder(literalLength + 16 * arguments.length);
        for (int i = 0; i < arguments.length; i++) {
            out.append(literals[i]);
            int a = arguments[i];
            if (a < values.length) {
                out.append(values[a]); // as the plain format appends it; null as "null"
            } else {
                out.append('{').append(a).append('}');
            }
        }
        return out.append(literals[arguments.length]).toString();
    }
}
