package dev.preflight.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What loading rules reads of their text without Drools' DRL parser: the form of a check id, a
 * source line for a problem's excerpt, the tokens of a named condition. Loading the built-in rules
 * needs these also where the Drools compiler is left off the class path (see docs/library.md,
 * "The Drools compiler"), so they live apart from the classes that use the parser.
 */
final class RuleText {

    /** A check id: PWB-AREA-NNN. */
    static final Pattern CHECK_ID = Pattern.compile("[A-Z][A-Z0-9]*-[A-Z][A-Z0-9]*-[0-9]{3}");

    private RuleText() {
    }

    /** Line {@code line} (1-based) of a file's lines, stripped; empty when out of range. */
    static String lineText(String[] lines, int line) {
        return line >= 1 && line <= lines.length ? lines[line - 1].strip() : "";
    }

    /** Names, numbers, and single-character punctuation; text literals left out. */
    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                out.add("\"\"");
                i = j + 1;
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '$')) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                out.add("0");
                i = j;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return out;
    }
}
