package dev.preflight.engine;

import dev.preflight.api.CheckInfo;
import dev.preflight.api.CheckResult;
import dev.preflight.api.Finding;
import dev.preflight.api.MissingFact;
import dev.preflight.api.Report;
import dev.preflight.api.Severity;
import dev.preflight.api.Status;
import dev.preflight.api.Verdict;
import dev.preflight.facts.Tenant;
import dev.preflight.facts.TenantFacts;
import dev.preflight.rules.AsOf;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns what the rules reported into the report: one result per catalogue check, and the verdict. */
final class ReportAssembler {

    /** Evidence kept per finding; more is summarised, so that a tenant with thousands of events stays readable. */
    static final int MAX_EVIDENCE = 10;

    private static final Comparator<Finding> WORST_FIRST = Comparator
            .comparing(Finding::severity)
            .thenComparing(f -> f.subject() == null ? "" : f.subject())
            .thenComparing(Finding::message);

    /** Drafts by where their subject sits in the input ({@code users[2]} before {@code users[10]}); without one, last. */
    private static final Comparator<OutcomeCollector.Draft> IN_DOCUMENT_ORDER = Comparator.comparing(
            (OutcomeCollector.Draft d) -> d.subjectPath == null ? null : sortable(d.subjectPath), Comparator.nullsLast(Comparator.naturalOrder()));

    private static final java.util.regex.Pattern INDEX = java.util.regex.Pattern.compile("\\[(\\d+)]");

    /** A path whose list indexes compare as numbers. */
    private static String sortable(String path) {
        if (path.indexOf('[') < 0) {
            return path;
        }
        return INDEX.matcher(path).replaceAll(m -> "[" + "0".repeat(Math.max(0, 10 - m.group(1).length())) + m.group(1) + "]");
    }

    private ReportAssembler() {
    }

    static Report assemble(Catalogue catalogue, Messages messages, java.util.Locale locale, OutcomeCollector collected, TenantFacts facts, AsOf asOf,
                           Report.RulesInfo rules) {
        Map<String, OutcomeCollector.CheckOutcome> byCheck = collected.byCheck();
        List<CheckResult> results = new ArrayList<>(catalogue.checks().size());
        int passed = 0;
        int errors = 0;
        int warnings = 0;
        int info = 0;
        int notEvaluated = 0;
        int evaluationErrors = 0;
        boolean anyError = false;
        boolean blockedByGap = false;
        String stopped = collected.stopped();
        for (CheckInfo check : catalogue.checks()) {
            OutcomeCollector.CheckOutcome o = byCheck.get(check.id());
            List<Finding> findings = o == null ? List.of() : merge(check, catalogue.declaration(check.id()), messages, locale, o.findings);
            List<MissingFact> missing = o == null ? List.of() : sortedMissing(o.missing);
            List<String> notes = o == null ? List.of() : List.copyOf(o.notes);
            Status status;
            Severity severity = null;
            if ((o != null && !o.errors.isEmpty()) || (stopped != null && findings.isEmpty())) {
                // A rule of the check failed, or the evaluation was stopped before it could finish:
                // never a silent pass.
                status = Status.ERROR;
                evaluationErrors++;
                blockedByGap = true;
            } else if (!findings.isEmpty()) {
                status = Status.FAIL;
                severity = findings.get(0).severity();
                // Failed with less than an error, but with facts it could not judge: those could hide
                // an error, so the verdict cannot be ELIGIBLE on this check's word.
                blockedByGap |= check.canBlock() && severity != Severity.ERROR && !missing.isEmpty();
            } else if (!missing.isEmpty()) {
                status = Status.NOT_EVALUATED;
                notEvaluated++;
                blockedByGap |= check.canBlock();
            } else {
                status = Status.PASS;
                passed++;
            }
            if (severity == Severity.ERROR) {
                errors++;
                anyError = true;
            } else if (severity == Severity.WARNING) {
                warnings++;
            } else if (severity == Severity.INFO) {
                info++;
            }
            // English titles are declared in checks.json; another language's file may give "<id>.title".
            String title = locale.equals(java.util.Locale.ROOT) ? null : messages.format(check.id() + ".title", List.of(), locale);
            results.add(new CheckResult(check.id(), check.area(), title != null ? title : check.title(), status, severity, check.docUrl(),
                    findings, missing, notes));
        }
        Verdict verdict = anyError ? Verdict.NOT_ELIGIBLE : blockedByGap ? Verdict.INCOMPLETE : Verdict.ELIGIBLE;
        Tenant t = facts.tenant();
        Report.TenantIdentity identity = new Report.TenantIdentity(
                t == null ? null : t.tenantId(),
                t == null ? null : t.displayName(),
                t == null || t.cloud() == null ? null : switch (t.cloud()) {
                    case PUBLIC -> "Public";
                    case USGOV -> "USGov";
                    case CHINA -> "China";
                });
        Report.Summary summary = new Report.Summary(results.size(), passed, errors, warnings, info, notEvaluated, evaluationErrors);
        return new Report(Report.SCHEMA_VERSION, identity, verdict, asOf.instant(), asOf.fromFacts() ? "collectedAt" : "clock",
                summary, rules, results, collected.errors());
    }

