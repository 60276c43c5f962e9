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
            html = ChineseText.pageText(page);
        }
        for (String page : new String[] {text, html}) {
            // What Windows logged is quoted as it was logged (the event's message is the customer's data).
            String scanned = ChineseText.withoutLinksAndOptions(page);
            for (var ev : imported.document().at("/onPremises/connect/recentEvents")) {
                scanned = scanned.replace(ev.path("message").asText(), " ");
            }
            assertEquals(Set.of(), ChineseText.englishWords(scanned), "English words in the " + tag + " report:\n" + page);
            // Chinese punctuation in text built in Java too: lists joined with 、, no half-width comma or
            // semicolon between items, and no half-width space before a full-width bracket.
            assertEquals(Set.of(), ChineseText.englishPunctuation(scanned), "English punctuation in the " + tag + " report:\n" + page);
        }
        assertTrue(text.contains(tag.equals("zh-CN") ? "完成此评估" : "完成此評估"), text);
    }
}
