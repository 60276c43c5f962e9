package dev.preflight.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Findings are matched by check id and subject, never by message text. */
class ResultsDiffTest {

    private static TenantSummary tenant(String verdict, TenantSummary.Finding... findings) {
        TenantSummary.Check c = new TenantSummary.Check("PWB-AD-002", "AD", "t", "FAIL", findings.length == 0 ? null : findings[0].severity(),
                "https://x", List.of(findings), List.of());
        return new TenantSummary("id-1", "T", "Public", "in:1", verdict, 0, findings.length == 0 ? List.of() : List.of(c), null);
    }

    @Test
    void aRewordedMessageIsNoChange() {
        TenantSummary a = tenant("NOT_ELIGIBLE", new TenantSummary.Finding("PWB-AD-002", "dc2.corp", "ERROR", "dc2 runs 2008 R2", false));
        TenantSummary b = tenant("NOT_ELIGIBLE", new TenantSummary.Finding("PWB-AD-002", "DC2.corp", "ERROR", "dc2 运行 2008 R2", false));
        assertNull(ResultsDiff.compare(a, b));
    }

    @Test
    void aSeverityChangeIsWorseOrBetter() {
        TenantSummary warn = tenant("ELIGIBLE", new TenantSummary.Finding("PWB-AD-002", "dc2", "WARNING", "m", false));
        TenantSummary err = tenant("NOT_ELIGIBLE", new TenantSummary.Finding("PWB-AD-002", "dc2", "ERROR", "m", false));
        ResultsDiff.TenantChange up = ResultsDiff.compare(warn, err);
        assertEquals(ResultsDiff.Direction.WORSE, up.direction());
        assertEquals("WARNING", up.severityChanged().get(0).from());
        assertEquals(ResultsDiff.Direction.BETTER, ResultsDiff.compare(err, warn).direction());
        TenantSummary none = tenant("ELIGIBLE");
        ResultsDiff.TenantChange fixed = ResultsDiff.compare(warn, none);
        assertEquals(ResultsDiff.Direction.BETTER, fixed.direction());
        assertEquals(1, fixed.resolved().size());
    }
}
