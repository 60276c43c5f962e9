package dev.preflight.engine;

import java.text.ChoiceFormat;
import java.text.FieldPosition;
import java.text.Format;
import java.text.MessageFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A choice whose texts use arguments ({@code {0,choice,1#one user|1<{0,number,0} users}}), formatted
 * exactly as {@link MessageFormat} formats it, with each chosen text read as a pattern once.
 * {@link MessageFormat} reads the chosen text as a new pattern at every call, and a number format in
 * it builds the language's number symbols again, for every finding of every tenant: work that does
 * not depend on the tenant.
 *
 * <p>A format sees only its own argument, and such a text uses the others too; so {@link Messages}
 * passes that argument as an {@link Argument} holding all of them ({@link #wrap}).
 */
final class NestedChoice extends Format {

    /** The value of the choice's argument, with every argument of the message, which the chosen text may use. */
    record Argument(Object value, Object[] all) {
    }

    /** A chosen text read as a pattern, as {@link MessageFormat} reads it (apostrophes quote, as there). */
    private record Text(MessageFormat format, boolean shared) {
    }

    private final ChoiceFormat choice;
    private final Locale locale;
    private final ConcurrentHashMap<String, Text> texts = new ConcurrentHashMap<>();

    private NestedChoice(ChoiceFormat choice, Locale locale) {
        this.choice = choice;
        this.locale = locale;
    }

    /**
     * Replaces, in a compiled pattern, each choice whose texts use arguments; returns the argument
     * indices to pass {@link #wrap wrapped}, or {@code null} when there is none. A choice whose
     * argument another placeholder formats as well (as a number, a date) is left to
     * {@link MessageFormat}: that format could not read a wrapped argument.
     */
    static int[] install(MessageFormat mf, String pattern, Locale locale) {
        Format[] formats = mf.getFormats();
        int[] argumentOf = argumentIndices(pattern);
        if (argumentOf.length != formats.length) {
            return null; // a pattern this reading does not follow: leave it as it is
        }
        List<Integer> nested = new ArrayList<>();
        for (int i = 0; i < formats.length; i++) {
            if (formats[i] instanceof ChoiceFormat c && usesArguments(c) && !nested.contains(argumentOf[i])) {
                nested.add(argumentOf[i]);
            }
        }
        nested.removeIf(arg -> {
            for (int i = 0; i < formats.length; i++) {
                boolean readsWrapped = Languages.isPlain(formats[i]) || formats[i] instanceof ChoiceFormat c && usesArguments(c);
                if (argumentOf[i] == arg && !readsWrapped) {
                    return true;
                }
            }
            return false;
        });
        if (nested.isEmpty()) {
            return null;
        }
        for (int i = 0; i < formats.length; i++) {
            if (nested.contains(argumentOf[i]) && formats[i] instanceof ChoiceFormat c) {
                mf.setFormat(i, new NestedChoice(c, locale));
            }
        }
        return nested.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The arguments with those at {@code nested} wrapped; a null stays null, which prints "null" as
     * before. {@code values} itself is what the chosen texts read: the caller must not change it after.
     */
    static Object[] wrap(Object[] values, int[] nested) {
        Object[] out = values.clone();
        for (int i : nested) {
            if (i < out.length && out[i] != null) {
                out[i] = new Argument(out[i], values);
            }
        }
        return out;
    }

    private static boolean usesArguments(ChoiceFormat c) {
        for (Object text : c.getFormats()) {
            if (((String) text).indexOf('{') >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The argument index of each placeholder of a pattern, in the order of {@link MessageFormat#getFormats}.
     * Apostrophes are literal in this project's patterns ({@link Languages#compile}), so only braces count.
     */
    static int[] argumentIndices(String pattern) {
        List<Integer> out = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == '{') {
                if (depth == 0) {
                    int j = i + 1;
                    while (j < pattern.length() && Character.isWhitespace(pattern.charAt(j))) {
                        j++;
                    }
                    int start = j;
                    while (j < pattern.length() && pattern.charAt(j) >= '0' && pattern.charAt(j) <= '9') {
                        j++;
                    }
                    out.add(j > start && j - start < 9 ? Integer.parseInt(pattern.substring(start, j)) : -1);
                }
                depth++;
            } else if (ch == '}' && depth > 0) {
                depth--;
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public StringBuffer format(Object obj, StringBuffer to, FieldPosition pos) {
        if (!(obj instanceof Argument a)) {
            return choice.format(obj, to, pos);
        }
        // As MessageFormat.subformat: the chosen text, read as a pattern when it has a placeholder,
        // formatted with all the arguments in the pattern's language.
        String chosen = choice.format(a.value());
        if (chosen.indexOf('{') < 0) {
            return to.append(chosen);
        }
        Text text = texts.computeIfAbsent(chosen, t -> {
            MessageFormat mf = new MessageFormat(t, locale);
            boolean shared = true;
            for (Format f : mf.getFormats()) {
                shared &= f == null || f instanceof ChoiceFormat; // a number or date format keeps state while formatting
            }
            return new Text(mf, shared);
        });
        MessageFormat mf = text.shared() ? text.format() : (MessageFormat) text.format().clone();
        return to.append(mf.format(a.all()));
    }

    @Override
    public Object parseObject(String source, ParsePosition pos) {
        throw new UnsupportedOperationException("findings' texts are formatted, never parsed");
    }
}
