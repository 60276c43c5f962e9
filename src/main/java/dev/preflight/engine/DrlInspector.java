package dev.preflight.engine;

import dev.preflight.api.RuleProblem;
import dev.preflight.api.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;

/**
 * Reads DRL files the way an analyst needs them checked: syntax errors with file and line, and
 * every rule's metadata, validated. Runs before the (slower) compile so that these problems are
 * reported precisely and all at once.
 */
final class DrlInspector {

    static final Pattern CHECK_ID = Pattern.compile("[A-Z][A-Z0-9]*-[A-Z][A-Z0-9]*-[0-9]{3}");
    private static final List<String> CHECK_ANNOTATIONS = List.of("id", "title", "severity", "doc");
    private static final Pattern FAIL_CALL = Pattern.compile("\\boutcome\\s*\\.\\s*fail\\s*\\(");
    private static final Pattern ERR_LINE = Pattern.compile("^\\[ERR \\d+\\] Line \\d+:\\d+ ");

    private DrlInspector() {
    }

    /** The rules of every file, with syntax and metadata problems added to {@code problems}. */
    static List<RuleDecl> inspect(Map<String, String> drlFiles, List<RuleProblem> problems) {
        List<RuleDecl> all = new ArrayList<>();
        for (Map.Entry<String, String> f : drlFiles.entrySet()) {
            all.addAll(parse(f.getKey(), f.getValue(), problems));
        }
        validate(all, drlFiles, problems);
        return all;
    }

