package dev.preflight.report;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the Chinese reports are read for English left in them: the Latin words that are not names,
 * ids, paths or fields (what stays in English in Microsoft's Chinese Learn too), and half-width
 * punctuation between Chinese items.
 */
final class ChineseText {

    /** Words that are names in any language: products, the tenant's people and registry values. */
    static final Set<String> NAMES = Set.of("Microsoft", "Entra", "Connect", "Active", "Directory", "Windows", "Server", "Standard",
            "Azure", "Enterprise", "Mobility", "Security", "Business", "Premium", "Contoso", "Joey", "Cruz", "Kalyan", "Krishna", "Markie",
            "Downing", "Client", "Enabled", "Warning", "Success", "true", "false", "ID", "Synchronization", "Service", "Manager", "PATH",
            "VALUE", "PowerShell", "Framework", "Graph", "ADSync", "Bus",
            // a field of the facts, named as the facts name it
            "purpose");
    /** A Latin word; tokens with digits, dots, slashes, brackets, @, _ or inner capitals are ids, paths, files, cmdlets or fields. */
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-/\\\\@\\[\\]<>*:]*");

    private ChineseText() {
    }

    /** A page's text as a reader sees it: inline elements joined to their neighbours, blocks apart, entities decoded. */
    static String pageText(String html) {
        return html.replaceAll("(?s)<style.*?</style>", "")
                .replaceAll("</?(?:b|i|code|span|a)(?: [^>]*)?>", "").replaceAll("<[^>]+>", " ")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'").replace("&#34;", "\"").replace("&quot;", "\"").replace("&amp;", "&");
    }

    /** Text without what is not the report's own words: links and command-line options. */
    static String withoutLinksAndOptions(String text) {
        return text.replaceAll("https?://\\S+", " ").replaceAll("--[a-z-]+", " ");
    }

    /** The English words in the text, outside names ({@link #NAMES}) and identifiers. */
    static Set<String> englishWords(String text) {
        Set<String> english = new TreeSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String w = m.group();
            boolean identifier = w.matches(".*[0-9_./\\\\@\\[\\]<>*:-].*") || w.matches("[a-z]+[A-Z].*") || w.matches("[A-Z][a-z]+[A-Z].*")
                    || w.equals(w.toUpperCase(Locale.ROOT));
            if (!identifier && !NAMES.contains(w)) {
                english.add(w);
            }
        }
        return english;
    }

    /**
     * English punctuation where Chinese text wants its own: a half-width comma or semicolon between
     * items, a half-width space before a full-width bracket; each with what surrounds it.
     */
    static Set<String> englishPunctuation(String text) {
        Set<String> punctuation = new TreeSet<>();
        Matcher p = Pattern.compile(".{0,24}(?:[,;] | [（［「『【]).{0,24}").matcher(text);
        while (p.find()) {
            punctuation.add(p.group());
        }
        return punctuation;
    }
}
