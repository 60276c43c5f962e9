package dev.preflight.ruletest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.RuleProblem;
import dev.preflight.engine.RuleFiles;
import dev.preflight.engine.RulesDirs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rules check} keeps every language complete and in step with English. */
class LanguageCheckTest {

    @TempDir
    Path tmp;

    private static List<String> errors(Path rules) {
        return RulesCheck.of(RuleFiles.fromDirectory(rules)).problems().stream().filter(RuleProblem::isError).map(RuleProblem::toString).toList();
    }

    @Test
    void theShippedLanguagesAreComplete() {
        assertEquals(List.of(), errors(RulesDirs.SHIPPED));
    }

    @Test
    void aKeyMissingFromALanguageIsAnError() {
        Path rules = RulesDirs.copy(tmp);
        RulesDirs.edit(rules.resolve("messages_zh_TW.properties"), "report.fix = 修正：{0}\n", "");
        RulesDirs.edit(rules.resolve("messages_zh_CN.properties"), "PWB-AD-002.title = ", "# PWB-AD-002.title = ");
        List<String> errors = errors(rules);
        assertTrue(errors.contains("messages_zh_TW.properties: error: no text for report.fix; English: fix: {0}"), errors.toString());
        assertTrue(errors.contains("messages_zh_CN.properties: error: no text for PWB-AD-002.title (the check's title)"), errors.toString());
        assertEquals(2, errors.size(), errors.toString());
    }

    @Test
    void aCheckWithoutItsTranslatedRemediationIsAnError() {
        Path rules = RulesDirs.copy(tmp);
        RulesDirs.edit(rules.resolve("messages_zh_TW.properties"), "PWB-CON-005.remediation = ", "# PWB-CON-005.remediation = ");
        List<String> errors = errors(rules);
        assertEquals(List.of("messages_zh_TW.properties: error: no text for PWB-CON-005.remediation (the check's remediation)"), errors);
    }

    @Test
    void aKeyEnglishLacksIsAnError() {
        Path rules = RulesDirs.copy(tmp);
        RulesDirs.append(rules.resolve("messages_zh_CN.properties"), "report.titel = 密码写回\nPWB-XX-001.title = 不存在的检查项\n");
        List<String> errors = errors(rules);
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("messages_zh_CN.properties:") && e.endsWith("report.titel is not a key of messages.properties")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.endsWith("PWB-XX-001.title is not a key of messages.properties nor of a declared check")), errors.toString());
    }

    @Test
    void placeholdersMustMatchEnglish() {
        Path rules = RulesDirs.copy(tmp);
        RulesDirs.edit(rules.resolve("messages_zh_CN.properties"), "report.cloud = {0}", "report.cloud = {1}");
        RulesDirs.edit(rules.resolve("messages_zh_TW.properties"), "report.rules = 規則：{0}，{1}", "report.rules = 規則：{0}");
        List<String> errors = errors(rules);
        assertTrue(errors.stream().anyMatch(e -> e.matches("messages_zh_CN\\.properties:\\d+: error: report\\.cloud uses placeholders \\{1} where English uses \\{0}")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.matches("messages_zh_TW\\.properties:\\d+: error: report\\.rules uses placeholders \\{0} where English uses \\{0} \\{1}")), errors.toString());
    }

    @Test
    void aTableTextWithoutItsTranslationIsAnErrorForRulesCheckButStillLoads() {
        Path rules = RulesDirs.copy(tmp);
        RulesDirs.append(rules.resolve("tables/connect-versions.csv"), "2.6.2.0,,2026-11-01,the new mandatory minimum\n");
        int line = RulesDirs.lineOf(rules.resolve("tables/connect-versions.csv"), "2.6.2.0");
        List<String> errors = errors(rules);
        assertTrue(errors.contains("tables/connect-versions.csv:" + line + ": error: no translation in note_zh_CN of note: the new mandatory minimum"), errors.toString());
        assertTrue(errors.contains("tables/connect-versions.csv:" + line + ": error: no translation in note_zh_TW of note: the new mandatory minimum"), errors.toString());
    }

    @Test
    void aTableWithoutATranslationColumnIsAnError() throws java.io.IOException {
        Path rules = RulesDirs.copy(tmp);
        java.nio.file.Files.writeString(rules.resolve("tables/endpoints.csv"), """
                cloud,service,host,note,note_zh_CN
                Public,passwordReset,passwordreset.microsoftonline.com,,
                Public,serviceBus,servicebus.windows.net,,
                USGov,passwordReset,passwordreset.microsoftonline.us,,
                USGov,serviceBus,servicebus.usgovcloudapi.net,,
                China,passwordReset,,Microsoft documents no password reset endpoint for Azure operated by 21Vianet,Microsoft 未记录由世纪互联运营的 Azure 的密码重置终结点
                China,serviceBus,servicebus.chinacloudapi.cn,,
                """);
        List<String> errors = errors(rules);
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("tables/endpoints.csv: error: no column note_zh_TW")), errors.toString());
        assertTrue(errors.stream().noneMatch(e -> e.contains("note_zh_CN")), errors.toString());
    }
}
