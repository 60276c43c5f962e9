package dev.preflight.api;

import java.util.List;

/** The rules could not be loaded; {@link #problems()} lists every problem found, each with file and line. */
public class InvalidRulesException extends PreflightException {

    private static final long serialVersionUID = 1L;

    private final transient List<RuleProblem> problems;

    public InvalidRulesException(String message, List<RuleProblem> problems) {
        super(message + describe(problems));
        this.problems = List.copyOf(problems);
    }

    private static String describe(List<RuleProblem> problems) {
        StringBuilder sb = new StringBuilder();
        for (RuleProblem p : problems) {
            if (p.isError()) {
                sb.append(System.lineSeparator()).append("  ").append(p);
            }
        }
        return sb.toString();
    }

    /** Every problem found: errors and warnings. */
    public List<RuleProblem> problems() {
        return problems;
    }
}