    static List<RuleDecl> parse(String file, String text, List<RuleProblem> problems) {
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, text);
        } catch (DroolsParserException e) {
            problems.add(RuleProblem.error(file, e.getLineNumber(), e.getColumn() + 1, e.getMessage()));
            return List.of();
        }
        String[] lines = text.split("\n", -1);
        boolean errors = false;
        for (DroolsError e : parser.getErrors()) {
            errors = true;
            int line = e.getLines().length > 0 ? e.getLines()[0] : 0;
            int col = e instanceof ParserError pe ? pe.getCol() + 1 : 0;
            String msg = ERR_LINE.matcher(e.getMessage()).replaceFirst("");
            problems.add(RuleProblem.error(file, line, col, "syntax error: " + msg).withExcerpt(lineText(lines, line)));
        }
        if (errors || pkg == null) {
            return List.of();
        }
        List<RuleDecl> rules = new ArrayList<>();
        List<RuleDescr> descrs = pkg.getRules();
        for (int i = 0; i < descrs.size(); i++) {
            RuleDescr r = descrs.get(i);
            if (r.isQuery()) {
                continue;
            }
            Map<String, String> ann = new LinkedHashMap<>();
            for (AnnotationDescr a : r.getAnnotations()) {
                Object v = a.getSingleValue();
                ann.put(a.getName(), v == null ? "" : AnnotationDescr.unquote(String.valueOf(v)).strip());
            }
            int end = r.getEndLine() > 0 ? r.getEndLine() : (i + 1 < descrs.size() ? descrs.get(i + 1).getLine() - 1 : lines.length);
            rules.add(new RuleDecl(file, pkg.getName(), r.getName(), r.getLine(), end, ann,
                    r.getConsequence() == null ? "" : String.valueOf(r.getConsequence()), r.getConsequenceLine()));
        }
        return rules;
    }

    /** Checks every rule's metadata and the consistency of the rules sharing a check id. */
    private static void validate(List<RuleDecl> rules, Map<String, String> texts, List<RuleProblem> problems) {
        Map<String, RuleDecl> firstOfCheck = new HashMap<>();
        Map<String, List<RuleDecl>> byCheck = new LinkedHashMap<>();
        Map<String, Boolean> canFail = new LinkedHashMap<>();
        for (RuleDecl r : rules) {
            String[] lines = texts.get(r.file()).split("\n", -1);
            Map<String, String> a = r.annotations();
            boolean term = a.containsKey("term");
            if (term && !a.containsKey("id")) {
                if (FAIL_CALL.matcher(r.consequence()).find()) {
                    problems.add(at(r, lines, "outcome.fail", "rule \"" + r.name() + "\" defines a term (@term) but raises a finding; give it check metadata (@id, @title, @severity, @doc) instead"));
                }
                continue;
            }
            List<String> missing = new ArrayList<>();
            for (String name : CHECK_ANNOTATIONS) {
                if (!a.containsKey(name) || a.get(name).isEmpty()) {
                    missing.add("@" + name);
                }
            }
            if (!missing.isEmpty()) {
                problems.add(RuleProblem.error(r.file(), r.line(), 0, "rule \"" + r.name() + "\" lacks " + String.join(", ", missing)
                        + " (every rule needs @id, @title, @severity and @doc; a rule that only defines a term needs @term)")
                        .withExcerpt(lineText(lines, r.line())));
                if (!a.containsKey("id")) {
                    continue;
                }
            }
            String id = a.get("id");
            if (!CHECK_ID.matcher(id).matches()) {
                problems.add(at(r, lines, "@id", "rule \"" + r.name() + "\": check id \"" + id + "\" is not of the form PWB-AREA-NNN"));
            }
            String severity = a.getOrDefault("severity", "");
            Severity sev = null;
            boolean unknownSeverity = false;
            if (!severity.isEmpty()) {
                if (severity.equalsIgnoreCase("NONE")) {
                    if (FAIL_CALL.matcher(r.consequence()).find()) {
                        problems.add(at(r, lines, "outcome.fail", "rule \"" + r.name() + "\" has @severity(NONE) but calls outcome.fail: give it the severity of the finding it raises"));
                    }
                } else {
                    try {
                        sev = Severity.valueOf(severity.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        unknownSeverity = true;
                        problems.add(at(r, lines, "@severity", "rule \"" + r.name() + "\": unknown severity \"" + severity + "\" (use ERROR, WARNING, INFO, or NONE for a rule that raises no finding)"));
                    }
                    if (sev != null && !FAIL_CALL.matcher(r.consequence()).find()) {
                        problems.add(at(r, lines, "then", "rule \"" + r.name() + "\" has @severity(" + severity + ") but never calls outcome.fail; use @severity(NONE) for a rule that only reports missing facts or notes")
                                .withLevel(RuleProblem.Level.WARNING));
                    }
                }
            }
            String doc = a.getOrDefault("doc", "");
            if (!doc.isEmpty() && !isHttpsUrl(doc)) {
                problems.add(at(r, lines, "@doc", "rule \"" + r.name() + "\": @doc \"" + doc + "\" is not an absolute https URL"));
            }
            // A mistyped severity is already an error; it is not also "a check no rule can fail".
            canFail.merge(id, sev != null || unknownSeverity, Boolean::logicalOr);
            firstOfCheck.putIfAbsent(id, r);
            byCheck.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
        }
        // Rules sharing an id must agree on the title and link; the odd ones out are the error.
        byCheck.forEach((id, group) -> {
            for (String name : List.of("title", "doc")) {
                Map<String, List<RuleDecl>> byValue = new LinkedHashMap<>();
                for (RuleDecl r : group) {
                    String v = r.annotations().getOrDefault(name, "");
                    if (!v.isEmpty()) {
                        byValue.computeIfAbsent(v, k -> new ArrayList<>()).add(r);
                    }
                }
                if (byValue.size() < 2) {
                    continue;
                }
                List<RuleDecl> majority = byValue.values().stream().max(java.util.Comparator.comparingInt(List::size)).orElseThrow();
                RuleDecl reference = majority.get(0);
                byValue.forEach((value, rs) -> {
                    if (rs == majority) {
                        return;
                    }
                    RuleDecl r = rs.get(0);
                    problems.add(at(r, texts.get(r.file()).split("\n", -1), "@" + name, "check " + id + " is declared twice with different @" + name
                            + ": \"" + value + "\" here, \"" + reference.annotations().get(name) + "\" at " + reference.file() + ":" + reference.line()
                            + " (a duplicate check id, or a typo in one of its rules)"));
                });
            }
        });
        canFail.forEach((id, fails) -> {
            if (!fails) {
                RuleDecl r = firstOfCheck.get(id);
                problems.add(RuleProblem.warning(r.file(), r.line(), 0, "check " + id + " has no rule that can fail it (every rule has @severity(NONE))"));
            }
        });
    }

    private static boolean isHttpsUrl(String s) {
        try {
            URI u = new URI(s);
            return "https".equalsIgnoreCase(u.getScheme()) && u.getHost() != null && !u.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A problem at the first line of the rule holding {@code needle}, or at the rule's line. */
    private static RuleProblem at(RuleDecl r, String[] lines, String needle, String message) {
        for (int i = Math.max(1, r.line()); i <= Math.min(r.endLine(), lines.length); i++) {
            int col = lines[i - 1].indexOf(needle);
            if (col >= 0) {
                return RuleProblem.error(r.file(), i, col + 1, message).withExcerpt(lines[i - 1].strip());
            }
        }
        return RuleProblem.error(r.file(), r.line(), 0, message).withExcerpt(lineText(lines, r.line()));
    }

    static String lineText(String[] lines, int line) {
        return line >= 1 && line <= lines.length ? lines[line - 1].strip() : "";
    }

    /** Metadata of every rule, keyed by {@link RuleDecl#key()}; values that do not validate are left out. */
    static Map<String, RuleMeta> metadata(List<RuleDecl> rules) {
        Map<String, RuleMeta> out = new LinkedHashMap<>();
        for (RuleDecl r : rules) {
            Map<String, String> a = r.annotations();
            String sev = a.getOrDefault("severity", "NONE").toUpperCase(Locale.ROOT);
            Severity severity = null;
            for (Severity s : Severity.values()) {
                if (s.name().equals(sev)) {
                    severity = s; // an unknown severity is reported by validate(); here it counts as none
                }
            }
            out.put(r.key(), new RuleMeta(r.name(), a.get("id"), a.get("title"), severity, a.get("doc"),
                    a.get("remediation"), a.get("term"), r.file(), r.line(), out.size()));
        }
        return out;
    }

    /** Finds the word in the lines of a rule's consequence (from its {@code then}), or in the whole rule. */
    static int[] locateInRule(RuleDecl r, String[] lines, String word, boolean consequenceOnly) {
        Pattern p = Pattern.compile("(?<![A-Za-z0-9_$])" + Pattern.quote(word) + "(?![A-Za-z0-9_$])");
        int from = consequenceOnly && r.consequenceLine() > 0 ? r.consequenceLine() : r.line();
        for (int i = Math.max(1, from); i <= Math.min(r.endLine(), lines.length); i++) {
            Matcher m = p.matcher(lines[i - 1]);
            if (m.find()) {
                return new int[] {i, m.start() + 1};
            }
        }
        return null;
    }
}
