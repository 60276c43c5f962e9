package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.generate.TenantGenerator;
import dev.preflight.results.ResultsReader;
import dev.preflight.results.TenantSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code preflight diff}: two batch runs over generated fleets, and two single reports. */
class DiffCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void diffOfTwoBatchRunsListsExactlyTheChangedTenants() throws IOException {
        TenantGenerator gen = new TenantGenerator(11);
        int n = 600;
        List<String> before = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            before.add(gen.line(i));
        }
        Path oldIn = tmp.resolve("old.jsonl");
        Files.write(oldIn, before);
        Path oldOut = tmp.resolve("old-results.jsonl");
        assertEquals(0, Cli.run("batch", "-q", "--threads", "2", "-o", oldOut.toString(), oldIn.toString()).exitCode());
        List<TenantSummary> oldResults = ResultsReader.readAll(oldOut);

        // Break the licensing of 12 tenants whose PWB-LIC-001 passed; rename 5 others (no finding changes);
        // drop the last tenant and add a new one.
        Set<String> broken = new TreeSet<>();
        List<String> after = new ArrayList<>(before);
        for (int i = 0; i < n && broken.size() < 12; i += 37) {
            TenantSummary t = oldResults.get(i);
            if (t.checks().stream().noneMatch(c -> c.id().equals("PWB-LIC-001"))) {
                ObjectNode tenant = (ObjectNode) JSON.readTree(before.get(i));
                tenant.putArray("subscribedSkus");
                after.set(i, tenant.toString());
                broken.add(t.tenantId());
            }
        }
        for (int i = 5; i < 30; i += 5) {
            ObjectNode tenant = (ObjectNode) JSON.readTree(after.get(i));
            if (!broken.contains(tenant.at("/tenant/tenantId").asText())) {
                ((ObjectNode) tenant.get("tenant")).put("displayName", "Renamed " + i);
                after.set(i, tenant.toString());
            }
        }
        String removed = oldResults.get(n - 1).tenantId();
        after.remove(n - 1);
        ObjectNode extra = gen.tenant(50_000);
        after.add(extra.toString());
        Path newIn = tmp.resolve("new.jsonl");
        Files.write(newIn, after);
        Path newOut = tmp.resolve("new-results.jsonl");
        assertEquals(0, Cli.run("batch", "-q", "--threads", "2", "-o", newOut.toString(), newIn.toString()).exitCode());

        Cli.Result r = Cli.run("diff", "--format", "json", oldOut.toString(), newOut.toString());
        assertEquals(1, r.exitCode(), "something got worse: exit 1 for CI\n" + r.err());
        JsonNode diff = JSON.readTree(r.out());
        Set<String> changed = new TreeSet<>();
        for (JsonNode t : diff.get("tenants")) {
            String change = t.get("change").asText();
            if (change.equals("added")) {
                assertEquals(extra.at("/tenant/tenantId").asText(), t.get("tenantId").asText());
            } else if (change.equals("removed")) {
                assertEquals(removed, t.get("tenantId").asText());
            } else {
                changed.add(t.get("tenantId").asText());
                assertEquals("worse", change);
                assertEquals("NOT_ELIGIBLE", t.get("newVerdict").asText());
                assertTrue(t.get("new").findValuesAsText("checkId").contains("PWB-LIC-001"), t.toString());
            }
        }
        assertEquals(12, broken.size());
        assertEquals(broken, changed, "exactly the tenants whose findings changed; renamed tenants are not changes");
        assertEquals(12, diff.at("/summary/worse").asInt());
        assertEquals(1, diff.at("/summary/added").asInt());
        assertEquals(1, diff.at("/summary/removed").asInt());
        assertEquals(n, diff.at("/summary/oldTenants").asInt());

        Cli.Result back = Cli.run("diff", newOut.toString(), oldOut.toString());
        assertEquals(0, back.exitCode(), "fixing things is not a failure");
        assertTrue(back.out().startsWith("preflight diff: 12 of " + n + " tenants changed (0 worse, 12 better), 1 added, 1 removed"), back.out());

        Cli.Result same = Cli.run("diff", oldOut.toString(), oldOut.toString());
        assertEquals(0, same.exitCode());
        assertTrue(same.out().startsWith("preflight diff: 0 of " + n + " tenants changed"), same.out());
    }

    @Test
    void diffOfTwoReportsShowsTheVerdictChangeAndFindings() throws IOException {
        Path waived = tmp.resolve("waived.json");
        Path plain = tmp.resolve("plain.json");
        Cli.run("evaluate", "--format", "json", "--waivers", "samples/waivers.yaml", "-o", waived.toString(), "samples/legacy-forest-2008r2.json");
        Cli.run("evaluate", "--format", "json", "-o", plain.toString(), "samples/legacy-forest-2008r2.json");
        Cli.Result r = Cli.run("diff", waived.toString(), plain.toString());
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("Fabrikam Inc (3f1a9b2c-1111-4000-8000-000000000002): ELIGIBLE -> NOT ELIGIBLE  [worse]"), r.out());

        Path healthy = tmp.resolve("healthy.json");
        Path sspr = tmp.resolve("sspr.json");
        Cli.run("evaluate", "--format", "json", "-o", healthy.toString(), "samples/healthy-hybrid.json");
        JsonNode h = JSON.readTree(healthy.toFile());
        // The same tenant later with a short idle timeout: a new NET-003 finding.
        Cli.run("evaluate", "--format", "json", "-o", sspr.toString(), "samples/short-idle-timeout.json");
        ObjectNode later = (ObjectNode) JSON.readTree(sspr.toFile());
        later.set("tenant", h.get("tenant"));
        Files.writeString(sspr, later.toString());
        Cli.Result html = Cli.run("diff", "--format", "html", healthy.toString(), sspr.toString());
        assertTrue(html.out().contains("PWB-NET-003"), html.out());
        assertTrue(html.out().contains("Content-Security-Policy"));
        assertEquals(1, html.exitCode(), "a new warning is worse");
    }

    @Test
    void notAResultsFileExitsThree() throws IOException {
        Path bad = tmp.resolve("bad.jsonl");
        Files.writeString(bad, "{\"foo\": 1}\n");
        Cli.Result r = Cli.run("diff", bad.toString(), bad.toString());
        assertEquals(3, r.exitCode());
        assertTrue(r.err().startsWith("preflight: invalid results: "), r.err());
        assertEquals(66, Cli.run("diff", tmp.resolve("none").toString(), bad.toString()).exitCode());
    }
}