    /** One finding per (severity, subject, message): repeats add their evidence, bounded. */
    private static List<Finding> merge(CheckInfo check, CheckDeclarations.CheckDecl declaration, Messages messages, java.util.Locale locale,
                                       List<OutcomeCollector.Draft> drafts) {
        if (drafts.size() > 1) {
            // In document order, not in the order the rules fired: a merged finding names the first
            // of its facts in the input, and its evidence follows the input, whatever the engine's order.
            drafts = new ArrayList<>(drafts);
            drafts.sort(IN_DOCUMENT_ORDER);
        }
        // The message of every draft (it decides the merging) and its evidence; the expected state
        // and the remediation only for the first of each group, the one the finding shows.
        Map<List<Object>, List<OutcomeCollector.Draft>> groups = new LinkedHashMap<>();
        Map<List<Object>, String> messagesOf = new LinkedHashMap<>();
        for (OutcomeCollector.Draft d : drafts) {
            String message = messages.format(d.key, d.arguments, locale);
            if (message == null) {
                message = d.key;
            }
            List<Object> group = List.of(d.rule.severity(), d.subject == null ? "" : d.subject, message);
            groups.computeIfAbsent(group, k -> new ArrayList<>(1)).add(d);
            messagesOf.putIfAbsent(group, message);
        }
        List<Finding> out = new ArrayList<>(groups.size());
        for (Map.Entry<List<Object>, List<OutcomeCollector.Draft>> group : groups.entrySet()) {
            OutcomeCollector.Draft first = group.getValue().get(0);
            Set<String> evidence = new LinkedHashSet<>();
            int dropped = 0;
            for (OutcomeCollector.Draft d : group.getValue()) {
                for (int part = 0; part < 2; part++) {
                    String e = messages.formatPart(d.key, part, d.arguments, locale);
                    if (e == null || e.isEmpty()) {
                        continue;
                    }
                    if (evidence.size() < MAX_EVIDENCE || evidence.contains(e)) {
                        evidence.add(e);
                    } else {
                        dropped++;
                    }
                }
            }
            List<String> ev = new ArrayList<>(evidence);
            if (dropped > 0) {
                ev.add("... and " + dropped + " more");
            }
            String remediation = messages.formatPart(first.key, 3, first.arguments, locale);
            if (remediation == null && declaration != null) {
                String translated = messages.format(declaration.id() + ".remediation", List.of(), locale);
                remediation = translated != null ? translated : declaration.remediation();
            }
            out.add(new Finding(check.id(), first.rule.severity(), first.subject, first.subjectPath, messagesOf.get(group.getKey()), ev,
                    messages.formatPart(first.key, 2, first.arguments, locale), remediation, check.docUrl(), first.key, Arguments.plain(first.arguments)));
        }
        out.sort(WORST_FIRST);
        return out;
    }

    private static List<MissingFact> sortedMissing(Set<MissingFact> missing) {
        List<MissingFact> list = new ArrayList<>(missing);
        list.sort(Comparator.comparing(MissingFact::path).thenComparing(MissingFact::reason));
        return list;
    }
}
