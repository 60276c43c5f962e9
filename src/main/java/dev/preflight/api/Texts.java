package dev.preflight.api;

import dev.preflight.engine.Languages;
import dev.preflight.engine.RuleFiles;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The words of Preflight's reports in one language: headings, verdict and status words, labels,
 * check titles, read from the message files of the rules ({@code rules/messages.properties} and one
 * {@code messages_<locale>.properties} per further language). A key the language lacks falls back
 * to English. Immutable and thread-safe. Get one from {@link Evaluator#texts()}, or
 * {@link #builtIn(Locale)} for the texts shipped in the jar.
 */
public final class Texts {

    /** The languages Preflight ships texts for, as {@code --locale} names them. */
    public static final java.util.List<String> SHIPPED = java.util.List.of("en", "zh-CN", "zh-TW");

    private static final Pattern LEARN = Pattern.compile("^(https://learn\\.microsoft\\.com/)(?![a-z]{2}-[a-z]{2,4}/)", Pattern.CASE_INSENSITIVE);

    private final Locale locale;
    private final Map<String, String> patterns;
    private final Map<String, MessageFormat> compiled = new ConcurrentHashMap<>();

    /**
     * Texts of a language.
     *
     * @param locale   the language ({@link Locale#ROOT} for English)
     * @param patterns key to {@link MessageFormat} pattern, English already merged under the language's own texts
     */
    public Texts(Locale locale, Map<String, String> patterns) {
        this.locale = Objects.requireNonNull(locale, "locale");
        this.patterns = Map.copyOf(patterns);
    }

    /** The texts shipped in the jar for the language (English when it has none). */
    public static Texts builtIn(Locale locale) {
        Languages languages = BuiltIn.LANGUAGES;
        Locale resolved = languages.resolve(locale);
        return languages.texts(resolved == null ? Locale.ROOT : resolved);
    }

    /** The language; {@link Locale#ROOT} for English. */
    public Locale locale() {
        return locale;
    }

    /** The language as a BCP 47 tag: {@code en}, {@code zh-CN}, {@code zh-TW}. */
    public String languageTag() {
        return tag(locale);
    }

    /** The tag of a language as Preflight names it ({@code en} for the root). */
    public static String tag(Locale locale) {
        return locale.equals(Locale.ROOT) ? "en" : locale.toLanguageTag();
    }

    /** Whether the key has a text (in this language or in English). */
    public boolean has(String key) {
        return patterns.containsKey(key);
    }

    /**
     * The key's text with the arguments in place. A key without a text comes back as the key
     * itself, so that a missing text shows (and the completeness tests catch it) instead of
     * vanishing.
     */
    public String get(String key, Object... args) {
        String pattern = patterns.get(key);
        if (pattern == null) {
            return key;
        }
        MessageFormat mf = compiled.computeIfAbsent(key, k -> Languages.compile(pattern, locale));
        synchronized (mf) {
            return mf.format(args);
        }
    }

    /** The key's text, or {@code fallback} when neither this language nor English has one. */
    public String getOr(String key, String fallback, Object... args) {
        return has(key) ? get(key, args) : fallback;
    }

    /** A check's title in this language, or the declared (English) one. */
    public String title(String checkId, String declared) {
        return getOr(checkId + ".title", declared);
    }

    /** An area's name ({@code LIC} is "Licensing"); the code itself for an area without a name. */
    public String area(String area) {
        return getOr("area." + area, area);
    }

    /** Items joined the way this language lists them ("a; b", "a；b"). */
    public String list(java.util.List<String> items) {
        return list(items, "report.list");
    }

    /** Items joined two by two with the text of {@code joinKey} ({@code {0}, {1}}; {@code {0}，{1}}). */
    public String list(java.util.List<String> items, String joinKey) {
        if (items.isEmpty()) {
            return "";
        }
        String out = items.get(0);
        for (int i = 1; i < items.size(); i++) {
            out = get(joinKey, out, items.get(i));
        }
        return out;
    }

    /**
     * A Microsoft Learn link in this language's edition ({@code learn.microsoft.com/zh-cn/entra/...}),
     * from the {@code docs.locale} text; any other link unchanged.
     */
    public String docUrl(String url) {
        String segment = patterns.getOrDefault("docs.locale", "").strip();
        if (url == null || segment.isEmpty()) {
            return url;
        }
        return LEARN.matcher(url).replaceFirst("$1" + segment + "/");
    }

    /** A missing fact as this language says it: the path, and why when it was present but cannot be judged. */
    public String missing(MissingFact m) {
        String fact = MissingFact.NOT_COLLECTED.equals(m.reason()) ? m.path()
                : get("report.missingFact", m.path(), m.why() != null ? reason(m.why()) : reason(m.reason()));
        return m.source() == null ? fact : get("report.missingFrom", fact, files(m.source()));
    }

    /** The cloud's name in this language ("Public cloud", "Azure 全球云"). */
    public String cloud(String cloud) {
        return get("report.cloud", getOr("report.cloud." + cloud, cloud));
    }

    /** Where the rules came from: their directory, or the built-in rules in this language's words. */
    public String rulesSource(String source) {
        return "built-in".equals(source) ? get("report.rules.builtIn") : source;
    }

    /** Alternative files ("graph/users.json or graph/groupMembers.<groupId>.json") joined as this language says "or". */
    public String files(String alternatives) {
        return list(java.util.List.of(alternatives.split(" or ")), "report.or");
    }

    /**
     * A reason given in words: "not collected" in this language, any other (the rules' own, already
     * in the report's language) as it is. The importer's reasons have keys: {@link #reason(MissingFact.Reason)}.
     */
    public String reason(String reason) {
        return MissingFact.NOT_COLLECTED.equals(reason) && !locale.equals(Locale.ROOT) ? getOr("report.notCollected", reason) : reason;
    }

    /**
     * The importer's reason for a missing fact (collection.md: file absent, request failed, not
     * given, answer needed, ...) in this language: its key's text with the arguments in place, a
     * list of alternatives joined as this language says "or", a reason inside it put in words too.
     */
    public String reason(MissingFact.Reason reason) {
        Object[] args = new Object[reason.arguments().size()];
        for (int i = 0; i < args.length; i++) {
            Object a = reason.arguments().get(i);
            if (a instanceof MissingFact.Reason inner) {
                args[i] = reason(inner);
            } else if (a instanceof java.util.List<?> alternatives) {
                java.util.List<String> items = new ArrayList<>();
                alternatives.forEach(x -> items.add(String.valueOf(x)));
                args[i] = list(items, "report.or");
            } else {
                args[i] = a;
            }
        }
        return get(reason.key(), args);
    }

    /** The missing facts of a check, listed. */
    public String missing(java.util.List<MissingFact> facts) {
        java.util.List<String> items = new ArrayList<>(facts.size());
        facts.forEach(m -> items.add(missing(m)));
        return list(items);
    }

    @Override
    public String toString() {
        return "Texts[" + languageTag() + ", " + patterns.size() + " keys]";
    }

    /** The shipped message files, read once when first needed. */
    private static final class BuiltIn {
        // Checked when the jar was built (RulesBundler), like everything under rules/.
        static final Languages LANGUAGES = Languages.read(RuleFiles.builtIn().messages(), new ArrayList<>(), false);
    }
}
