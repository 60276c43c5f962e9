package dev.preflight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.Evaluator;
import dev.preflight.api.FactsReader;
import dev.preflight.api.Report;
import dev.preflight.collection.CollectionFiles;
import dev.preflight.collection.CollectionImporter;
import dev.preflight.collection.ImportResult;
import dev.preflight.collection.MissingSources;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The report of the Windows PowerShell 5.1 collection (a refused export, blank answers, missing
 * files: every kind of next step and missing-fact reason) read in Chinese: no English word outside
 * what stays in English in Microsoft's Chinese Learn too (product, cmdlet, field, file and people's
 * names, ids, enum values), so that the engineer's instructions are in the reader's language, and
 * with Chinese punctuation.
 */
class ChineseCollectionReportTest {

    /** Words that are names in any language: products, the tenant's people and registry values. */
    private static final Set<String> NAMES = Set.of("Microsoft", "Entra", "Connect", "Active", "Directory", "Windows", "Server", "Standard",
            "Azure", "Enterprise", "Mobility", "Security", "Business", "Premium", "Contoso", "Joey", "Cruz", "Kalyan", "Krishna", "Markie",
            "Downing", "Client", "Enabled", "Warning", "Success", "true", "false", "ID", "Synchronization", "Service", "Manager", "PATH",
            "VALUE", "PowerShell", "Framework", "Graph", "ADSync", "Bus",
            // a field of the facts, named as the facts name it
            "purpose");
    /** A Latin word; tokens with digits, dots, slashes, brackets, @, _ or inner capitals are ids, paths, files, cmdlets or fields. */
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-/\\\\@\\[\\]<>*:]*");

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "zh-TW"})
    void theCollectionSampleHasNoEnglishWordOutsideNames(String tag) {
        ImportResult imported = CollectionImporter.importCollection(CollectionFiles.open(Path.of("samples/collection-ps51")));
        String text;
        String html;
        // No time limit: on a loaded machine the first, cold evaluation can outlast the default 30
        // seconds, and a stopped evaluation is another report (its checks in ERROR), not this one.
        try (Evaluator e = Evaluator.builder().locale(Locale.forLanguageTag(tag)).limits(100_000, java.time.Duration.ZERO).build()) {
            Report report = MissingSources.annotate(e.evaluate(FactsReader.read(imported.toJson(), "collection-ps51")), imported);
            text = TextReport.render(report, e.texts(), Style.PLAIN, true);
            String page = HtmlReport.render(report, e.texts());
            // A label ending in a full-width colon is followed by its text, not by a space too.
            assertTrue(page.contains("\uFF1A</i>") && !page.contains("\uFF1A</i> "), "no space after a label's full-width colon");
            // Inline elements (a bold name before its bracketed id) join their neighbours; blocks are separated.
            html = page.replaceAll("(?s)<style.*?</style>", "").replaceAll("</?(?:b|i|code|span|a)(?: [^>]*)?>", "").replaceAll("<[^>]+>", " ");
        }
        for (String page : new String[] {text, html.replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'").replace("&#34;", "\"").replace("&amp;", "&")}) {
            Set<String> english = new TreeSet<>();
            // What Windows logged is quoted as it was logged (the event's message is the customer's data).
            String scanned = page.replaceAll("https?://\\S+", " ").replaceAll("--[a-z-]+", " "); // links and command-line options
            for (var ev : imported.document().at("/onPremises/connect/recentEvents")) {
                scanned = scanned.replace(ev.path("message").asText(), " ");
            }
            Matcher m = WORD.matcher(scanned);
            while (m.find()) {
                String w = m.group();
                boolean identifier = w.matches(".*[0-9_./\\\\@\\[\\]<>*:-].*") || w.matches("[a-z]+[A-Z].*") || w.matches("[A-Z][a-z]+[A-Z].*")
                        || w.equals(w.toUpperCase(Locale.ROOT));
                if (!identifier && !NAMES.contains(w)) {
                    english.add(w);
                }
            }
            assertEquals(Set.of(), english, "English words in the " + tag + " report:\n" + page);
            // Chinese punctuation in text built in Java too: lists joined with 、, no half-width comma or
            // semicolon between items, and no half-width space before a full-width bracket.
            Set<String> punctuation = new TreeSet<>();
            Matcher p = Pattern.compile(".{0,24}(?:[,;] | [（［「『【]).{0,24}").matcher(scanned);
            while (p.find()) {
                punctuation.add(p.group());
            }
            assertEquals(Set.of(), punctuation, "English punctuation in the " + tag + " report:\n" + page);
        }
        assertTrue(text.contains(tag.equals("zh-CN") ? "完成此评估" : "完成此評估"), text);
    }
}
