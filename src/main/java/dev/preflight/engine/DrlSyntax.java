package dev.preflight.engine;

import dev.preflight.api.RuleProblem;
import java.util.List;
import java.util.regex.Pattern;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.ParserError;

/**
 * Drools' DRL parser errors in the analyst's terms: a file that does not parse reports its first
 * syntax error only (the later ones are mostly the parser losing its way after it), at the line
 * and column of the mistake, saying what was expected there.
 */
final class DrlSyntax {

    private static final Pattern ERR_LINE = Pattern.compile("^\\[ERR \\d+\\] Line \\d+:\\d+ ");

    private DrlSyntax() {
    }

    private static final java.util.Set<String> TOP_LEVEL = java.util.Set.of("package", "import", "global", "rule", "query", "declare",
            "function", "dialect", "attributes", "unit", "end");

    static RuleProblem firstError(String file, String text, List<? extends DroolsError> errors) {
        String[] lines = text.split("\n", -1);
        DroolsError e = errors.get(0);
        int droolsLine = e.getLines().length > 0 ? e.getLines()[0] : Integer.MAX_VALUE;
        // Drools blames the rule before a misspelt keyword, or a line inside the next rule: find it first.
        RuleProblem keyword = misspeltKeyword(file, lines, droolsLine);
        if (keyword != null) {
            return keyword;
        }
        int line = e.getLines().length > 0 ? e.getLines()[0] : 0;
        int col = e instanceof ParserError pe ? pe.getCol() + 1 : 0;
        String msg = ERR_LINE.matcher(e.getMessage()).replaceFirst("")
                .replaceFirst("^mismatched input '([^']*)'", "unexpected \"$1\"")
                .replaceFirst("^no viable alternative at input '([^']*)'", "cannot read \"$1\" here");
        return RuleProblem.error(file, line, col, "syntax error: " + msg).withExcerpt(RuleText.lineText(lines, line));
    }

