package dev.preflight.engine;

import dev.preflight.api.RuleProblem;
import dev.preflight.api.Severity;
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

    private static final List<String> CHECK_ANNOTATIONS = List.of("id", "severity");
    private static final List<String> MOVED_ANNOTATIONS = List.of("title", "doc", "remediation");
    private static final Pattern OUTCOME_CALL = Pattern.compile("\\boutcome\\s*\\.\\s*(fail|note)\\s*\\(");
    private static final Pattern FAIL_CALL = Pattern.compile("\\boutcome\\s*\\.\\s*fail\\s*\\(");

    private DrlInspector() {
    }

    /** The rules of every file, with syntax and metadata problems added to {@code problems}. */
    static List<RuleDecl> inspect(Map<String, String> drlFiles, List<RuleProblem> problems) {
        Map<String, PackageDescr> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : drlFiles.entrySet()) {
            PackageDescr pkg = parse(f.getKey(), f.getValue(), problems);
            if (pkg != null) {
                parsed.put(f.getKey(), pkg);
            }
        }
        // Types declared in one file (terms.drl) are used in the others.
        Map<String, Map<String, String>> declared = RuleReads.declaredTypes(List.copyOf(parsed.values()));
        // So are functions (terms.drl's usableOrUnknown): a rule reads what the functions it calls read.
        Map<String, org.drools.drl.ast.descr.FunctionDescr> functions = RuleReads.functions(List.copyOf(parsed.values()));
        List<RuleDecl> all = new ArrayList<>();
        parsed.forEach((file, pkg) -> all.addAll(rules(file, drlFiles.get(file), pkg, declared, functions)));
        validate(all, drlFiles, problems);
        return all;
    }

    /** The file's parsed package, or null after adding its first syntax error to {@code problems}. */
    static PackageDescr parse(String file, String text, List<RuleProblem> problems) {
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, text);
        } catch (DroolsParserException e) {
            problems.add(RuleProblem.error(file, e.getLineNumber(), e.getColumn() + 1, e.getMessage()));
            return null;
        }
        if (!parser.getErrors().isEmpty()) {
            problems.add(DrlSyntax.firstError(file, text, parser.getErrors()));
            return null;
        }
        return pkg;
    }

    private static List<RuleDecl> rules(String file, String text, PackageDescr pkg, Map<String, Map<String, String>> declared,
                                        Map<String, org.drools.drl.ast.descr.FunctionDescr> functions) {
        String[] lines = text.split("\n", -1);
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
                    r.getConsequence() == null ? "" : String.valueOf(r.getConsequence()), r.getConsequenceLine(),
                    RuleReads.of(r, declared, functions, lines)));
        }
        return rules;
    }

    /** Checks every rule's metadata: a check rule carries its check's id and the severity it raises, nothing more. */
    private static void validate(List<RuleDecl> rules, Map<String, String> texts, List<RuleProblem> problems) {
        for (RuleDecl r : rules) {
            String[] lines = texts.get(r.file()).split("\n", -1);
            Map<String, String> a = r.annotations();
            boolean term = a.containsKey("term");
            if (term && !a.containsKey("id")) {
                if (FAIL_CALL.matcher(r.consequence()).find()) {
                    problems.add(at(r, lines, "outcome.fail", "rule \"" + r.name() + "\" defines a term (@term) but raises a finding; give it @id and @severity instead"));
                }
                continue;
            }
            for (String moved : MOVED_ANNOTATIONS) {
                if (a.containsKey(moved)) {
                    problems.add(at(r, lines, "@" + moved, "rule \"" + r.name() + "\": @" + moved + " belongs to the check's declaration in "
                            + CheckDeclarations.FILE + " (a rule carries only @id and @severity)"));
                }
            }
            List<String> missing = new ArrayList<>();
            for (String name : CHECK_ANNOTATIONS) {
                if (!a.containsKey(name) || a.get(name).isEmpty()) {
                    missing.add("@" + name);
                }
            }
            if (!missing.isEmpty()) {
                problems.add(RuleProblem.error(r.file(), r.line(), 0, "rule \"" + r.name() + "\" lacks " + String.join(", ", missing)
                        + " (every rule names its check with @id and the severity it raises with @severity; a rule that only defines a term needs @term)")
                        .withExcerpt(RuleText.lineText(lines, r.line())));
                if (!a.containsKey("id")) {
                    continue;
                }
            }
            String id = a.get("id");
            if (!RuleText.CHECK_ID.matcher(id).matches()) {
                problems.add(at(r, lines, "@id", "rule \"" + r.name() + "\": check id \"" + id + "\" is not of the form PWB-AREA-NNN"));
            }
            String severity = a.getOrDefault("severity", "");
            if (!severity.isEmpty()) {
                if (severity.equalsIgnoreCase("NONE")) {
                    if (FAIL_CALL.matcher(r.consequence()).find()) {
                        problems.add(at(r, lines, "outcome.fail", "rule \"" + r.name() + "\" has @severity(NONE) but calls outcome.fail: give it the severity of the finding it raises"));
                    }
                } else {
                    Severity sev = null;
                    try {
                        sev = Severity.valueOf(severity.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        problems.add(at(r, lines, "@severity", "rule \"" + r.name() + "\": unknown severity \"" + severity + "\" (use ERROR, WARNING, INFO, or NONE for a rule that raises no finding)"));
                    }
                    if (sev != null && !FAIL_CALL.matcher(r.consequence()).find()) {
                        problems.add(at(r, lines, "then", "rule \"" + r.name() + "\" has @severity(" + severity + ") but never calls outcome.fail; use @severity(NONE) for a rule that only adds notes")
                                .withLevel(RuleProblem.Level.WARNING));
                    }
                }
            }
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
        return RuleProblem.error(r.file(), r.line(), 0, message).withExcerpt(RuleText.lineText(lines, r.line()));
    }

    /** Metadata of every rule, keyed by {@link RuleDecl#key()}; values that do not validate are left out. */
    static Map<String, RuleMeta> metadata(List<RuleDecl> rules, Map<String, String> texts) {
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
            String text = texts.get(r.file());
            out.put(r.key(), new RuleMeta(r.name(), a.get("id"), severity, a.get("term"), r.file(), r.line(), out.size(),
                    text == null ? List.of() : keyUses(r, text.split("\n", -1)), r.reads()));
        }
        return out;
    }

    /**
     * The message keys a rule's consequence names: the text literals of each {@code outcome.fail(...)}
     * or {@code outcome.note(...)} call's first argument (a {@code cond ? "a" : "b"} names two), and how
     * many arguments follow. A first argument without a literal is recorded with an empty key.
     */
    static List<RuleMeta.KeyUse> keyUses(RuleDecl r, String[] lines) {
        int from = Math.max(1, r.consequenceLine() > 0 ? r.consequenceLine() : r.line());
        int to = Math.min(r.endLine(), lines.length);
        StringBuilder text = new StringBuilder();
        int[] lineStart = new int[Math.max(0, to - from + 1)];
        for (int i = from; i <= to; i++) {
            lineStart[i - from] = text.length();
            text.append(lines[i - 1]).append('\n');
        }
        List<RuleMeta.KeyUse> out = new ArrayList<>();
        Matcher m = OUTCOME_CALL.matcher(text);
        while (m.find()) {
            List<String> args = new ArrayList<>();
            List<Integer> argStarts = new ArrayList<>();
            int depth = 0;
            int start = m.end();
            boolean quoted = false;
            int i = m.end();
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                    depth--;
                } else if (c == ')' || (c == ',' && depth == 0)) {
                    args.add(text.substring(start, i));
                    argStarts.add(start);
                    start = i + 1;
                    if (c == ')') {
                        break;
                    }
                }
            }
            if (args.isEmpty() || args.get(0).isBlank()) {
                continue;
            }
            Matcher lit = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(args.get(0));
            int offset = argStarts.get(0);
            boolean any = false;
            while (lit.find()) {
                any = true;
                int pos = offset + lit.start();
                int line = lineOf(lineStart, pos);
                out.add(new RuleMeta.KeyUse(lit.group(1), args.size() - 1, from + line, pos - lineStart[line] + 1, m.group(1).equals("note")));
            }
            if (!any) {
                int line = lineOf(lineStart, offset);
                out.add(new RuleMeta.KeyUse("", args.size() - 1, from + line, offset - lineStart[line] + 1, m.group(1).equals("note")));
            }
        }
        return out;
    }

    private static int lineOf(int[] lineStart, int pos) {
        int line = 0;
        while (line + 1 < lineStart.length && lineStart[line + 1] <= pos) {
            line++;
        }
        return line;
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
