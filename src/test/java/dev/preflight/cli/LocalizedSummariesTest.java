package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.engine.RulesDirs;
import dev.preflight.report.DisplayWidth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lines the commands around the report print for people, in the language asked: the batch's
 * summary and waiver lines, diff's text and page, the fleet page's frame, the summaries of
 * {@code rules check} and {@code rules test}. English stays as it was; JSON stays English.
 */
class LocalizedSummariesTest {

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final String LEGACY = "samples/legacy-forest-2008r2.json";
    private static final Map<String, String> ENGLISH_SYSTEM = Map.of("LANG", "en_US.UTF-8");

    @TempDir
    static Path tmp;
    private static Path fleet;
    private static Path waivers;
    private static Path plain;
    private static Path later;

    /**
     * Two tenants; the same two later, the healthy one with a short idle timeout (a new warning);
     * waivers of which one matches (legacy's DC) and one matches nothing (stale).
     */
    @BeforeAll
    static void inputs() throws IOException {
        ObjectMapper json = new ObjectMapper();
        String legacy = json.readTree(Path.of(LEGACY).toFile()).toString();
        com.fasterxml.jackson.databind.JsonNode healthy = json.readTree(Path.of("samples/healthy-hybrid.json").toFile());
        com.fasterxml.jackson.databind.node.ObjectNode idle = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(Path.of("samples/short-idle-timeout.json").toFile());
        idle.set("tenant", healthy.get("tenant"));
        fleet = tmp.resolve("fleet.jsonl");
        Files.write(fleet, List.of(legacy, healthy.toString()));
        Path laterFleet = tmp.resolve("later-fleet.jsonl");
        Files.write(laterFleet, List.of(legacy, idle.toString()));
        waivers = tmp.resolve("w.yaml");
        Files.writeString(waivers, Files.readString(Path.of("samples/waivers.yaml"))
                + "  - checkId: PWB-NET-003\n    scope: { tenant: \"*\" }\n    reason: proxy\n    owner: net\n    expires: 2027-01-01\n");
        plain = tmp.resolve("plain.jsonl");
        later = tmp.resolve("later.jsonl");
        assertEquals(0, Cli.run("batch", "-q", "--threads", "1", "-o", plain.toString(), fleet.toString()).exitCode());
        assertEquals(0, Cli.run("batch", "-q", "--threads", "1", "-o", later.toString(), laterFleet.toString()).exitCode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "en    | ELIGIBLE 2, NOT_ELIGIBLE 0, INCOMPLETE 0, invalid 0 | waivers: 1 findings waived, 1 verdicts changed by them "
            + "| stale waiver (matched no finding in any tenant): PWB-NET-003 in every tenant",
        "zh-CN | 符合条件 2，不符合条件 0，信息不完整 0，无效 0 | 豁免：已豁免 1 项问题，1 个租户的结论因此改变 "
            + "| 豁免已失效（在所有租户中均不匹配任何问题）：PWB-NET-003 in every tenant",
        "zh-TW | 符合資格 2，不符合資格 0，資訊不完整 0，無效 0 | 豁免：已豁免 1 項檢查結果，1 個租用戶的結論因此改變 "
            + "| 豁免已失效（在所有租用戶中皆不符合任何檢查結果）：PWB-NET-003 in every tenant"
    })
    void batchSummaryAndWaiverLines(String tag, String verdicts, String tally, String stale) {
        Cli.Result r = Cli.run(new byte[0], ENGLISH_SYSTEM, false, "batch", "--threads", "1", "--locale", tag, "--waivers", waivers.toString(),
                "-o", tmp.resolve("out-" + tag + ".jsonl").toString(), fleet.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.err().lines().toList();
        // English counts each verdict by its machine name, as before.
        assertTrue(lines.contains("  " + verdicts), r.err());
        assertTrue(lines.contains("  " + tally), r.err());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  " + stale + " [" + waivers + ":")), r.err());
    }

    /** On a terminal, the progress bar names what it counts in the language. */
    @ParameterizedTest
    @CsvSource({"en, tenants", "zh-CN, 租户", "zh-TW, 租用戶"})
    void progressBarOnATerminal(String tag, String counted) {
        Cli.Result r = Cli.run(new byte[0], ENGLISH_SYSTEM, true, "batch", "--threads", "1", "--locale", tag,
                "-o", tmp.resolve("progress-" + tag + ".jsonl").toString(), fleet.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("\r" + counted + " "), r.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "en    | preflight diff: 1 of 2 tenants changed (1 worse, 0 better), 0 added, 0 removed "
            + "| Contoso Ltd (9b1c2c3e-0000-4000-8000-000000000001): ELIGIBLE  [worse] | WARNING",
        "zh-CN | preflight diff：2 个租户中有 1 个发生变化（1 个变差，0 个变好），新增 0 个，移除 0 个 "
            + "| Contoso Ltd (9b1c2c3e-0000-4000-8000-000000000001): 符合条件  [变差] | 警告",
        "zh-TW | preflight diff：2 個租用戶中有 1 個有所變更（1 個變差，0 個變好），新增 0 個，移除 0 個 "
            + "| Contoso Ltd (9b1c2c3e-0000-4000-8000-000000000001): 符合資格  [變差] | 警告"
    })
    void diffTextAndPage(String tag, String headline, String tenant, String warning) throws IOException {
        Cli.Result r = Cli.run(new byte[0], ENGLISH_SYSTEM, false, "diff", "--locale", tag, plain.toString(), later.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertEquals(List.of(headline, "", "  " + tenant, "    + PWB-NET-003 " + warning + ": Idle connections are closed after 150 seconds, under 3 minutes"),
                r.out().lines().toList(), "a finding's message is the results' own (these were written in English)");

        Path page = tmp.resolve("diff-" + tag + ".html");
        assertEquals(1, Cli.run(new byte[0], ENGLISH_SYSTEM, false, "diff", "--locale", tag, "--format", "html", "-o", page.toString(),
                plain.toString(), later.toString()).exitCode());
        String html = Files.readString(page);
        assertTrue(html.contains("<html lang=\"" + tag + "\">"), html);
        assertTrue(html.contains("<b>" + headline.replaceFirst("^preflight diff[:：] ?", "") + "</b>"), html);
        assertTrue(html.contains("<span class=\"pill s-WARNING\">" + warning + "</span>"), html);
        assertEquals(!tag.equals("en"), HAN.matcher(html.substring(html.indexOf("<thead>"), html.indexOf("</thead>"))).find(), "the column names");

        Cli.Result machine = Cli.run(new byte[0], ENGLISH_SYSTEM, false, "diff", "--locale", tag, "--format", "json", plain.toString(), later.toString());
        assertTrue(machine.out().contains("\"change\" : \"worse\""), "JSON stays English: " + machine.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "en    | Password writeback eligibility: fleet | Verdicts | Tenants",
        "zh-CN | 密码写回资格评估：所有租户 | 结论 | 租户",
        "zh-TW | 密碼寫回資格評估：所有租用戶 | 結論 | 租用戶"
    })
    void fleetPageOfReportAndOfBatchInTheLanguage(String tag, String heading, String verdicts, String tenants) throws IOException {
        Path fromReport = tmp.resolve("report-" + tag + ".html");
        Cli.Result r = Cli.run(new byte[0], ENGLISH_SYSTEM, false, "report", "--locale", tag, plain.toString(), "-o", fromReport.toString());
        assertEquals(0, r.exitCode(), r.err());
        Path fromBatch = tmp.resolve("batch-" + tag + ".html");
        assertEquals(0, Cli.run(new byte[0], ENGLISH_SYSTEM, false, "batch", "-q", "--threads", "1", "--locale", tag, "--html", fromBatch.toString(),
                "-o", tmp.resolve("b-" + tag + ".jsonl").toString(), fleet.toString()).exitCode());
        for (Path page : List.of(fromReport, fromBatch)) {
            String html = Files.readString(page);
            assertTrue(html.contains("<html lang=\"" + tag + "\">"), html);
            assertTrue(html.contains("<h1>" + heading + "</h1>"), html);
            assertTrue(html.contains("<h2>" + verdicts + "</h2>"), html);
            assertTrue(html.contains("<h2 id=\"tenants\">" + tenants + "</h2>"), html);
        }
        Cli.Result system = Cli.run(new byte[0], Map.of("LANG", "zh_TW.UTF-8"), false, "report", plain.toString());
        assertTrue(system.out().contains("<html lang=\"zh-TW\">"), "without --locale, the system's language");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "en    | built-in: 36 checks, 53 rules, 9 tables, 238 test cases: 0 errors, 0 warnings",
        "zh-CN | built-in：36 个检查项，53 条规则，9 个数据表，238 个测试用例：0 个错误，0 个警告",
        "zh-TW | built-in：36 個檢查項目，53 條規則，9 個資料表，238 個測試案例：0 個錯誤，0 個警告"
    })
    void rulesCheckSummary(String tag, String summary) {
        Cli.Result r = Cli.run(new byte[0], ENGLISH_SYSTEM, false, "rules", "check", "--locale", tag);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        String last = r.out().lines().reduce((a, b) -> b).orElseThrow();
        // The counts are the catalogue's: read them from the line rather than pin them here.
        assertEquals(summary.replaceAll("\\d+", "#"), last.replaceAll("\\d+", "#"));
    }

    /** Case titles start at one display column whatever the width of the PASS and FAIL words. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "en    | PASS | FAIL   | 32 cases, 31 passed, 1 failed",
        "zh-CN | 通过 | 未通过 | 32 个测试用例，31 个通过，1 个未通过",
        "zh-TW | 通過 | 未通過 | 32 個測試案例，31 個通過，1 個未通過"
    })
    void rulesTestSummaryAndAlignedCases(String tag, String pass, String fail, String summary) throws IOException {
        Path dir = RulesDirs.copy(tmp.resolve("rules-" + tag));
        // One case made to fail: a warning expected where the rules find an error.
        RulesDirs.edit(dir.resolve("tests/network.json"), "{ \"severity\": \"ERROR\"", "{ \"severity\": \"WARNING\"");
        Cli.Result r = Cli.run(new byte[0], ENGLISH_SYSTEM, false, "rules", "test", dir.toString(), "--only", "network", "--locale", tag);
        assertEquals(1, r.exitCode(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(summary, lines.get(lines.size() - 1));
        List<String> caseLines = lines.stream().filter(l -> l.startsWith(pass) || l.startsWith(fail)).toList();
        assertEquals(32, caseLines.size(), r.out());
        assertTrue(caseLines.stream().anyMatch(l -> l.startsWith(fail + "  ")), r.out());
        Set<Integer> titleColumns = caseLines.stream().map(l -> DisplayWidth.of(l.substring(0, l.indexOf("tests/")))).collect(Collectors.toSet());
        assertEquals(Set.of(DisplayWidth.of(fail) + 2), titleColumns, r.out());
    }

    @Test
    void aLanguageWithoutTextsIsAUsageErrorOfEveryCommand() {
        for (String[] args : List.of(new String[] {"report", plain.toString()}, new String[] {"diff", plain.toString(), plain.toString()},
                new String[] {"rules", "check"}, new String[] {"rules", "test"})) {
            String[] withLocale = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--locale", "fr"))
                    .toArray(String[]::new);
            Cli.Result r = Cli.run(withLocale);
            assertEquals(ExitCodes.USAGE, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains("no texts for locale fr; there are: en, zh-CN, zh-TW"), r.err());
            assertFalse(r.out().contains("<html"), "nothing written");
        }
    }
}