    /**
     * A line at the top level of the file (outside rules, declarations and functions) that starts
     * with a word DRL does not know there, such as {@code rul "..."}; before {@code limit}, or null.
     */
    private static RuleProblem misspeltKeyword(String file, String[] lines, int limit) {
        boolean inBlock = false;
        boolean inComment = false;
        int braces = 0;
        for (int i = 0; i < lines.length && i < limit; i++) {
            String t = lines[i].strip();
            if (inComment) {
                inComment = !t.contains("*/");
                continue;
            }
            if (t.startsWith("/*")) {
                inComment = !t.contains("*/");
                continue;
            }
            if (t.isEmpty() || t.startsWith("//") || t.startsWith("#")) {
                continue;
            }
            java.util.regex.Matcher w = java.util.regex.Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)").matcher(t);
            String word = w.find() ? w.group(1) : "";
            if (braces > 0) {
                braces += count(t, '{') - count(t, '}');
                continue;
            }
            if (inBlock) {
                inBlock = !word.equals("end");
                continue;
            }
            if (word.equals("rule") || word.equals("query") || word.equals("declare")) {
                inBlock = true;
            } else if (word.equals("function")) {
                braces = count(t, '{') - count(t, '}');
            } else if (!TOP_LEVEL.contains(word)) {
                String near = nearest(word);
                return RuleProblem.error(file, i + 1, lines[i].indexOf(t) + 1, "syntax error: \"" + (word.isEmpty() ? t.substring(0, 1) : word)
                        + "\" cannot start a line outside a rule: expected rule, query, declare, function, import or global"
                        + (near == null ? "" : " (did you mean \"" + near + "\"?)")).withExcerpt(t);
            }
        }
        return null;
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }

    /** The DRL keyword at most two edits from the word, or null. */
    private static String nearest(String word) {
        String best = null;
        int bestDistance = 3;
        for (String k : TOP_LEVEL) {
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] x = prev;
            prev = cur;
            cur = x;
        }
        return prev[b.length()];
    }

    private static final java.util.regex.Pattern CONSEQUENCE = java.util.regex.Pattern.compile(
            "Unable to parse consequence caused by: \\(line (\\d+),col (\\d+)\\) Parse error\\. Found \"([^\"]*)\", expected one of (.*)$");

    /**
     * Drools' "Unable to parse consequence ... (line 2,col 30) Found "}", expected one of ... ";" ..."
     * at the DRL line and column it means (the consequence's lines count from its {@code then}); null
     * for any other message.
     */
    static RuleProblem consequence(RuleDecl rule, String[] lines, String message, RuleProblem.Level level) {
        java.util.regex.Matcher m = CONSEQUENCE.matcher(message);
        if (!m.find() || rule.consequenceLine() <= 0) {
            return null;
        }
        String found = m.group(3);
        boolean semicolon = m.group(4).contains("\";\"");
        int line = rule.consequenceLine() + Integer.parseInt(m.group(1)) - 1;
        int col = Integer.parseInt(m.group(2));
        String text;
        if (semicolon && (found.equals("}") || found.equals("<EOF>"))) {
            // The statement before the end lacks its ";": point at the end of the last line of code.
            line = rule.consequenceLine();
            for (int l = Math.min(rule.endLine() - 1, lines.length); l > rule.consequenceLine(); l--) {
                if (!lines[l - 1].isBlank() && !lines[l - 1].strip().startsWith("//")) {
                    line = l;
                    break;
                }
            }
            col = lines[line - 1].stripTrailing().length() + 1;
            text = "a \";\" is missing at the end of this statement";
        } else {
            String expected = semicolon ? "\";\"" : m.group(4).strip().replaceAll("\\s+", " ");
            text = "found \"" + found + "\" where " + expected + " was expected";
        }
        return new RuleProblem(level, rule.file(), line, col, "syntax error in the consequence of rule \"" + rule.name() + "\": " + text,
                RuleText.lineText(lines, line));
    }

    private static final java.util.regex.Pattern LEFT_PART = java.util.regex.Pattern.compile("^Unable to parse left part of expression: \\s*([A-Za-z_$][A-Za-z0-9_$]*)");

    /**
     * Drools' "Unable to parse left part of expression: tlsInspektion == true" as what it usually
     * means: a misspelt field, with the fields of the pattern's fact type listed; null when the
     * message is another one or the type is not a fact.
     */
    static RuleProblem unknownField(RuleProblem p, String[] lines) {
        java.util.regex.Matcher m = LEFT_PART.matcher(p.message());
        if (!m.find() || p.line() < 1 || p.line() > lines.length) {
            return null;
        }
        String field = m.group(1);
        String line = lines[p.line() - 1];
        int at = p.column() > 0 ? Math.min(line.length(), p.column() - 1) : line.indexOf(field);
        java.util.regex.Matcher type = java.util.regex.Pattern.compile("([A-Z][A-Za-z0-9_]*)\\s*\\(").matcher(line.substring(0, Math.max(0, at)));
        String typeName = null;
        while (type.find()) {
            typeName = type.group(1);
        }
        Class<?> fact = null;
        for (Class<?> c : FactModel.types()) {
            if (c.getSimpleName().equals(typeName)) {
                fact = c;
            }
        }
        if (fact == null || field.startsWith("$")) {
            return null;
        }
        List<String> names = new java.util.ArrayList<>(FactModel.fields(fact).keySet());
        for (java.lang.reflect.Method x : fact.getMethods()) {
            if (x.getDeclaringClass() == fact && x.getParameterCount() == 0 && x.getReturnType() != void.class
                    && !java.lang.reflect.Modifier.isStatic(x.getModifiers()) && !names.contains(x.getName())
                    && !List.of("toString", "hashCode", "label").contains(x.getName()) && !x.getName().startsWith("get")) {
                names.add(x.getName());
            }
        }
        String near = null;
        int best = 3;
        for (String n : names) {
            int d = distance(field.toLowerCase(java.util.Locale.ROOT), n.toLowerCase(java.util.Locale.ROOT));
            if (d < best) {
                best = d;
                near = n;
            }
        }
        int col = line.indexOf(field) + 1;
        return new RuleProblem(p.level(), p.file(), p.line(), col > 0 ? col : p.column(), "\"" + field + "\" is not a field of " + fact.getSimpleName()
                + (near == null ? "" : " (did you mean \"" + near + "\"?)") + "; its fields and terms: " + String.join(", ", names), p.excerpt());
    }
}
