package dev.preflight.api;

import java.util.List;

/**
 * The outcome of one check of the catalogue for one tenant.
 *
 * @param id       the check's stable id
 * @param area     the check's area: LIC, ACC, SSPR, AD, CON, NET, EVT
 * @param title    the check, phrased as its passing state
 * @param status   PASS, FAIL, NOT_EVALUATED or ERROR
 * @param severity for FAIL, the highest severity among its findings; otherwise {@code null}
 * @param docUrl   the Microsoft documentation page
 * @param findings what failed, worst first
 * @param missing  facts it needed and could not use
 * @param notes    remarks on a pass (for example that Microsoft documents no such endpoint)
 */
public record CheckResult(String id, String area, String title, Status status, Severity severity, String docUrl,
                          List<Finding> findings, List<MissingFact> missing, List<String> notes) {

    public CheckResult {
        findings = List.copyOf(findings);
        missing = List.copyOf(missing);
        notes = List.copyOf(notes);
    }

    /** "FAIL/ERROR", "PASS", "NOT_EVALUATED": the status with its severity. */
    public String outcome() {
        return severity == null ? status.name() : status.name() + "/" + severity.name();
    }
}
