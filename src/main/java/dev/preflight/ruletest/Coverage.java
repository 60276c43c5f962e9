package dev.preflight.ruletest;

import dev.preflight.api.CheckInfo;
import dev.preflight.api.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which passing test cases prove which outcome of each check: PASS, each severity it can raise,
 * and NOT_EVALUATED. A check lacking one of them has a gap.
 *
 * @param checks per check, the outcomes required and the cases proving each
 */
public record Coverage(Map<String, Map<String, List<String>>> checks) {

    /** The outcomes a check must be shown to produce. */
    static List<String> required(CheckInfo check) {
        List<String> out = new ArrayList<>();
        out.add("PASS");
        for (Severity s : check.severities()) {
            out.add("FAIL/" + s.name());
        }
        out.add("NOT_EVALUATED");
        return out;
    }

    static Coverage of(List<CheckInfo> catalogue, List<CaseResult> results) {
        Map<String, Map<String, List<String>>> m = new LinkedHashMap<>();
        for (CheckInfo c : catalogue) {
            Map<String, List<String>> outcomes = new LinkedHashMap<>();
            required(c).forEach(o -> outcomes.put(o, new ArrayList<>()));
            m.put(c.id(), outcomes);
        }
        for (CaseResult r : results) {
            if (!r.passed() || r.report() == null) {
                continue;
            }
            Expectation e = r.testCase().expect();
            for (Map.Entry<String, String> x : e.checks().entrySet()) {
                Map<String, List<String>> outcomes = m.get(x.getKey());
                if (outcomes == null) {
                    continue;
                }
                String outcome = x.getValue();
                if (outcome.equals("FAIL")) {
                    outcome = r.report().check(x.getKey()).map(cr -> cr.outcome()).orElse(outcome);
                }
                prove(outcomes, outcome, r.testCase().title());
            }
            for (Map.Entry<String, List<Expectation.ExpectedFinding>> f : e.findings().entrySet()) {
                Map<String, List<String>> outcomes = m.get(f.getKey());
                if (outcomes == null) {
                    continue;
                }
                new TreeSet<>(f.getValue().stream().filter(x -> x.severity() != null).map(x -> x.severity().name()).toList())
                        .forEach(s -> prove(outcomes, "FAIL/" + s, r.testCase().title()));
            }
        }
        return new Coverage(m);
    }

    /** A case that expects both a FAIL status and a finding of that severity proves it once. */
    private static void prove(Map<String, List<String>> outcomes, String outcome, String caseTitle) {
        List<String> cases = outcomes.computeIfAbsent(outcome, k -> new ArrayList<>());
        if (!cases.contains(caseTitle)) {
            cases.add(caseTitle);
        }
    }

    /** Per check, the required outcomes no passing case proves. */
    public Map<String, List<String>> gaps() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        checks.forEach((id, outcomes) -> {
            List<String> missing = outcomes.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
            if (!missing.isEmpty()) {
                out.put(id, missing);
            }
        });
        return out;
    }
}
