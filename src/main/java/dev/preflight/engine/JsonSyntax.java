package dev.preflight.engine;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.preflight.api.RuleProblem;
import java.util.List;

/**
 * A JSON file of the rules (the catalogue, a test file) that does not parse, in the analyst's
 * terms: one error, at the mistake. Jackson reports a missing comma at the token after it (often on
 * the next line); the comma belongs after the value before, so that is where it is reported.
 */
public final class JsonSyntax {

    /** How every "the file does not parse" problem starts: other checks of that file are left out. */
    public static final String PREFIX = "syntax error: ";

    private JsonSyntax() {
    }

    /** The problem for a file that does not parse. */
    public static RuleProblem problem(String file, String text, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        int line = loc == null ? 0 : loc.getLineNr();
        int column = loc == null ? 0 : loc.getColumnNr();
        String message;
        if (original.contains("was expecting comma")) {
            // Back from the unexpected token to the end of the value before it: the comma goes there.
            int offset = offsetOf(text, line, column) - 1;
            while (offset > 0 && Character.isWhitespace(text.charAt(offset - 1))) {
                offset--;
            }
            int[] at = lineAndColumn(text, offset);
            line = at[0];
            column = at[1];
            message = "a comma is missing here, after this value (expected \",\" or \"" + (original.contains("Object") ? "}" : "]") + "\" before the next "
                    + (original.contains("Object") ? "field" : "element") + ")";
        } else if (original.startsWith("Unexpected end-of-input")) {
            message = "the file ends early: " + (original.contains("Object") ? "a \"}\"" : original.contains("Array") ? "a \"]\"" : "a closing bracket")
                    + " is missing";
        } else if (original.contains("Duplicate field")) {
            message = original.replace("Duplicate field", "the field").replaceFirst("'$", "'") + " appears twice in one object";
        } else {
            message = dev.preflight.facts.ParseMessages.clean(original).strip();
        }
        String excerpt = lineText(text, line);
        return RuleProblem.error(file, line, column, PREFIX + message).withExcerpt(excerpt);
    }

    /** Whether any problem says the file does not parse. */
    public static boolean unparsed(String file, List<RuleProblem> problems) {
        return problems.stream().anyMatch(p -> p.isError() && p.file().equals(file) && p.message().startsWith(PREFIX));
    }

    private static int offsetOf(String text, int line, int column) {
        int l = 1;
        int i = 0;
        while (l < line && i < text.length()) {
            if (text.charAt(i++) == '\n') {
                l++;
            }
        }
        return Math.min(text.length(), i + Math.max(0, column - 1));
    }

    private static int[] lineAndColumn(String text, int offset) {
        int line = 1;
        int start = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                start = i + 1;
            }
        }
        return new int[] {line, offset - start + 1};
    }

    private static String lineText(String text, int line) {
        String[] lines = text.split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1].strip() : "";
    }
}
