package dev.preflight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.api.CheckInfo;
import dev.preflight.api.Evaluator;
import dev.preflight.api.Report;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reports in English, Simplified and Traditional Chinese, as a reader sees them. */
class LocalizedReportTest {

    private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
    private static final Path LEGACY = Path.of("samples/legacy-forest-2008r2.json");
    private static final Path GAPS = Path.of("samples/network-not-collected.json");
    private static Evaluator english;
    private static Evaluator simplified;
    private static Evaluator traditional;

    @BeforeAll
    static void load() {
        english = Evaluator.builder().build();
        simplified = Evaluator.builder().locale(Locale.forLanguageTag("zh-CN")).build();
        traditional = Evaluator.builder().locale(Locale.forLanguageTag("zh-TW")).build();
    }

    @AfterAll
    static void close() {
        english.close();
        simplified.close();
        traditional.close();
    }

    private static Evaluator in(String tag) {
        return switch (tag) {
            case "en" -> english;
            case "zh-CN" -> simplified;
            case "zh-TW" -> traditional;
            default -> throw new IllegalArgumentException(tag);
        };
    }

    @Test
    void simplifiedChineseReportUsesMicrosoftsTerms() {
        String text = TextReport.render(simplified.evaluate(LEGACY), simplified.texts(), Style.PLAIN, true);
        assertTrue(text.startsWith("密码写回资格评估"), text);
        assertTrue(text.contains("结论      不符合条件  1 个错误，1 个警告"), text);
        assertTrue(text.contains("PWB-AD-002  每个域控制器都运行受支持的 Windows Server 版本"), text);
        assertTrue(text.contains("PWB-CON-005  Connect 服务器未处于暂存模式"), text);
        assertTrue(text.contains("https://learn.microsoft.com/zh-cn/entra/identity/hybrid/connect/how-to-connect-install-prerequisites"), text);
        for (String english : List.of("Password writeback eligibility", "Verdict", "NOT ELIGIBLE", "passed", "docs:", "Licensing")) {
            assertFalse(text.contains(english), english + " leaked into\n" + text);
        }
    }

    @ParameterizedTest
    @CsvSource({"en, ', '", "zh-CN, 、", "zh-TW, 、"})
    void theProductsAWritebackPlanComesWithAreListedAsTheLanguageLists(String tag, String separator) {
        Report r = in(tag).evaluate(Path.of("samples/office-only-licensing.json"));
        var finding = r.check("PWB-LIC-002").orElseThrow().findings().get(0);
        String products = "Microsoft Entra ID P1" + separator + "Microsoft Entra ID P2" + separator + "Enterprise Mobility + Security E3";
        assertTrue(finding.remediation().contains(products), finding.remediation());
        if (!tag.equals("en")) {
            assertFalse(finding.remediation().contains(", "), "no English list separator: " + finding.remediation());
        }
        assertTrue(String.valueOf(finding.arguments().get(1)).startsWith("Microsoft Entra ID P1, Microsoft Entra ID P2, "),
                "the report's arguments stay the same in every language: " + finding.arguments());
    }

    @Test
    void traditionalChineseReportUsesMicrosoftsTerms() {
        String text = TextReport.render(traditional.evaluate(LEGACY), traditional.texts(), Style.PLAIN, true);
        assertTrue(text.startsWith("密碼寫回資格評估"), text);
        assertTrue(text.contains("結論      不符合資格"), text);
        assertTrue(text.contains("PWB-AD-002  每個網域控制站都執行受支援的 Windows Server 版本"), text);
        assertTrue(text.contains("PWB-CON-005  Connect 伺服器不在預備模式"), text);
        assertTrue(text.contains("PWB-ACC-001  有已啟用的使用者具有全域管理員或混合式身分識別管理員角色"), text);
        assertTrue(text.contains("https://learn.microsoft.com/zh-tw/entra/"), text);
    }

