package dev.preflight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.Evaluator;
import dev.preflight.api.Report;
import dev.preflight.api.Texts;
import dev.preflight.engine.RulesDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rule failures of a report read in Chinese: an evaluation stopped by the firing budget, and one
 * where a rule throws until the failures stop it. What Java says (the exception's class and its own
 * message) and what the analyst named (the rules) are quoted as they are; every other word is in
 * the reader's language, with Chinese punctuation, in the text and HTML reports alike. The English
 * report says what it said before, and the JSON's rule and check ids are the same in every language.
 */
class ChineseRuleFailuresTest {

    private static final String THROWS = "a rule that throws";
    private static final String RUNAWAY = "a rule that fires too often";
    private static final String SLOW = "a slow loop";
    /** The exception's message: English that Messages would translate as an argument ("full import" is a value word), quoted as it is. */
    private static final String EXCEPTION_MESSAGE = "full import";

    @TempDir
    static Path tmp;

    private static Path rules;

    /** The shipped rules with three broken rules, picking their tenants by idle timeout (301 throws, 302 runs away, 303 is slow). */
    @BeforeAll
    static void brokenRules() {
        rules = RulesDirs.copy(tmp.resolve("rules"));
        RulesDirs.edit(rules.resolve("checks.json"), """
                "onPremises.network.tlsInspection"
                      ]""", """
                "onPremises.network.tlsInspection"
                      ],
                      "exempt": {"onPremises.network.idleTimeoutSeconds": "the fault tests pick their tenants by idle timeout"}""");
        RulesDirs.append(rules.resolve("network.drl"), """

                rule "%s"
                    @id("PWB-NET-004") @severity(ERROR)
                when
                    $n : Network(idleTimeoutSeconds == 301)
                    $i : Integer() from java.util.stream.IntStream.rangeClosed(1, 60).boxed().toList()
                then
                    if ($i %% 2 == 0) throw new IllegalStateException();
                    if (true) throw new IllegalStateException("%s");
                    outcome.fail("tls-inspection");
                end

                rule "%s"
                    @id("PWB-NET-004") @severity(NONE)
                when
                    $n : Network(idleTimeoutSeconds == 302)
                    $i : Integer() from java.util.stream.IntStream.range(0, 20000).boxed().toList()
                then
                    $n.probes();
                end

                rule "%s"
                    @id("PWB-NET-004") @severity(NONE)
                when
                    $n : Network(idleTimeoutSeconds == 303)
                    $i : Integer() from java.util.stream.IntStream.range(0, 1000).boxed().toList()
                then
                    try { Thread.sleep(50); } catch (InterruptedException x) { }
                end
                """.formatted(THROWS, EXCEPTION_MESSAGE, RUNAWAY, SLOW));
    }

    private static Evaluator evaluator(String tag) {
        // No time limit: a stop by time on a loaded machine would be another report than these.
        return evaluator(tag, 5_000, Duration.ZERO);
    }

    private static Evaluator evaluator(String tag, int firings, Duration time) {
        return Evaluator.builder().rulesDirectory(rules).compiledRulesCache(tmp.resolve("cache")).locale(Locale.forLanguageTag(tag))
                .limits(firings, time).build();
    }

    private static String tenant(int idleTimeout) throws IOException {
        return Files.readString(Path.of("samples", "healthy-hybrid.json")).replace("\"idleTimeoutSeconds\": 300", "\"idleTimeoutSeconds\": " + idleTimeout);
    }

    /** The text report's rule failures: the lines below its heading. */
    private static String textSection(String text, Texts texts) {
        String heading = "\n" + texts.get("report.ruleFailures") + "\n";
        int start = text.indexOf(heading);
        assertTrue(start >= 0, text);
        start += heading.length();
        return text.substring(start, text.indexOf("\n\n", start));
    }

