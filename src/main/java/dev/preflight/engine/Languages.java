package dev.preflight.engine;

import dev.preflight.api.RuleProblem;
import dev.preflight.api.Texts;
import java.io.IOException;
import java.io.StringReader;
import java.text.FieldPosition;
import java.text.Format;
import java.text.MessageFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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
 * The message files of a rules directory, one per language: {@code messages.properties} (English,
 * the root) and {@code messages_<language>_<COUNTRY>.properties} ({@code messages_zh_CN.properties}).
 * Read as UTF-8 (the rules' encoding, not the ISO-8859-1 of {@code Properties} files of old).
 */
public final class Languages {

    /** The English file. */
    public static final String ROOT_FILE = "messages.properties";
    private static final Pattern FILE_NAME = Pattern.compile("messages(?:_([A-Za-z]{2,3})(?:_([A-Za-z]{2}|[A-Za-z]{4}))?)?\\.properties");
    private static final Pattern KEY_LINE = Pattern.compile("^\\s*([^#!\\s=:][^\\s=:]*)\\s*[=:\\s]");

    /** The prefixes of the keys of the report's own words (headings, labels, verdicts), as opposed to findings' texts. */
    public static final List<String> REPORT_WORDS = List.of("docs.", "report.", "verdict.", "status.", "severity.", "label.", "area.",
            "html.", "catalogue.", "batch.", "fleet.", "diff.", "rules.", "nextStep", "value.");

    /** Whether a key holds one of the report's own words rather than a finding's text. */
    public static boolean isReportWord(String key) {
        return REPORT_WORDS.stream().anyMatch(key::startsWith);
    }

    /** Prints an argument as it is: no digit grouping, so 2008 stays 2008. */
    private static final Format PLAIN = new Format() {
        @Override
        public StringBuffer format(Object obj, StringBuffer to, FieldPosition pos) {
            // A choice's argument passed with all the others (NestedChoice) prints as itself.
            return to.append(obj instanceof NestedChoice.Argument a ? a.value() : obj);
        }

        @Override
        public Object parseObject(String source, ParsePosition pos) {
            return null;
        }
    };

    /**
     * One message file.
     *
     * @param file   its name
     * @param locale its language, {@link Locale#ROOT} for English
     * @param texts  key to pattern
     * @param lines  key to the line it is on
     */
    public record Bundle(String file, Locale locale, Map<String, String> texts, Map<String, Integer> lines) {
    }

    private final Map<Locale, Bundle> bundles;
    private final Map<Locale, Texts> texts = new ConcurrentHashMap<>();

    private Languages(Map<Locale, Bundle> bundles) {
        this.bundles = bundles;
    }

    /** Reads the message files (name to text); a file that does not read or a pattern that does not compile is added to the problems. */
    public static Languages read(Map<String, String> files, List<RuleProblem> problems) {
        return read(files, problems, true);
    }

    /**
     * Reads the message files; {@code checkPatterns} false leaves the patterns uncompiled until
     * used: for files already checked (the shipped rules, checked when the jar was built), where
     * compiling the three languages' every pattern was a tenth of a one-shot run's start-up.
     */
    public static Languages read(Map<String, String> files, List<RuleProblem> problems, boolean checkPatterns) {
        Map<Locale, Bundle> bundles = new LinkedHashMap<>();
        files.forEach((name, text) -> {
            Matcher m = FILE_NAME.matcher(name);
            if (!m.matches()) {
                problems.add(RuleProblem.warning(name, 0, 0, "not a message file name (messages.properties or messages_<language>_<COUNTRY>.properties): not read"));
                return;
            }
            Locale locale = m.group(1) == null ? Locale.ROOT
                    : new Locale.Builder().setLanguage(m.group(1)).setRegion(m.group(2) != null && m.group(2).length() == 2 ? m.group(2) : "")
                    .setScript(m.group(2) != null && m.group(2).length() == 4 ? m.group(2) : "").build();
            Properties p = new Properties();
            try {
                p.load(new StringReader(text));
            } catch (IOException | IllegalArgumentException e) {
                problems.add(RuleProblem.error(name, 0, 0, "not a properties file: " + e.getMessage()));
                return;
            }
            Map<String, Integer> lines = lines(text, p);
            Map<String, String> texts = new TreeMap<>();
            p.forEach((k, v) -> texts.put((String) k, ((String) v).strip()));
            texts.forEach((key, pattern) -> {
                if (!checkPatterns) {
                    return;
                }
                try {
                    compile(pattern, locale);
                } catch (IllegalArgumentException e) {
                    problems.add(RuleProblem.error(name, lines.getOrDefault(key, 0), 0,
                            "text of " + key + " is not a valid message pattern: " + e.getMessage()).withExcerpt(pattern));
                }
            });
            bundles.put(locale, new Bundle(name, locale, Collections.unmodifiableMap(texts), Collections.unmodifiableMap(lines)));
        });
        bundles.putIfAbsent(Locale.ROOT, new Bundle(ROOT_FILE, Locale.ROOT, Map.of(), Map.of()));
        // The root first, then the other languages by tag.
        Map<Locale, Bundle> ordered = new LinkedHashMap<>();
        ordered.put(Locale.ROOT, bundles.remove(Locale.ROOT));
        bundles.keySet().stream().sorted((a, b) -> a.toLanguageTag().compareTo(b.toLanguageTag())).forEach(l -> ordered.put(l, bundles.get(l)));
        return new Languages(Collections.unmodifiableMap(ordered));
    }

    /** The line of each key, in file order: where an analyst looks for it. Shared with {@link Messages}. */
    static Map<String, Integer> lines(String text, Properties p) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        String[] ls = text.split("\n", -1);
        boolean continued = false;
        for (int i = 0; i < ls.length; i++) {
            String line = ls[i];
            if (!continued) {
                Matcher k = KEY_LINE.matcher(line + " ");
                if (k.find() && p.containsKey(k.group(1))) {
                    lines.putIfAbsent(k.group(1), i + 1);
                }
            }
            continued = line.endsWith("\\") && !line.endsWith("\\\\") && !line.strip().startsWith("#");
        }
        return lines;
    }

    /** Every message file, English first. */
    public List<Bundle> bundles() {
        return new ArrayList<>(bundles.values());
    }

    /** The English file. */
    public Bundle root() {
        return bundles.get(Locale.ROOT);
    }

    /** The languages there are texts for, English ({@link Locale#ROOT}) first. */
    public List<Locale> locales() {
        return new ArrayList<>(bundles.keySet());
    }

    /**
     * The language of these files that serves a requested one, or {@code null} when none does:
     * English for any English; the same language and country; for Chinese, Traditional for
     * {@code zh-Hant}, Taiwan, Hong Kong and Macao, Simplified for the rest ({@code zh}, {@code zh-Hans}, {@code zh-SG}).
     */
    public Locale resolve(Locale requested) {
        if (requested == null || requested.equals(Locale.ROOT) || requested.getLanguage().equals("en")) {
            return Locale.ROOT;
        }
        Locale exact = new Locale(requested.getLanguage(), requested.getCountry());
        if (bundles.containsKey(exact)) {
            return exact;
        }
        if (requested.getLanguage().equals("zh")) {
            boolean traditional = requested.getScript().equals("Hant")
                    || List.of("TW", "HK", "MO").contains(requested.getCountry());
            Locale chinese = traditional ? Locale.TRADITIONAL_CHINESE : Locale.SIMPLIFIED_CHINESE;
            if (bundles.containsKey(chinese)) {
                return chinese;
            }
        }
        Locale language = new Locale(requested.getLanguage());
        if (bundles.containsKey(language)) {
            return language;
        }
        return bundles.keySet().stream().filter(l -> l.getLanguage().equals(requested.getLanguage())).findFirst().orElse(null);
    }

    /** The texts of one of these languages (English for a language there is no file for), English filling its gaps. */
    public Texts texts(Locale locale) {
        Locale l = bundles.containsKey(locale) ? locale : Locale.ROOT;
        return texts.computeIfAbsent(l, k -> {
            Map<String, String> merged = new HashMap<>(root().texts());
            merged.putAll(bundles.get(k).texts());
            return new Texts(k, merged);
        });
    }

    /** Whether the format prints its argument as it is (what {@link #compile} puts where a pattern names no format). */
    static boolean isPlain(Format format) {
        return format == PLAIN;
    }

    /** A pattern as {@link MessageFormat} reads it, apostrophes taken literally, plain arguments printed as they are. */
    public static MessageFormat compile(String pattern, Locale locale) {
        MessageFormat mf = new MessageFormat(pattern.replace("'", "''"), locale);
        Format[] formats = mf.getFormats();
        for (int i = 0; i < formats.length; i++) {
            if (formats[i] == null) {
                mf.setFormat(i, PLAIN);
            }
        }
        return mf;
    }

    /** The placeholders a pattern uses, by argument index: {@code {0}}, {@code {1,choice,...}} both count as 0, 1. */
    public static java.util.SortedSet<Integer> placeholders(String pattern) {
        java.util.SortedSet<Integer> used = new java.util.TreeSet<>();
        Matcher m = Pattern.compile("\\{\\s*(\\d+)\\s*[,}]").matcher(pattern);
        while (m.find()) {
            used.add(Integer.parseInt(m.group(1)));
        }
        return used;
    }
}
