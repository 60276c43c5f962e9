package dev.preflight.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.MissingFact.Reason;
import dev.preflight.api.Texts;
import dev.preflight.engine.Languages;
import dev.preflight.engine.RuleFiles;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The importer's reasons for a missing fact are message keys from where they are made, each with
 * its text in English, Simplified and Traditional Chinese: a report in Chinese says every one of
 * them in Chinese, none by matching English text.
 */
class ImportReasonsTest {

    static List<String> keys() throws IllegalAccessException {
        List<String> keys = new ArrayList<>();
        for (Field f : Reasons.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                keys.add((String) f.get(null));
            }
        }
        return keys;
    }

    @Test
    void everyImporterReasonHasItsTextInEveryShippedLanguage() throws Exception {
        List<String> keys = keys();
        assertTrue(keys.size() >= 40, keys.toString());
        Languages languages = Languages.read(RuleFiles.fromDirectory(Path.of("rules")).messages(), new ArrayList<>());
        Map<String, String> english = languages.bundles().stream().filter(b -> b.locale().equals(Locale.ROOT)).findFirst().orElseThrow().texts();
        for (String tag : Texts.SHIPPED) {
            Locale locale = tag.equals("en") ? Locale.ROOT : Locale.forLanguageTag(tag);
            Map<String, String> own = languages.bundles().stream().filter(b -> b.locale().equals(locale)).findFirst().orElseThrow().texts();
            for (String key : keys) {
                assertTrue(own.containsKey(key), key + " has no text in " + tag);
                assertEquals(Languages.placeholders(english.get(key)), Languages.placeholders(own.get(key)), key + " in " + tag + " uses the English placeholders");
            }
        }
    }

    @Test
    void reasonsAreMadeOnlyOfTheDeclaredKeys() throws IOException {
        // Reasons.of(Reasons.X, ...) everywhere: a literal key or a reason in words would have no tested text.
        Pattern made = Pattern.compile("Reason(s)?\\.of\\(");
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/preflight/collection"))) {
            for (Path f : files.filter(p -> !p.endsWith("Reasons.java")).toList()) {
                String source = Files.readString(f);
                Matcher m = made.matcher(source);
                while (m.find()) {
                    String key = firstArgument(source, m.end());
                    // Reasons.X, or one of two by a condition: cond ? Reasons.X : Reasons.Y
                    assertTrue(m.group(1) != null && key.replaceAll("\\s+", " ").strip().matches("(.*\\? )?Reasons\\.[A-Z_]+( : Reasons\\.[A-Z_]+)?"),
                            f + ": " + m.group() + key);
                }
            }
        }
    }

    /** The text of a call's first argument, from just after its opening bracket to the first comma outside brackets. */
    private static String firstArgument(String source, int from) {
        int depth = 0;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth-- == 0 || c == ',' && depth == 0) {
                return source.substring(from, i);
            }
        }
        return source.substring(from);
    }

    @Test
    void theSampleCollectionsReasonsAreSaidInEachLanguageAndInEnglishInTheProvenance() {
        ImportResult imported = CollectionImporter.importCollection(CollectionFiles.open(Path.of("samples/collection-ps51")));
        assertFalse(imported.reasons().isEmpty());
        Texts simplified = Texts.builtIn(Locale.forLanguageTag("zh-CN"));
        Texts traditional = Texts.builtIn(Locale.forLanguageTag("zh-TW"));
        Pattern han = Pattern.compile("\\p{IsHan}");
        imported.reasons().forEach((path, why) -> {
            assertEquals(imported.missing().get(path).asText(), why.english(), path);
            for (Texts t : List.of(simplified, traditional)) {
                String said = t.reason(why);
                assertFalse(said.contains("report.reason."), path + ": " + said);
                assertNotEquals(why.english(), said, path);
                assertTrue(han.matcher(said).find(), path + ": " + said);
            }
        });
    }

    @Test
    void aNestedReasonAndAlternativeFilesAreSaidInTheLanguageToo() {
        Texts simplified = Texts.builtIn(Locale.forLanguageTag("zh-CN"));
        Reason group = Reasons.of(Reasons.GROUP_HOLDS_ROLE, "0f0e", "Global Administrator", Reasons.of(Reasons.MEMBERS_NOT_EXPORTED, "graph/groupMembers.0f0e.json"));
        assertEquals("group 0f0e holds Global Administrator; its members not exported (graph/groupMembers.0f0e.json)", group.english());
        assertEquals("组 0f0e 具有 Global Administrator；其成员未导出（graph/groupMembers.0f0e.json）", simplified.reason(group));
        Reason absent = Reasons.of(Reasons.FILE_ABSENT, List.of("graph/users.json", "graph/groupMembers.<groupId>.json"));
        assertEquals("not collected: graph/users.json or graph/groupMembers.<groupId>.json not in the collection", absent.english());
        assertEquals("未收集：收集中没有 graph/users.json 或 graph/groupMembers.<groupId>.json", simplified.reason(absent));
        // Items that are all meant are listed as each language lists them.
        Reason notSet = Reasons.of(Reasons.TLS_NOT_SET_NO_VERSIONS, Reasons.all(List.of("SCHANNEL TLS 1.2 Client Enabled", "SCHANNEL TLS 1.2 Client DisabledByDefault",
                ".NET v4.0.30319 SchUseStrongCrypto")));
        assertTrue(notSet.english().startsWith("not set: SCHANNEL TLS 1.2 Client Enabled, SCHANNEL TLS 1.2 Client DisabledByDefault, .NET v4.0.30319 SchUseStrongCrypto, and "),
                notSet.english());
        assertTrue(simplified.reason(notSet).startsWith("未设置：SCHANNEL TLS 1.2 Client Enabled、SCHANNEL TLS 1.2 Client DisabledByDefault、.NET v4.0.30319 SchUseStrongCrypto；"),
                simplified.reason(notSet));
        String one = Texts.builtIn(Locale.forLanguageTag("zh-TW")).reason(Reasons.of(Reasons.TLS_NOT_SET_OLD, Reasons.all(List.of("SCHANNEL TLS 1.2 Client Enabled"))));
        assertTrue(one.startsWith("未設定：SCHANNEL TLS 1.2 Client Enabled；"), one);
    }
}
