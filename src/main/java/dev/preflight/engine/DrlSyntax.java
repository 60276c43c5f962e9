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

    static RuleProblem firstError(String file, String text, List<? extends DroolsError> errors) {
        String[] lines = text.split("\n", -1);
        DroolsError e = errors.get(0);
        int line = e.getLines().length > 0 ? e.getLines()[0] : 0;
        int col = e instanceof ParserError pe ? pe.getCol() + 1 : 0;
        String msg = ERR_LINE.matcher(e.getMessage()).replaceFirst("");
        return RuleProblem.error(file, line, col, "syntax error: " + msg).withExcerpt(DrlInspector.lineText(lines, line));
    }
}
