package dev.preflight.ruletest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.CheckResult;
import dev.preflight.api.Evaluator;
import dev.preflight.api.Finding;
import dev.preflight.api.InvalidFactsException;
import dev.preflight.api.Report;
import dev.preflight.engine.Languages;
import dev.preflight.engine.RuleFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every finding, note and title that the rule test cases ({@code rules/tests}) produce, rendered in
 * each shipped language other than English: none shows a message key, an unformatted placeholder,
 * or a stray English sentence; each carries Chinese text outside the names and ids it quotes.
 */
class TranslationCoverageTest {

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    /** Three lowercase English words in a row: a sentence, not a name ("Windows Server 2016") or a field path. */
    private static final Pattern ENGLISH = Pattern.compile("\\b[a-z]{2,}(?:[ ,]+[a-z]{2,}){2,}\\b");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d");

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "zh-TW"})
    void everyFindingOfEveryCaseReadsInTheLanguage(String tag) {
        RuleFiles files = RuleFiles.fromDirectory(Path.of("rules"));
        List<dev.preflight.api.RuleProblem> problems = new ArrayList<>();
        List<RuleTestCase> cases = RuleTests.load(files, problems);
        assertTrue(cases.size() >= 238, "the cases load: " + problems);
        Languages languages = Languages.read(files.messages(), new ArrayList<>());
        Map<String, String> english = languages.root().texts();
        Set<String> keys = english.keySet();
        List<String> bad = new ArrayList<>();
        Set<String> rendered = new TreeSet<>();
        try (Evaluator e = Evaluator.builder().locale(Locale.forLanguageTag(tag)).build();
             Evaluator en = Evaluator.builder().build()) {
            for (RuleTestCase c : cases) {
                Report r;
                Report inEnglish;
                try {
                    r = e.evaluateJson(c.facts());
                    inEnglish = en.evaluateJson(c.facts());
                } catch (InvalidFactsException invalid) {
                    continue; // an input-error case: no report to read
                }
                // A text that reads the same in English (but for punctuation) holds only names, ids and values.
                Set<String> dataOnly = new java.util.HashSet<>();
                inEnglish.findings().forEach(f -> {
                    dataOnly.addAll(f.evidence().stream().map(TranslationCoverageTest::bare).toList());
                    dataOnly.add(bare(f.message()));
                    dataOnly.add(bare(String.valueOf(f.expected())));
                    dataOnly.add(bare(String.valueOf(f.remediation())));
                });
                for (CheckResult check : r.checks()) {
                    judge(c, "title of " + check.id(), check.title(), List.of(), keys, false, bad);
                    for (String note : check.notes()) {
                        judge(c, "note of " + check.id(), note, List.of(), keys, false, bad);
                    }
                    for (Finding f : check.findings()) {
                        rendered.add(f.key());
                        List<Object> args = f.arguments();
                        judge(c, f.key(), f.message(), args, keys, placeholdersOnly(english.get(f.key())), bad);
                        for (int i = 0; i < f.evidence().size(); i++) {
                            String part = i == 0 ? ".evidence" : ".evidence.2";
                            String text = f.evidence().get(i);
                            judge(c, f.key() + part, text, args, keys, placeholdersOnly(english.get(f.key() + part)) || dataOnly.contains(bare(text)), bad);
                        }
                        if (f.expected() != null) {
                            judge(c, f.key() + ".expected", f.expected(), args, keys, placeholdersOnly(english.get(f.key() + ".expected")), bad);
                        }
                        if (f.remediation() != null) {
                            String own = english.get(f.key() + ".remediation");
                            judge(c, f.key() + ".remediation", f.remediation(), args, keys, own != null && placeholdersOnly(own), bad);
                        }
                    }
                }
            }
        }
        assertTrue(bad.isEmpty(), bad.size() + " texts do not read in " + tag + ":\n" + String.join("\n", bad));
        assertFalse(rendered.isEmpty());
    }

    /** The text without spaces, with Chinese punctuation as its ASCII counterpart: "a：b" and "a: b", "a、b" and "a, b" are the same. */
    private static String bare(String text) {
        return text.replace('：', ':').replace('，', ',').replace('、', ',').replace('；', ';').replace('（', '(').replace('）', ')').replaceAll("\\s+", "");
    }

    /** A text made of placeholders only (an event's fix from the table): nothing of its own to translate. */
    private static boolean placeholdersOnly(String english) {
        return english != null && english.replaceAll("\\{[^}]*}", "").isBlank();
    }

    private static void judge(RuleTestCase c, String what, String text, List<Object> args, Set<String> keys, boolean dataOnly, List<String> bad) {
        if (text == null) {
            return;
        }
        if (keys.contains(text) || PLACEHOLDER.matcher(text).find()) {
            bad.add(c.title() + ": " + what + " shows a key or placeholder: " + text);
            return;
        }
        if (dataOnly) {
            return;
        }
        // What remains once the values the rule passed (names, versions, table entries) are taken out is ours to translate.
        String own = text;
        for (Object a : args) {
            String v = String.valueOf(a);
            if (!v.isEmpty()) {
                own = own.replace(v, " ");
            }
        }
        if (!HAN.matcher(own).find()) {
            bad.add(c.title() + ": " + what + " has no Chinese: " + text);
        } else if (ENGLISH.matcher(own).find()) {
            bad.add(c.title() + ": " + what + " has English words: " + text);
        }
    }
}
