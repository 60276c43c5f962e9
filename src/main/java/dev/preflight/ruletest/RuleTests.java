package dev.preflight.ruletest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.api.CheckInfo;
import dev.preflight.api.CheckResult;
import dev.preflight.api.Evaluator;
import dev.preflight.api.FactsReader;
import dev.preflight.api.Finding;
import dev.preflight.api.InvalidFactsException;
import dev.preflight.api.MissingFact;
import dev.preflight.api.Report;
import dev.preflight.api.RuleProblem;
import dev.preflight.api.Severity;
import dev.preflight.api.Status;
import dev.preflight.api.Verdict;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads and runs test case files. A file holds an optional {@code description}, an optional
 * default {@code facts} (a path relative to the file, or an inline object) and a list of
 * {@code cases}; each case has a {@code name}, optional {@code facts}, edits ({@code set},
 * {@code remove}, {@code append}) and an {@code expect} (see {@link Expectation}).
 */
public final class RuleTests {

    /** Reads the text of a file a case refers to. */
    @FunctionalInterface
    public interface Resolver {
        /**
         * @param fromFile the case file, relative to the rules directory
         * @param path     the path the case gives, relative to the case file
         * @return the file's text, or {@code null} when there is no such file
         */
        String read(String fromFile, String path);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FILE_KEYS = Set.of("description", "facts", "cases");
    private static final Set<String> CASE_KEYS = Set.of("name", "description", "facts", "set", "remove", "append", "expect",
            "unknownFields");
    private static final Set<String> EXPECT_KEYS = Set.of("verdict", "checks", "findings", "missing", "notes", "failing", "notEvaluated",
            "otherChecks", "invalid", "invalidMessage");

    private RuleTests() {
    }

    /**
     * Reads the case files of a rules directory, resolving {@code "@current"} from its tables
     * ({@link Placeholders}); a malformed file or case is reported in {@code problems} (and left out).
     */
    public static List<RuleTestCase> load(dev.preflight.engine.RuleFiles files, List<RuleProblem> problems) {
        return load(files.tests(), files::resolve, Placeholders.of(files), problems);
    }

    /**
     * Reads the case files; a malformed file or case is reported in {@code problems} (and left out).
     * A base tenant's {@code "@current"} cannot be resolved without the tables: an error.
     *
     * @param files    case file (relative path) to its text
     * @param resolver reads the facts files cases refer to
     */
    public static List<RuleTestCase> load(Map<String, String> files, Resolver resolver, List<RuleProblem> problems) {
        return load(files, resolver, Placeholders.NONE, problems);
    }

    /** As {@link #load(Map, Resolver, List)}, resolving {@code "@current"} with {@code placeholders}. */
    public static List<RuleTestCase> load(Map<String, String> files, Resolver resolver, Placeholders placeholders, List<RuleProblem> problems) {
        List<RuleTestCase> cases = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            String file = f.getKey();
            dev.preflight.engine.LocatedJson doc;
            try {
                doc = dev.preflight.engine.LocatedJson.parse(f.getValue());
            } catch (JsonProcessingException e) {
                problems.add(dev.preflight.engine.JsonSyntax.problem(file, f.getValue(), e));
                continue;
            }
            JsonNode root = doc.root();
            if (root == null || !root.isObject() || !root.path("cases").isArray()) {
                problems.add(RuleProblem.error(file, 1, 1, "a test file is an object with a \"cases\" array"));
                continue;
            }
            unknownKeys(doc, root, FILE_KEYS, file, "the file", problems);
            JsonNode defaultFacts = root.get("facts");
            int index = 0;
            for (JsonNode c : root.get("cases")) {
                index++;
                String name = c.path("name").asText("case " + index);
                String where = "case #" + index + " \"" + name + "\"";
                int[] caseAt = doc.at(c);
                JsonNode factsSpec = c.has("facts") ? c.get("facts") : defaultFacts;
                int[] factsAt = c.has("facts") ? doc.at(c.get("facts")) : defaultFacts != null ? doc.at(defaultFacts) : caseAt;
                try {
                    int before = problems.size();
                    unknownKeys(doc, c, CASE_KEYS, file, where, problems);
                    ObjectNode facts;
                    try {
                        facts = baseFacts(factsSpec, file, resolver);
                        placeholders.resolve(facts);
                    } catch (IllegalArgumentException e) {
                        problems.add(RuleProblem.error(file, factsAt[0], factsAt[1], where + ": " + e.getMessage()));
                        continue;
                    }
                    // A case about rejected or ignored input may write what the format does not have, on purpose.
                    boolean checkSchema = !c.path("expect").has("invalid") && !c.path("unknownFields").asBoolean(false);
                    applyEdits(doc, c, facts, file, where, checkSchema, problems);
                    Expectation expect;
                    try {
                        expect = expectation(c.path("expect"), file, where, problems, doc);
                    } catch (IllegalArgumentException e) {
                        int[] at = c.has("expect") ? doc.at(c.get("expect")) : caseAt;
                        problems.add(RuleProblem.error(file, at[0], at[1], where + ": " + e.getMessage()));
                        continue;
                    }
                    if (problems.size() == before) {
                        cases.add(new RuleTestCase(file, index, name, facts.toString(), expect));
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(RuleProblem.error(file, caseAt[0], caseAt[1], where + ": " + e.getMessage()));
                }
            }
        }
        return cases;
    }

