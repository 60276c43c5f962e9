package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --locale} and the system's language on every command that writes reports. */
class LocaleCommandTest {

    @TempDir
    Path tmp;

    private static final String SAMPLE = "samples/legacy-forest-2008r2.json";

    @Test
    void evaluatePrintsTheWholeFrameInTheAskedLanguage() {
        Cli.Result cn = Cli.run("evaluate", "--locale", "zh-CN", SAMPLE);
        assertEquals(1, cn.exitCode(), cn.err());
        assertTrue(cn.out().contains("结论      不符合条件"), cn.out());
        Cli.Result tw = Cli.run("evaluate", "--locale", "zh_TW", SAMPLE);
        assertTrue(tw.out().contains("結論      不符合資格"), tw.out());
        Cli.Result en = Cli.run("evaluate", "--locale", "en", SAMPLE);
        assertTrue(en.out().contains("Verdict  NOT ELIGIBLE"), en.out());
    }

    @Test
    void textFollowsTheSystemLanguageAndJsonStaysEnglish() throws Exception {
        Map<String, String> taiwan = Map.of("LANG", "zh_TW.UTF-8");
        Cli.Result text = Cli.run(new byte[0], taiwan, false, "evaluate", SAMPLE);
        assertTrue(text.out().startsWith("密碼寫回資格評估"), text.out());
        Cli.Result json = Cli.run(new byte[0], taiwan, false, "evaluate", "--format", "json", SAMPLE);
        JsonNode report = new ObjectMapper().readTree(json.out());
        JsonNode dc = null;
        for (JsonNode c : report.get("checks")) {
            dc = c.get("id").asText().equals("PWB-AD-002") ? c : dc;
        }
        assertEquals("Every domain controller runs a supported Windows Server release", dc.get("title").asText());
        Cli.Result asked = Cli.run(new byte[0], taiwan, false, "evaluate", "--format", "json", "--locale", "zh-CN", SAMPLE);
        assertTrue(asked.out().contains("每个域控制器都运行受支持的 Windows Server 版本"), asked.out());
        Cli.Result c = Cli.run(new byte[0], Map.of("LANG", "C.UTF-8", "LC_ALL", "zh_CN.UTF-8"), false, "evaluate", SAMPLE);
        assertTrue(c.out().startsWith("密码写回资格评估"), "LC_ALL wins over LANG");
    }

    @Test
    void htmlInTheAskedLanguage() throws Exception {
        Path page = tmp.resolve("r.html");
        Cli.Result r = Cli.run("evaluate", "--locale", "zh-TW", "--format", "html", "-o", page.toString(), SAMPLE);
        assertEquals(1, r.exitCode(), r.err());
        String html = Files.readString(page);
        assertTrue(html.contains("<html lang=\"zh-TW\">"), html);
        assertTrue(html.contains("密碼寫回資格評估"), html);
    }

    @Test
    void aLanguageWithoutTextsIsAUsageError() {
        Cli.Result r = Cli.run("evaluate", "--locale", "fr", SAMPLE);
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertTrue(r.err().contains("no texts for locale fr"), r.err());
        assertTrue(r.err().contains("en, zh-CN, zh-TW"), r.err());
        Cli.Result junk = Cli.run("rules", "list", "--locale", "!!", SAMPLE);
        assertEquals(ExitCodes.USAGE, junk.exitCode(), junk.err());
    }

    @Test
    void rulesListInTheLanguage() {
        Cli.Result r = Cli.run("rules", "list", "--locale", "zh-CN");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("许可证\n"), r.out());
        assertTrue(r.out().contains("PWB-LIC-001   错误"), r.out());
        assertTrue(r.out().contains("https://learn.microsoft.com/zh-cn/entra/identity/authentication/concept-sspr-licensing"), r.out());
        Cli.Result csv = Cli.run(new byte[0], Map.of("LANG", "zh_CN.UTF-8"), false, "rules", "list", "--format", "csv");
        assertTrue(csv.out().contains("At least one license is assigned in the organization"), "CSV stays English by default");
    }

    @Test
    void batchWritesEnglishLinesAndASummaryInTheSystemLanguage() throws Exception {
        Path in = tmp.resolve("in.jsonl");
        Files.writeString(in, Files.readString(Path.of(SAMPLE)).replaceAll("\\s*\\n\\s*", " ") + "\n");
        Cli.Result r = Cli.run(new byte[0], Map.of("LANG", "zh_CN.UTF-8"), false, "batch", "--threads", "1", in.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Every domain controller runs a supported Windows Server release"), r.out());
        assertTrue(r.err().contains("preflight batch：1 条记录"), r.err());
        assertTrue(r.err().contains("不符合条件 1"), r.err());
        assertTrue(r.err().contains("阻碍最多的检查：PWB-AD-002（1 个租户）"), r.err());
        Cli.Result tw = Cli.run("batch", "--threads", "1", "--locale", "zh-TW", in.toString());
        assertTrue(tw.out().contains("每個網域控制站都執行受支援的 Windows Server 版本"), tw.out());
        assertTrue(tw.err().contains("1 筆記錄"), tw.err());
        Cli.Result en = Cli.run(new byte[0], Map.of("LANG", "en_US.UTF-8"), false, "batch", "--threads", "1", in.toString());
        assertTrue(en.err().contains("NOT_ELIGIBLE 1"), en.err());
    }

    @Test
    void posixLocaleNames() {
        assertEquals(Locale.forLanguageTag("zh-TW"), LocaleOption.fromPosix("zh_TW.UTF-8"));
        assertEquals(Locale.forLanguageTag("zh-CN"), LocaleOption.fromPosix("zh_CN@euro"));
        assertEquals(Locale.ROOT, LocaleOption.fromPosix("C"));
        assertEquals(Locale.ROOT, LocaleOption.system(Map.of("LANG", "de_DE.UTF-8")));
        assertFalse(LocaleOption.system(Map.of("LANG", "zh_HK.UTF-8")).equals(Locale.ROOT));
    }
}
