package dev.preflight.api;

import dev.preflight.report.JsonReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The eligibility report of one tenant: the verdict and one result per check of the catalogue.
 * Immutable; {@link #toJson()} writes the machine contract documented in docs/reports.md.
 *
 * @param schemaVersion       version of the report format ({@link #SCHEMA_VERSION})
 * @param tenant              who was evaluated
 * @param verdict             ELIGIBLE, NOT_ELIGIBLE or INCOMPLETE
 * @param referenceTime       the moment time-dependent checks judged as of
 * @param referenceTimeSource {@code collectedAt} when it is the facts' {@code tenant.collectedAt}, {@code clock} otherwise
 * @param summary             counts of the checks' outcomes
 * @param rules               which rules produced the report
 * @param checks              one result per check of the catalogue, in catalogue order
 * @param errors              rules that failed while running, if any
 * @param waivers             what the evaluator's waivers did (which findings they waive, which expired or
 *                            match nothing), or {@code null} when it was given no waivers
 * @param nextSteps           what to do so that the NOT_EVALUATED checks can be evaluated, the action that
 *                            unblocks most checks first; empty when every check was evaluated (or nobody asked)
 */
public record Report(int schemaVersion, TenantIdentity tenant, Verdict verdict, Instant referenceTime,
                     String referenceTimeSource, Summary summary, RulesInfo rules, List<CheckResult> checks,
                     List<EvaluationError> errors, WaiverOutcome waivers,
                     @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                     List<NextStep> nextSteps) {

    /** The report format's version; bumped only for incompatible changes. */
    public static final int SCHEMA_VERSION = 1;

    public Report {
        checks = List.copyOf(checks);
        errors = List.copyOf(errors);
        nextSteps = nextSteps == null ? List.of() : List.copyOf(nextSteps);
    }

    /** A report without next steps. */
    public Report(int schemaVersion, TenantIdentity tenant, Verdict verdict, Instant referenceTime,
                  String referenceTimeSource, Summary summary, RulesInfo rules, List<CheckResult> checks,
                  List<EvaluationError> errors, WaiverOutcome waivers) {
        this(schemaVersion, tenant, verdict, referenceTime, referenceTimeSource, summary, rules, checks, errors, waivers, List.of());
    }

    /** A report without waivers. */
    public Report(int schemaVersion, TenantIdentity tenant, Verdict verdict, Instant referenceTime,
                  String referenceTimeSource, Summary summary, RulesInfo rules, List<CheckResult> checks,
                  List<EvaluationError> errors) {
        this(schemaVersion, tenant, verdict, referenceTime, referenceTimeSource, summary, rules, checks, errors, null);
    }

    /** This report with what waivers did to it, its verdict unchanged. */
    public Report withWaivers(WaiverOutcome outcome) {
        return withWaivers(outcome, verdict);
    }

    /** This report with what waivers did to it and the verdict they leave. */
    public Report withWaivers(WaiverOutcome outcome, Verdict newVerdict) {
        return new Report(schemaVersion, tenant, newVerdict, referenceTime, referenceTimeSource, summary, rules, checks, errors, outcome, nextSteps);
    }

    /** This report with its checks replaced (the same ids, with more said about what they miss). */
    public Report withChecks(List<CheckResult> newChecks) {
        return new Report(schemaVersion, tenant, verdict, referenceTime, referenceTimeSource, summary, rules, newChecks, errors, waivers, nextSteps);
    }

    /** This report with the steps that would complete it. */
    public Report withNextSteps(List<NextStep> steps) {
        return new Report(schemaVersion, tenant, verdict, referenceTime, referenceTimeSource, summary, rules, checks, errors, waivers, steps);
    }

    /** The number of findings waived (0 without waivers). */
    public int waivedCount() {
        return waivers == null ? 0 : waivers.waived();
    }

    /** The verdict as people read it: {@code ELIGIBLE}, or {@code ELIGIBLE, 1 waived} when waivers decided it. */
    public String verdictLine() {
        String v = verdict.name().replace('_', ' ');
        return waivedCount() == 0 ? v : v + ", " + waivedCount() + " waived";
    }

    /** The result of a check by id. */
    public Optional<CheckResult> check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** Every finding of every check, in catalogue order. */
    public List<Finding> findings() {
        return checks.stream().flatMap(c -> c.findings().stream()).toList();
    }

    /** The ids of the checks that failed, in catalogue order. */
    public List<String> failedChecks() {
        return checks.stream().filter(c -> c.status() == Status.FAIL).map(CheckResult::id).toList();
    }

    /** The report as JSON, the machine contract. */
    public String toJson() {
        return JsonReport.toJson(this);
    }

    /**
     * Who was evaluated.
     *
     * @param tenantId    the directory id, or {@code null} when the facts did not say
     * @param displayName the organisation's name, or {@code null}
     * @param cloud       Public, USGov or China, or {@code null}
     */
    public record TenantIdentity(String tenantId, String displayName, String cloud) {
    }

    /**
     * Counts of the checks by outcome.
     *
     * @param checks        checks in the catalogue
     * @param passed        checks that passed
     * @param errors        checks that failed with severity ERROR
     * @param warnings      checks that failed with severity WARNING
     * @param info          checks that failed with severity INFO
     * @param notEvaluated  checks that could not be evaluated
     * @param evaluationErrors checks whose rules failed while running
     */
    public record Summary(int checks, int passed, int errors, int warnings, int info, int notEvaluated, int evaluationErrors) {
    }

    /**
     * Which rules produced the report.
     *
     * @param source the rules directory, or {@code built-in}
     * @param hash   SHA-256 over the rule and table files
     * @param checks the number of checks in the catalogue
     */
    public record RulesInfo(String source, String hash, int checks) {
    }

    /**
     * A rule that failed while evaluating this tenant.
     *
     * @param rule    the rule's name, the same in every language; {@link #NO_RULE} or {@link #UNKNOWN_RULE}
     *                when no rule can be named
     * @param checkId the check it belongs to, or {@code null}
     * @param message what went wrong, in the report's language; a thrown exception's own message is
     *                quoted in it as Java wrote it
     */
    public record EvaluationError(String rule, String checkId, String message) {

        /** The rule of an evaluation stopped when no rule had fired. */
        public static final String NO_RULE = "(none)";
        /** The rule of a failure Drools reported without its rule. */
        public static final String UNKNOWN_RULE = "(unknown rule)";

        /** Whether {@link #rule} names no rule but says that none could be named. */
        public boolean ruleUnnamed() {
            return NO_RULE.equals(rule) || UNKNOWN_RULE.equals(rule);
        }
    }
}