    private static void unknownKeys(dev.preflight.engine.LocatedJson doc, JsonNode node, Set<String> allowed, String file, String where,
                                    List<RuleProblem> problems) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                int[] at = doc.atName(node, k);
                problems.add(RuleProblem.error(file, at[0], at[1], where + ": unknown key \"" + k + "\" (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")"));
            }
        }
    }

    private static ObjectNode baseFacts(JsonNode spec, String file, Resolver resolver) {
        if (spec == null || spec.isNull()) {
            return JSON.createObjectNode();
        }
        if (spec.isObject()) {
            return spec.deepCopy();
        }
        if (spec.isTextual()) {
            String text = resolver.read(file, spec.asText());
            if (text == null) {
                throw new IllegalArgumentException("facts file \"" + spec.asText() + "\" not found");
            }
            try {
                JsonNode n = JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
                if (!(n instanceof ObjectNode o)) {
                    throw new IllegalArgumentException("facts file \"" + spec.asText() + "\" does not hold a JSON object");
                }
                return o;
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("facts file \"" + spec.asText() + "\" is not valid JSON: " + e.getOriginalMessage());
            }
        }
        throw new IllegalArgumentException("\"facts\" is a path to a JSON file or an inline object");
    }

    /**
     * Applies the case's edits. Every path must name fields of the input format (facts.md) and, for
     * {@code remove} and indexes, something the base tenant has: a typo is an error at its
     * {@code file:line:column}, never an edit that goes nowhere.
     */
    private static void applyEdits(dev.preflight.engine.LocatedJson doc, JsonNode c, ObjectNode facts, String file, String where,
                                   boolean checkSchema, List<RuleProblem> problems) {
        JsonNode set = c.get("set");
        if (set != null) {
            if (!set.isObject()) {
                int[] at = doc.at(set);
                problems.add(RuleProblem.error(file, at[0], at[1], where + ": \"set\" maps paths to values"));
            } else {
                set.fields().forEachRemaining(e -> edit(doc.atName(set, e.getKey()), e.getKey(), file, where, checkSchema, problems,
                        () -> JsonEdits.set(facts, e.getKey(), e.getValue())));
            }
        }
        JsonNode remove = c.get("remove");
        if (remove != null) {
            if (!remove.isArray()) {
                int[] at = doc.at(remove);
                problems.add(RuleProblem.error(file, at[0], at[1], where + ": \"remove\" is a list of paths"));
            } else {
                // Last first, so that removing several elements of one array keeps the indexes right.
                for (int i = remove.size() - 1; i >= 0; i--) {
                    JsonNode p = remove.get(i);
                    edit(doc.at(p), p.asText(), file, where, checkSchema, problems, () -> JsonEdits.remove(facts, p.asText()));
                }
            }
        }
        JsonNode append = c.get("append");
        if (append != null) {
            if (!append.isObject()) {
                int[] at = doc.at(append);
                problems.add(RuleProblem.error(file, at[0], at[1], where + ": \"append\" maps array paths to the value to add"));
            } else {
                append.fields().forEachRemaining(e -> edit(doc.atName(append, e.getKey()), e.getKey(), file, where, checkSchema, problems, () -> {
                    if (e.getValue().isArray()) {
                        e.getValue().forEach(v -> JsonEdits.append(facts, e.getKey(), v));
                    } else {
                        JsonEdits.append(facts, e.getKey(), e.getValue());
                    }
                }));
            }
        }
    }

    /** One edit: its path checked against the input format, then applied; a problem at {@code at} when either fails. */
    private static void edit(int[] at, String path, String file, String where, boolean checkSchema, List<RuleProblem> problems, Runnable apply) {
        String schema = checkSchema ? dev.preflight.engine.LocatedJson.schemaProblem(path) : null;
        if (schema != null) {
            problems.add(RuleProblem.error(file, at[0], at[1], where + ": path \"" + path + "\": " + schema));
            return;
        }
        try {
            apply.run();
        } catch (IllegalArgumentException e) {
            problems.add(RuleProblem.error(file, at[0], at[1], where + ": " + e.getMessage()));
        }
    }

    private static Expectation expectation(JsonNode e, String file, String where, List<RuleProblem> problems, dev.preflight.engine.LocatedJson doc) {
        if (!e.isObject()) {
            throw new IllegalArgumentException("needs an \"expect\" object");
        }
        unknownKeys(doc, e, EXPECT_KEYS, file, where + " expect", problems);
        Verdict verdict = null;
        if (e.hasNonNull("verdict")) {
            verdict = enumValue(Verdict.class, e.get("verdict").asText(), "verdict");
        }
        Map<String, String> checks = new LinkedHashMap<>();
        e.path("checks").fields().forEachRemaining(x -> checks.put(x.getKey(), outcome(x.getValue().asText())));
        Map<String, List<Expectation.ExpectedFinding>> findings = new LinkedHashMap<>();
        e.path("findings").fields().forEachRemaining(x -> {
            List<Expectation.ExpectedFinding> list = new ArrayList<>();
            for (JsonNode f : x.getValue()) {
                if (f.isTextual()) {
                    list.add(new Expectation.ExpectedFinding(enumValue(Severity.class, f.asText(), "severity"), null, null, null));
                } else {
                    list.add(new Expectation.ExpectedFinding(
                            f.hasNonNull("severity") ? enumValue(Severity.class, f.get("severity").asText(), "severity") : null,
                            f.hasNonNull("subject") ? f.get("subject").asText() : null,
                            f.hasNonNull("message") ? f.get("message").asText() : null,
                            f.hasNonNull("remediation") ? f.get("remediation").asText() : null));
                }
            }
            findings.put(x.getKey(), list);
        });
        Map<String, List<String>> missing = new LinkedHashMap<>();
        e.path("missing").fields().forEachRemaining(x -> {
            List<String> paths = new ArrayList<>();
            x.getValue().forEach(p -> paths.add(p.asText()));
            missing.put(x.getKey(), paths);
        });
        Map<String, List<String>> notes = new LinkedHashMap<>();
        e.path("notes").fields().forEachRemaining(x -> {
            List<String> texts = new ArrayList<>();
            x.getValue().forEach(p -> texts.add(p.asText()));
            notes.put(x.getKey(), texts);
        });
        return new Expectation(verdict, checks, findings, missing, notes, idList(e.get("failing")), idList(e.get("notEvaluated")),
                e.hasNonNull("otherChecks") ? outcome(e.get("otherChecks").asText()) : null,
                e.has("invalid") ? e.get("invalid").asText() : null,
                e.hasNonNull("invalidMessage") ? e.get("invalidMessage").asText() : null);
    }

    private static List<String> idList(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static String outcome(String text) {
        String o = text.strip().toUpperCase(Locale.ROOT).replace(' ', '_');
        return switch (o) {
            case "PASS", "FAIL", "FAIL/ERROR", "FAIL/WARNING", "FAIL/INFO", "NOT_EVALUATED", "ERROR" -> o;
            default -> throw new IllegalArgumentException("outcome \"" + text
                    + "\" is not one of PASS, FAIL, FAIL/ERROR, FAIL/WARNING, FAIL/INFO, NOT_EVALUATED, ERROR");
        };
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String what) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(what + " \"" + text + "\" is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** Runs one case. */
    public static CaseResult run(Evaluator evaluator, RuleTestCase c) {
        Expectation e = c.expect();
        List<String> diff = new ArrayList<>();
        Report report;
        try {
            report = evaluator.evaluate(FactsReader.read(c.facts(), null));
        } catch (InvalidFactsException ex) {
            if (e.invalid() == null) {
                diff.add("the facts were rejected: " + ex.getMessage());
            } else {
                if (!e.invalid().equals(ex.path())) {
                    diff.add("expected an input error at \"" + e.invalid() + "\", got one at \"" + ex.path() + "\": " + ex.problem());
                }
                if (e.invalidMessage() != null && !ex.getMessage().contains(e.invalidMessage())) {
                    diff.add("expected the input error to say \"" + e.invalidMessage() + "\", got: " + ex.getMessage());
                }
            }
            return new CaseResult(c, diff, null);
        }
        if (e.invalid() != null) {
            diff.add("expected an input error at \"" + e.invalid() + "\", but the facts were read");
            return new CaseResult(c, diff, report);
        }
        if (e.verdict() != null && e.verdict() != report.verdict()) {
            diff.add("expected verdict " + e.verdict() + ", got " + report.verdict());
        }
        Map<String, CheckResult> byId = new LinkedHashMap<>();
        report.checks().forEach(cr -> byId.put(cr.id(), cr));
        e.checks().forEach((id, expected) -> {
            CheckResult cr = byId.get(id);
            if (cr == null) {
                diff.add(id + ": no such check in the rules");
            } else if (!matches(expected, cr)) {
                diff.add(id + ": expected " + expected + ", got " + describe(cr));
            }
        });
        if (e.otherChecks() != null) {
            for (CheckResult cr : report.checks()) {
                if (!e.checks().containsKey(cr.id()) && !matches(e.otherChecks(), cr)) {
                    diff.add(cr.id() + ": expected " + e.otherChecks() + " (as every check not named), got " + describe(cr));
                }
            }
        }
        e.findings().forEach((id, expected) -> {
            CheckResult cr = byId.get(id);
            if (cr == null) {
                diff.add(id + ": no such check in the rules");
                return;
            }
            List<Finding> left = new ArrayList<>(cr.findings());
            for (Expectation.ExpectedFinding x : expected) {
                Finding hit = left.stream().filter(f -> (x.severity() == null || x.severity() == f.severity())
                        && (x.subject() == null || x.subject().equals(f.subject()))
                        && (x.messageContains() == null || f.message().contains(x.messageContains()))
                        && (x.remediationContains() == null || (f.remediation() != null && f.remediation().contains(x.remediationContains()))))
                        .findFirst().orElse(null);
                if (hit == null) {
                    diff.add(id + ": expected a finding " + x + ", got " + summarize(cr.findings()));
                } else {
                    left.remove(hit);
                }
            }
            // The list is exact: every finding of the check must be expected.
            if (!left.isEmpty()) {
                diff.add(id + ": " + left.size() + " unexpected finding" + (left.size() == 1 ? "" : "s") + ": " + summarize(left));
            }
        });
        e.missing().forEach((id, expected) -> {
            CheckResult cr = byId.get(id);
            if (cr == null) {
                diff.add(id + ": no such check in the rules");
                return;
            }
            Set<String> actual = new TreeSet<>(cr.missing().stream().map(MissingFact::path).toList());
            if (!actual.equals(new TreeSet<>(expected))) {
                diff.add(id + ": expected missing facts " + new TreeSet<>(expected) + ", got " + actual);
            }
        });
        e.notes().forEach((id, expected) -> {
            CheckResult cr = byId.get(id);
            if (cr == null) {
                diff.add(id + ": no such check in the rules");
                return;
            }
            if (expected.size() != cr.notes().size()) {
                diff.add(id + ": expected " + expected.size() + " note" + (expected.size() == 1 ? "" : "s") + ", got " + cr.notes());
            }
            for (String text : expected) {
                if (cr.notes().stream().noneMatch(n -> n.contains(text))) {
                    diff.add(id + ": expected a note containing \"" + text + "\", got " + cr.notes());
                }
            }
        });
        compareIds(diff, "failing checks", e.failing(), report.checks().stream().filter(cr -> cr.status() == Status.FAIL).map(CheckResult::id).toList());
        compareIds(diff, "checks not evaluated", e.notEvaluated(), report.checks().stream().filter(cr -> cr.status() == Status.NOT_EVALUATED).map(CheckResult::id).toList());
        return new CaseResult(c, diff, report);
    }

    private static void compareIds(List<String> diff, String what, List<String> expected, List<String> actual) {
        if (expected != null && !new TreeSet<>(expected).equals(new TreeSet<>(actual))) {
            Set<String> extra = new TreeSet<>(actual);
            extra.removeAll(expected);
            Set<String> lacking = new TreeSet<>(expected);
            lacking.removeAll(actual);
            diff.add("expected " + what + " " + new TreeSet<>(expected) + ", got " + new TreeSet<>(actual)
                    + (extra.isEmpty() ? "" : "; unexpected " + extra) + (lacking.isEmpty() ? "" : "; absent " + lacking));
        }
    }

    private static boolean matches(String expected, CheckResult cr) {
        return expected.equals("FAIL") ? cr.status() == Status.FAIL : expected.equals(cr.outcome());
    }

    private static String describe(CheckResult cr) {
        StringBuilder sb = new StringBuilder(cr.outcome());
        if (!cr.findings().isEmpty()) {
            sb.append(" (").append(cr.findings().get(0).message()).append(cr.findings().size() > 1 ? ", ..." : "").append(')');
        }
        if (cr.status() == Status.NOT_EVALUATED) {
            sb.append(" (missing ").append(cr.missing()).append(')');
        }
        return sb.toString();
    }

    private static String summarize(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        for (Finding f : findings) {
            parts.add(f.severity() + (f.subject() == null ? "" : " about " + f.subject()) + " \"" + f.message() + "\"");
        }
        return String.join("; ", parts);
    }

    /** Runs every case. */
    public static List<CaseResult> runAll(Evaluator evaluator, List<RuleTestCase> cases) {
        // The evaluator is thread-safe and the cases independent: on every core, results in the cases' order.
        return cases.parallelStream().map(c -> run(evaluator, c)).toList();
    }

    /** Which outcomes of which checks the passing cases prove. */
    public static Coverage coverage(List<CheckInfo> catalogue, List<CaseResult> results) {
        return Coverage.of(catalogue, results);
    }
}
