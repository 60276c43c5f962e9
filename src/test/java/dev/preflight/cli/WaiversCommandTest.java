package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --waivers FILE} on evaluate and batch, as a user sees it. */
class WaiversCommandTest {

    @TempDir
    Path tmp;

    private static final String LEGACY = "samples/legacy-forest-2008r2.json";

    @Test
    void evaluateShowsTheWaivedFindingAndTheVerdictSaysSo() {
        Cli.Result r = Cli.run("evaluate", "--waivers", "samples/waivers.yaml", LEGACY);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("Verdict  ELIGIBLE, 1 waived"), r.out());
        assertTrue(r.out().contains("WAIVED until 2026-12-31 by it-infra@fabrikam.com (CHG-4711): Legacy DC kept"), r.out());
        assertTrue(r.out().contains("[ERROR   ] PWB-AD-002"), "the waived finding keeps its severity: " + r.out());
        assertTrue(r.out().contains("1 finding waived; without waivers the verdict is NOT ELIGIBLE"), r.out());
    }

    @Test
    void anExpiredWaiverTurnsTheTenantBackAndWarns() throws IOException {
        Path later = tmp.resolve("later.json");
        Files.writeString(later, Files.readString(Path.of(LEGACY)).replace("2026-11-20T10:00:00Z", "2027-01-02T09:00:00Z"));
        Cli.Result r = Cli.run("evaluate", "--waivers", "samples/waivers.yaml", later.toString());
        assertEquals(1, r.exitCode(), r.out());
        assertTrue(r.out().contains("Verdict  NOT ELIGIBLE  "), r.out());
        assertTrue(r.out().contains("[EXPIRED ] PWB-AD-002 for dc2.corp.fabrikam.com in tenant 3f1a9b2c-1111-4000-8000-000000000002: expired on 2026-12-31, no longer applies [samples/waivers.yaml:5:"), r.out());
    }

    @Test
    void jsonOutputMarksTheFinding() throws IOException {
        Cli.Result r = Cli.run("evaluate", "--format", "json", "--waivers", "samples/waivers.yaml", LEGACY);
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertEquals("ELIGIBLE", report.get("verdict").asText());
        assertEquals("NOT_ELIGIBLE", report.at("/waivers/verdictWithoutWaivers").asText());
        assertEquals("CHG-4711", report.findValue("waived").get("ticket").asText());
    }

    @Test
    void anInvalidWaiversFileExitsSixtyFiveWithFileLineAndColumn() throws IOException {
        Path bad = tmp.resolve("w.yaml");
        Files.writeString(bad, Files.readString(Path.of("samples/waivers.yaml")).replace("2026-12-31", "next year"));
        Cli.Result r = Cli.run("evaluate", "--waivers", bad.toString(), LEGACY);
        assertEquals(78, r.exitCode());
        assertEquals("preflight: invalid waivers: " + bad + ":11:14: waivers[0].expires: 'next year' is not a date (expected YYYY-MM-DD)",
                r.err().strip());
        assertEquals(66, Cli.run("evaluate", "--waivers", tmp.resolve("none.yaml").toString(), LEGACY).exitCode());
    }

    @Test
    void batchAppliesWaiversAndReportsStaleOnesAcrossTheFleet() throws IOException {
        Path in = tmp.resolve("in.jsonl");
        String legacy = new ObjectMapper().readTree(Path.of(LEGACY).toFile()).toString();
        String healthy = new ObjectMapper().readTree(Path.of("samples/healthy-hybrid.json").toFile()).toString();
        Files.write(in, List.of(legacy, healthy));
        Path waivers = tmp.resolve("w.yaml");
        Files.writeString(waivers, Files.readString(Path.of("samples/waivers.yaml"))
                + "  - checkId: PWB-NET-003\n    scope: { tenant: \"*\" }\n    reason: proxy\n    owner: net\n    expires: 2027-01-01\n");
        Path out = tmp.resolve("out.jsonl");
        Path summary = tmp.resolve("summary.json");
        Cli.Result r = Cli.run("batch", "--waivers", waivers.toString(), "--threads", "1", "-o", out.toString(), "--summary", summary.toString(), in.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("ELIGIBLE", new ObjectMapper().readTree(lines.get(0)).get("verdict").asText());
        assertTrue(r.err().contains("waivers: 1 findings waived, 1 verdicts changed by them"), r.err());
        assertTrue(r.err().contains("stale waiver (matched no finding in any tenant): PWB-NET-003 in every tenant [" + waivers + ":13:5]"), r.err());
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertEquals(1, s.at("/waivers/findingsWaived").asInt());
        assertEquals(waivers + ":13:5", s.at("/waivers/stale/0").asText());
    }
}
