package dev.preflight.results;

import java.util.List;
import java.util.Locale;

/**
 * What a report says about one tenant, compactly: its identity and verdict and the checks that did
 * not pass, with their findings. Read back from JSON by {@link ResultsReader}.
 *
 * @param tenantId    the tenant id, or {@code null}
 * @param displayName the display name, or {@code null}
 * @param cloud       the cloud, or {@code null}
 * @param origin      where the record came from (a batch's {@code file:line}), or {@code null}
 * @param verdict     ELIGIBLE, NOT_ELIGIBLE, INCOMPLETE, or INVALID for a record that could not be evaluated
 * @param waived      findings waived
 * @param checks      the checks that did not pass, in report order
 * @param error       for an INVALID record, what was wrong; otherwise {@code null}
 */
public record TenantSummary(String tenantId, String displayName, String cloud, String origin, String verdict, int waived,
                            List<Check> checks, String error) {

    public TenantSummary {
        checks = List.copyOf(checks);
    }

    /** The summary of a report, as {@link ResultsReader} would read it back from the report's JSON. */
    public static TenantSummary of(dev.preflight.api.Report r, String origin) {
        java.util.ArrayList<Check> checks = new java.util.ArrayList<>();
        for (dev.preflight.api.CheckResult c : r.checks()) {
            if (c.status() == dev.preflight.api.Status.PASS) {
                continue;
            }
            java.util.ArrayList<Finding> findings = new java.util.ArrayList<>();
            for (dev.preflight.api.Finding f : c.findings()) {
                boolean waived = r.waivers() != null && r.waivers().waiverFor(f) != null;
                findings.add(new Finding(f.checkId(), f.subject(), f.severity().name(), f.message(), waived, f.remediation()));
            }
            checks.add(new Check(c.id(), c.area(), c.title(), c.status().name(), c.severity() == null ? null : c.severity().name(), c.docUrl(),
                    findings, c.missing().stream().map(dev.preflight.api.MissingFact::path).toList()));
        }
        return new TenantSummary(r.tenant().tenantId(), r.tenant().displayName(), r.tenant().cloud(), origin, r.verdict().name(),
                r.waivedCount(), checks, null);
    }

    /** The key two runs are matched on: the tenant id (ignoring case), else the display name, else the origin. */
    public String key() {
        if (tenantId != null) {
            return tenantId.toLowerCase(Locale.ROOT);
        }
        return displayName != null ? "name:" + displayName : "origin:" + origin;
    }

    /** A name for people: the display name, else the tenant id, else the origin. */
    public String label() {
        return displayName != null ? displayName : tenantId != null ? tenantId : String.valueOf(origin);
    }

    /**
     * A check that did not pass.
     *
     * @param id       its id
     * @param area     its area
     * @param title    its title
     * @param status   FAIL, NOT_EVALUATED or ERROR
     * @param severity for FAIL its severity, otherwise {@code null}
     * @param docUrl   its documentation
     * @param findings its findings
     * @param missing  the paths of the facts it missed
     */
    public record Check(String id, String area, String title, String status, String severity, String docUrl,
                        List<Finding> findings, List<String> missing) {
        public Check {
            findings = List.copyOf(findings);
            missing = List.copyOf(missing);
        }
    }

    /**
     * A finding.
     *
     * @param checkId  its check
     * @param subject  its subject, or {@code null}
     * @param severity ERROR, WARNING or INFO
     * @param message  its message
     * @param waived   whether a waiver covers it
     * @param remediation how to fix it, or {@code null}
     */
    public record Finding(String checkId, String subject, String severity, String message, boolean waived, String remediation) {
        /** A finding without a remediation. */
        public Finding(String checkId, String subject, String severity, String message, boolean waived) {
            this(checkId, subject, severity, message, waived, null);
        }

        /** The key a finding is matched on between runs: check id and subject (ignoring case), never the message text. */
        public String key() {
            return checkId + "|" + (subject == null ? "" : subject.toLowerCase(Locale.ROOT));
        }
    }
}