    /** The HTML report's rule failures, as the reader sees them. */
    private static String htmlSection(String page, Texts texts) {
        Matcher m = Pattern.compile("(?s)<h2>" + Pattern.quote(texts.get("report.ruleFailures")) + "</h2>\\s*<ul>(.*?)</ul>").matcher(page);
        assertTrue(m.find(), page);
        return ChineseText.pageText(m.group(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "zh-TW"})
    void stoppedAndThrowingRulesAreReportedInChinese(String tag) throws IOException {
        String quoted = tag.equals("zh-CN") ? "“" + EXCEPTION_MESSAGE + "”" : "「" + EXCEPTION_MESSAGE + "」";
        try (Evaluator e = evaluator(tag); Evaluator timed = evaluator(tag, 1_000_000, Duration.ofMillis(1_000))) {
            Texts texts = e.texts();
            timed.evaluate(tenant(300)); // warm, so that the time limit is spent on the slow loop
            for (int idle : new int[] {301, 302, 303}) {
                Report report = (idle == 303 ? timed : e).evaluate(tenant(idle));
                assertTrue(!report.errors().isEmpty(), "the broken rule failed for idle timeout " + idle);
                String text = textSection(TextReport.render(report, texts, Style.PLAIN, false), texts);
                String html = htmlSection(HtmlReport.render(report, texts), texts);
                if (idle == 303) {
                    assertTrue(text.contains(texts.get("report.error.stopped.time")) && text.contains(SLOW), text);
                }
                if (idle == 301) {
                    assertTrue(text.contains(quoted) && html.contains(quoted), "the exception's message quoted as Java wrote it:\n" + text);
                }
                for (String section : List.of(text, html)) {
                    // The analyst's rule names and the exception's own message stay as they are.
                    String scanned = section.replace(THROWS, " ").replace(RUNAWAY, " ").replace(SLOW, " ").replace(EXCEPTION_MESSAGE, " ");
                    assertEquals(Set.of(), ChineseText.englishWords(scanned), "English words in the " + tag + " rule failures:\n" + section);
                    assertEquals(Set.of(), ChineseText.englishPunctuation(scanned), "English punctuation in the " + tag + " rule failures:\n" + section);
                    assertTrue(!scanned.matches("(?s).*[:;(]\\s.*"), "half-width colon, semicolon or bracket in the " + tag + " rule failures:\n" + section);
                }
            }
        }
    }

    @Test
    void theEnglishReportSaysWhatItSaid() throws IOException {
        List<Report.EvaluationError> english;
        try (Evaluator e = evaluator("en")) {
            Report thrown = e.evaluate(tenant(301));
            String text = textSection(TextReport.render(thrown, e.texts(), Style.PLAIN, false), e.texts());
            assertTrue(text.contains("  rule \"a rule that throws\" (PWB-NET-004): IllegalStateException: full import\n"), text);
            assertTrue(text.contains("  rule \"a rule that throws\" (PWB-NET-004): IllegalStateException\n"), text);
            assertTrue(text.contains(": stopped after 50 rule failures; the rule that fired most was \"a rule that throws\" (50 times)"), text);
            assertTrue(HtmlReport.render(thrown, e.texts()).contains("<li>rule &#34;a rule that throws&#34;: IllegalStateException: full import</li>"));
            Report stopped = e.evaluate(tenant(302));
            assertTrue(stopped.errors().get(0).message().startsWith("stopped after 5000 rule firings: a rule keeps re-activating itself; "
                    + "the last rule to fire was \"a rule that fires too often\"; the rule that fired most was \"a rule that fires too often\" ("),
                    stopped.errors().get(0).message());
            english = stopped.errors();
        }
        // The fields machines group by are the same in every language: only the message is the reader's.
        try (Evaluator e = evaluator("zh-CN")) {
            List<Report.EvaluationError> chinese = e.evaluate(tenant(302)).errors();
            assertEquals(english.stream().map(x -> x.rule() + " " + x.checkId()).toList(), chinese.stream().map(x -> x.rule() + " " + x.checkId()).toList());
        }
    }

    @Test
    void aFailureWithoutItsRuleIsSaidInTheLanguage() {
        Report.EvaluationError none = new Report.EvaluationError(Report.EvaluationError.NO_RULE, null, "x");
        Report.EvaluationError unknown = new Report.EvaluationError(Report.EvaluationError.UNKNOWN_RULE, null, "x");
        assertEquals("rule \"(none)\"", TextReport.ruleLabel(none, Texts.builtIn(Locale.ROOT)));
        assertEquals("规则“（无）”", TextReport.ruleLabel(none, Texts.builtIn(Locale.SIMPLIFIED_CHINESE)));
        assertEquals("規則「（未知規則）」", TextReport.ruleLabel(unknown, Texts.builtIn(Locale.TRADITIONAL_CHINESE)));
    }
}
