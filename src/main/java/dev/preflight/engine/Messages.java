package dev.preflight.engine;

import dev.preflight.engine.Languages.Bundle;
import java.text.Format;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts of findings, in {@code rules/messages.properties} (English, the root) and one
 * {@code rules/messages_<locale>.properties} per further language ({@code messages_zh_CN.properties}):
 * key to {@link MessageFormat} pattern, {@code {0}} the first argument the rule passes. A finding's
 * key {@code k} has its message under {@code k}, and optionally {@code k.evidence}, {@code k.evidence.2},
 * {@code k.expected} and {@code k.remediation}, all formatted with the same arguments. Plurals use
 * a choice: {@code {0,choice,1#1 day|1<{0} days}}. An apostrophe is an apostrophe (no quoting).
 */
public final class Messages {

    /** The English texts, the root every other language falls back to. */
    public static final String FILE = "messages.properties";
    /** The parts a finding's key may have beside its message. */
    static final List<String> PARTS = List.of("evidence", "evidence.2", "expected", "remediation");

    private final Map<Locale, Bundle> bundles;
    private final Map<Locale, Map<String, Compiled>> formats = new ConcurrentHashMap<>();
    /** Per language, the tables' texts that arguments quote (an event's meaning) to their translation. */
    private volatile java.util.function.Function<Locale, Map<String, String>> valueTranslations = l -> Map.of();

    private Messages(Map<Locale, Bundle> bundles) {
        this.bundles = bundles;
    }

    /** The texts of the message files as read by {@link Languages} (which reports their problems). */
    static Messages of(Languages languages) {
        Map<Locale, Bundle> bundles = new LinkedHashMap<>();
        for (Bundle b : languages.bundles()) {
            bundles.put(b.locale(), b);
        }
        return new Messages(bundles);
    }

    /** The English (root) file. */
    Bundle root() {
        return bundles.get(Locale.ROOT);
    }

    /** Every message file, the root first. */
    List<Bundle> bundles() {
        return new ArrayList<>(bundles.values());
    }

    /** Whether the key has an English text. */
    public boolean has(String key) {
        return root().texts().containsKey(key);
    }

    /** The text of the key in the locale, falling back to the language, then to English; null when there is none. */
    String pattern(String key, Locale locale) {
        for (Locale l = locale; l != null; l = parent(l)) {
            Bundle b = bundles.get(l);
            if (b != null && b.texts().containsKey(key)) {
                return b.texts().get(key);
            }
        }
        return null;
    }

    private static Locale parent(Locale l) {
        if (l.equals(Locale.ROOT)) {
            return null;
        }
        if (!l.getCountry().isEmpty()) {
            return Locale.forLanguageTag(l.getLanguage());
        }
        return Locale.ROOT;
    }

    /** A finding key's parts ({@link #PARTS}), the keys built once: a finding formats several per tenant. */
    private final Map<String, String[]> partKeys = new ConcurrentHashMap<>();

    /** The text of part {@code part} of {@link #PARTS} of a finding's key, as {@link #format}. */
    String formatPart(String key, int part, List<Object> args, Locale locale) {
        String[] keys = partKeys.get(key); // get first: computeIfAbsent may lock the bin even when the key is there
        if (keys == null) {
            keys = partKeys.computeIfAbsent(key, k -> PARTS.stream().map(p -> k + "." + p).toArray(String[]::new));
        }
        return format(keys[part], args, locale);
    }

    /** The key's text in the locale with the arguments; null when the key has no text. */
    public String format(String key, List<Object> args, Locale locale) {
        return format(key, args, locale, true);
    }

    /**
     * The key's text in the locale with the arguments exactly as given: no argument is translated
     * (what Java or the analyst wrote, such as an exception's message or a rule's name, is quoted as
     * it is); null when the key has no text.
     */
    String formatAsIs(String key, List<Object> args, Locale locale) {
        return format(key, args, locale, false);
    }

    private String format(String key, List<Object> args, Locale locale, boolean translateArguments) {
        Map<String, Compiled> inLanguage = formats.get(locale);
        if (inLanguage == null) {
            inLanguage = formats.computeIfAbsent(locale, l -> new ConcurrentHashMap<>());
        }
        Compiled c = inLanguage.get(key);
        if (c == null) {
            c = inLanguage.computeIfAbsent(key, k -> compiled(k, locale));
        }
        if (c == Compiled.NONE) {
            return null;
        }
        if (c.constant != null) {
            return c.constant;
        }
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
            Object a = args.get(i);
            values[i] = a instanceof Boolean b ? (b ? 1 : 0) : a;
        }
        if (translateArguments && !locale.equals(Locale.ROOT)) {
            Map<String, String> translated = valueTranslations.apply(locale);
            Map<String, String> words = valueWords(locale);
            String join = pattern("report.list.inline", locale);
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof String text) {
                    values[i] = translate(text, translated, words, join);
                } else if (values[i] instanceof Arguments.Listed l) {
                    List<String> items = new java.util.ArrayList<>(l.items().size());
                    l.items().forEach(item -> items.add(translate(item, translated, words, join)));
                    values[i] = join(items, join, locale);
                }
            }
        }
        if (c.plain != null) {
            return c.plain.format(values);
        }
        if (c.nestedChoices != null) {
            values = NestedChoice.wrap(values, c.nestedChoices);
        }
        // MessageFormat is not thread-safe when it holds a number format; the others only read it.
        return (c.shared ? c.format : (MessageFormat) c.format.clone()).format(values);
    }

    private static String translate(String text, Map<String, String> translated, Map<String, String> words, String join) {
        if (translated.containsKey(text)) {
            return translated.get(text);
        }
        return words.isEmpty() ? text : translateWords(text, words, join);
    }

    /** Items joined two by two with the language's list pattern ({@code {0}, {1}}; {@code {0}、{1}}). */
    private static String join(List<String> items, String pattern, Locale locale) {
        if (items.isEmpty() || pattern == null) {
            return String.join(", ", items);
        }
        MessageFormat mf = compile(pattern, locale);
        String out = items.get(0);
        for (int i = 1; i < items.size(); i++) {
            out = mf.format(new Object[] {out, items.get(i)});
        }
        return out;
    }

    /**
     * A key's text in one language, ready to format: most findings are formatted many times, and a
     * text without arguments is the same string every time.
     */
    private record Compiled(MessageFormat format, boolean shared, String constant, int[] nestedChoices, PlainText plain) {
        static final Compiled NONE = new Compiled(null, false, null, null, null);
    }

    private Compiled compiled(String key, Locale locale) {
        String pattern = pattern(key, locale);
        if (pattern == null) {
            return Compiled.NONE;
        }
        if (pattern.indexOf('{') < 0) {
            return new Compiled(null, true, pattern, null, null);
        }
        MessageFormat mf = compile(pattern, locale);
        int[] nested = NestedChoice.install(mf, pattern, locale);
        boolean shared = true;
        for (Format f : mf.getFormats()) {
            shared &= Languages.isPlain(f) || f instanceof java.text.ChoiceFormat || f instanceof NestedChoice;
        }
        return new Compiled(mf, shared, null, nested, nested == null ? PlainText.of(mf) : null);
    }

    private final Map<Locale, Map<String, String>> words = new ConcurrentHashMap<>();

    /**
     * The English words rules pass as arguments ({@code full import}, a license's {@code (no writeback
     * plan)}) and their translation, from the language's {@code value.*} texts: {@code value.full_import}
     * translates "full import". Longest first, so that a longer phrase wins over a word inside it.
     */
    private Map<String, String> valueWords(Locale locale) {
        return words.computeIfAbsent(locale, l -> {
            java.util.TreeMap<String, String> out = new java.util.TreeMap<>(
                    java.util.Comparator.comparingInt(String::length).reversed().thenComparing(java.util.Comparator.naturalOrder()));
            Bundle root = root();
            if (root != null) {
                for (String key : root.texts().keySet()) {
                    if (key.startsWith("value.")) {
                        String text = pattern(key, l);
                        String english = root.texts().get(key);
                        if (text != null && !text.equals(english)) {
                            out.put(english, text);
                        }
                    }
                }
            }
            return out;
        });
    }

    /**
     * An argument in the language: the whole of it when it is one of the words, else each
     * parenthesised word ({@code ENTERPRISEPACK (no writeback plan)}) in the language's brackets, and
     * the parts of such a list joined as the language joins them.
     */
    private static String translateWords(String text, Map<String, String> words, String join) {
        String whole = words.get(text);
        if (whole != null) {
            return whole;
        }
        boolean changed = false;
        String out = text;
        for (Map.Entry<String, String> w : words.entrySet()) {
            String english = " (" + w.getKey() + ")";
            if (out.contains(english)) {
                out = out.replace(english, "（" + w.getValue() + "）");
                changed = true;
            }
        }
        if (changed && join != null && join.contains("{0}") && join.contains("{1}")) {
            String sep = join.substring(join.indexOf("{0}") + 3, join.indexOf("{1}"));
            out = out.replace("）, ", "）" + sep);
        }
        return out;
    }

    /**
     * Where the texts of the tables' text columns are translated ({@link dev.preflight.rules.Tables#translations}):
     * an argument quoting an English table text is shown in the language of the message. The
     * finding's arguments themselves stay as the rule passed them.
     */
    void translateValuesWith(java.util.function.Function<Locale, Map<String, String>> translations) {
        this.valueTranslations = translations;
    }

    /** A pattern as {@link MessageFormat} reads it: {@link Languages#compile}. */
    static MessageFormat compile(String pattern, Locale locale) {
        return Languages.compile(pattern, locale);
    }

    /** The highest argument index a pattern uses, plus one. */
    static int argumentCount(String pattern) {
        MessageFormat mf = new MessageFormat(literalApostrophes(pattern), Locale.ROOT);
        int n = 0;
        // The formats by argument index are as many as the highest index used plus one.
        n = Math.max(n, mf.getFormatsByArgumentIndex().length);
        Matcher m = Pattern.compile("\\{(\\d+)").matcher(pattern);
        while (m.find()) {
            n = Math.max(n, Integer.parseInt(m.group(1)) + 1);
        }
        return n;
    }

    private static String literalApostrophes(String pattern) {
        return pattern.replace("'", "''");
    }
}