    @Test
    void missingFactsAreListedInTheLanguage() {
        String text = TextReport.render(simplified.evaluate(GAPS), simplified.texts(), Style.PLAIN, false);
        assertTrue(text.contains("结论      信息不完整"), text);
        assertTrue(text.contains("缺少：onPremises.network"), text);
        assertTrue(text.contains("[缺少数据] PWB-NET-001"), text);
    }

    /** The column where each check id starts, counted in terminal columns, is the same on every line. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN", "zh-TW"})
    void checkIdsAndHeaderValuesLineUpByDisplayWidth(String tag) {
        Evaluator e = in(tag);
        String text = TextReport.render(e.evaluate(GAPS), e.texts(), Style.PLAIN, true);
        Set<Integer> idColumns = new HashSet<>();
        Set<Integer> valueColumns = new HashSet<>();
        List<String> lines = text.lines().toList();
        for (String line : lines) {
            int id = line.indexOf("] PWB-");
            if (line.startsWith("  [") && id > 0) {
                idColumns.add(DisplayWidth.of(line.substring(0, id + 2)));
            }
        }
        List<String> labels = List.of(e.texts().get("report.tenant"), e.texts().get("report.asOf"), e.texts().get("report.verdict"));
        for (int i = 0; i < 3; i++) {
            String line = lines.get(i + 1);
            assertTrue(line.startsWith("  " + labels.get(i) + " "), line);
            int value = 2 + labels.get(i).length();
            while (line.charAt(value) == ' ') {
                value++;
            }
            valueColumns.add(DisplayWidth.of(line.substring(0, value)));
        }
        assertEquals(1, idColumns.size(), text);
        assertEquals(36, text.lines().filter(l -> l.startsWith("  [")).count());
        assertEquals(1, valueColumns.size(), text);
        if (!tag.equals("en")) {
            assertTrue(text.lines().filter(l -> l.startsWith("  [")).allMatch(l -> CJK.matcher(l).find()), text);
        }
    }

    /**
     * A finding less severe than its check's label is marked in the language's own brackets, and
     * its message starts where the marker's display width says, its evidence lines where they
     * always start.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "en    | (warning)  | dc1.corp.fabrikam.com runs Windows Server 2008 R2, past end of support | 16",
        "zh-CN | （警告）   | dc1.corp.fabrikam.com 运行 Windows Server 2008 R2，已过支持期限        | 14",
        "zh-TW | （警告）   | dc1.corp.fabrikam.com 執行 Windows Server 2008 R2，已過支援期限        | 14"
    })
    void aLessSevereFindingIsMarkedInTheLanguagesBrackets(String tag, String marker, String message, int messageColumn) {
        Evaluator e = in(tag);
        List<String> lines = TextReport.render(e.evaluate(LEGACY), e.texts(), Style.PLAIN, false).lines().toList();
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            at = lines.get(i).endsWith(message) ? i : at;
        }
        assertTrue(at > 0, message + " in\n" + String.join("\n", lines));
        String line = lines.get(at);
        String prefix = line.substring(0, line.length() - message.length());
        assertEquals("      " + marker + (tag.equals("en") ? " " : ""), prefix, "no space after a full-width bracket");
        assertEquals(messageColumn, DisplayWidth.of(prefix));
        assertTrue(lines.get(at + 1).startsWith("        - dc1.corp.fabrikam.com "), lines.get(at + 1));
        if (!tag.equals("en")) {
            assertFalse(line.contains("(") || line.contains(")"), "no ASCII brackets around the severity: " + line);
        }
    }

    /** Two reports of one tenant in two languages compare equal on everything but text. */
    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "zh-TW"})
    void jsonDiffersFromEnglishInTextOnly(String tag) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode en = withoutText(mapper.readTree(english.evaluate(LEGACY).toJson()));
        JsonNode zh = withoutText(mapper.readTree(in(tag).evaluate(LEGACY).toJson()));
        assertEquals(en, zh);
        assertFalse(english.evaluate(LEGACY).toJson().equals(in(tag).evaluate(LEGACY).toJson()), "the texts differ");
    }

    private static final Set<String> TEXT_FIELDS = Set.of("title", "docUrl", "message", "evidence", "expected", "remediation", "notes");

    private static JsonNode withoutText(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(TEXT_FIELDS);
            o.forEach(LocalizedReportTest::withoutText);
        } else if (node.isArray()) {
            node.forEach(LocalizedReportTest::withoutText);
        }
        return node;
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "zh-TW"})
    void everyCheckHasATitleAndADocumentationLinkInTheLanguage(String tag) {
        List<CheckInfo> checks = in(tag).catalogue();
        assertEquals(english.catalogue().size(), checks.size());
        for (CheckInfo c : checks) {
            assertTrue(CJK.matcher(c.title()).find(), c.id() + ": " + c.title());
            assertTrue(c.docUrl().startsWith("https://learn.microsoft.com/" + tag.toLowerCase(Locale.ROOT) + "/entra/"), c.docUrl());
        }
        Report r = in(tag).evaluate(LEGACY);
        r.findings().forEach(f -> assertTrue(f.docUrl().startsWith("https://learn.microsoft.com/" + tag.toLowerCase(Locale.ROOT) + "/"), f.docUrl()));
    }

    @Test
    void htmlDeclaresItsLanguageAndUsesSystemFontsOnly() {
        String cn = HtmlReport.render(simplified.evaluate(LEGACY), simplified.texts());
        String tw = HtmlReport.render(traditional.evaluate(LEGACY), traditional.texts());
        String en = HtmlReport.render(english.evaluate(LEGACY), english.texts());
        assertTrue(cn.contains("<html lang=\"zh-CN\">"), cn);
        assertTrue(tw.contains("<html lang=\"zh-TW\">"), tw);
        assertTrue(en.contains("<html lang=\"en\">"), en);
        assertTrue(cn.contains("body{font:14px/1.45 \"Noto Sans CJK SC\", \"Noto Sans SC\", \"Microsoft YaHei\", \"PingFang SC\""), cn);
        assertTrue(tw.contains("body{font:14px/1.45 \"Noto Sans CJK TC\", \"Noto Sans TC\", \"Microsoft JhengHei\", \"PingFang TC\""), tw);
        for (String page : List.of(cn, tw, en)) {
            assertFalse(page.contains("@font-face"), "no web fonts");
            assertFalse(page.contains("url("), "nothing loaded");
        }
        assertTrue(cn.contains("<title>密码写回资格评估：Fabrikam Inc</title>"), cn);
    }

    @Test
    void aFontStackCannotLeaveItsDeclaration() {
        String kept = PageStyle.fontStack("a, b; } </style><script> sans-serif");
        assertTrue(kept.chars().noneMatch(c -> ";{}<>\\".indexOf(c) >= 0), kept);
        assertEquals("sans-serif", PageStyle.fontStack(";{}"));
    }

    @Test
    void chineseOfOtherRegionsAndScriptsFindsItsScript() {
        try (Evaluator hant = Evaluator.builder().locale(Locale.forLanguageTag("zh-Hant")).build();
             Evaluator hk = Evaluator.builder().locale(Locale.forLanguageTag("zh-HK")).build();
             Evaluator zh = Evaluator.builder().locale(Locale.CHINESE).build();
             Evaluator sg = Evaluator.builder().locale(Locale.forLanguageTag("zh-SG")).build()) {
            assertEquals("zh-TW", hant.texts().languageTag());
            assertEquals("zh-TW", hk.texts().languageTag());
            assertEquals("zh-CN", zh.texts().languageTag());
            assertEquals("zh-CN", sg.texts().languageTag());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evaluator.builder().locale(Locale.FRENCH).build());
        assertTrue(e.getMessage().contains("en, zh-CN, zh-TW"), e.getMessage());
    }
}
