package dev.preflight.engine;

import dev.preflight.api.RuleProblem;
import java.io.IOException;
import java.io.StringReader;
import java.text.FieldPosition;
import java.text.Format;
import java.text.MessageFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
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
    private static final Pattern FILE_NAME = Pattern.compile("messages(?:_([A-Za-z]{2,3}(?:_[A-Za-z]{2})?))?\\.properties");
    /** The parts a finding's key may have beside its message. */
    static final List<String> PARTS = List.of("evidence", "evidence.2", "expected", "remediation");

    /** Prints an argument as it is: no digit grouping, so that 2008 stays 2008 and 12000 stays 12000. */
    private static final Format PLAIN = new Format() {
        @Override
        public StringBuffer format(Object obj, StringBuffer to, FieldPosition pos) {
            return to.append(obj);
        }

        @Override
        public Object parseObject(String source, ParsePosition pos) {
            return null;
        }
    };

    /** One message file: key to pattern, and the line each key is on. */
    record Bundle(String file, Locale locale, Map<String, String> texts, Map<String, Integer> lines) {
    }

    private final Map<Locale, Bundle> bundles;
    private final Map<String, MessageFormat> formats = new ConcurrentHashMap<>();
    /** Per language, the tables' texts that arguments quote (an event's meaning) to their translation. */
    private volatile java.util.function.Function<Locale, Map<String, String>> valueTranslations = l -> Map.of();

    private Messages(Map<Locale, Bundle> bundles) {
        this.bundles = bundles;
    }

    /** Reads every message file of the rules; problems (a file that is not UTF-8 properties) are added. */
    static Messages read(Map<String, String> files, List<RuleProblem> problems) {
        Map<Locale, Bundle> bundles = new LinkedHashMap<>();
        files.forEach((name, text) -> {
            Matcher m = FILE_NAME.matcher(name);
            if (!m.matches()) {
                return;
            }
            Locale locale = m.group(1) == null ? Locale.ROOT : Locale.forLanguageTag(m.group(1).replace('_', '-'));
            Properties p = new Properties();
            try {
                p.load(new StringReader(text));
            } catch (IOException | IllegalArgumentException e) {
                problems.add(RuleProblem.error(name, 0, 0, "not a properties file: " + e.getMessage()));
                return;
            }
            Map<String, Integer> lines = Languages.lines(text, p);
            Map<String, String> texts = new TreeMap<>();
            p.forEach((k, v) -> texts.put((String) k, ((String) v).strip()));
            for (Map.Entry<String, String> t : texts.entrySet()) {
                try {
                    compile(t.getValue(), locale);
                } catch (IllegalArgumentException e) {
                    problems.add(RuleProblem.error(name, lines.getOrDefault(t.getKey(), 0), 0,
                            "text of " + t.getKey() + " is not a valid message pattern: " + e.getMessage()).withExcerpt(t.getValue()));
                }
            }
            bundles.put(locale, new Bundle(name, locale, Collections.unmodifiableMap(texts), lines));
        });
        if (!bundles.containsKey(Locale.ROOT)) {
            bundles.put(Locale.ROOT, new Bundle(FILE, Locale.ROOT, Map.of(), Map.of()));
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

    /** The key's text in the locale with the arguments; null when the key has no text. */
    public String format(String key, List<Object> args, Locale locale) {
        String pattern = pattern(key, locale);
        if (pattern == null) {
            return null;
        }
        MessageFormat mf = formats.computeIfAbsent(locale.toLanguageTag() + "\u0000" + key, k -> compile(pattern, locale));
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
            Object a = args.get(i);
            values[i] = a instanceof Boolean b ? (b ? 1 : 0) : a;
        }
        if (!locale.equals(Locale.ROOT)) {
            Map<String, String> translated = valueTranslations.apply(locale);
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof String text && translated.containsKey(text)) {
                    values[i] = translated.get(text);
                }
            }
        }
        return ((MessageFormat) mf.clone()).format(values);
    }

    /**
     * Where the texts of the tables' text columns are translated ({@link dev.preflight.rules.Tables#translations}):
     * an argument quoting an English table text is shown in the language of the message. The
     * finding's arguments themselves stay as the rule passed them.
     */
    void translateValuesWith(java.util.function.Function<Locale, Map<String, String>> translations) {
        this.valueTranslations = translations;
    }

    /** A pattern as {@link MessageFormat} reads it, apostrophes taken literally, plain arguments printed as they are. */
    static MessageFormat compile(String pattern, Locale locale) {
        MessageFormat mf = new MessageFormat(literalApostrophes(pattern), locale);
        Format[] formats = mf.getFormats();
        for (int i = 0; i < formats.length; i++) {
            if (formats[i] == null) {
                mf.setFormat(i, PLAIN);
            }
        }
        return mf;
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
