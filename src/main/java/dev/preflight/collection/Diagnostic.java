package dev.preflight.collection;

/**
 * One thing the importer noticed about a collection: a file it could not read, a value it did not
 * recognise, a list cut short, two files that disagree. Immutable.
 *
 * @param severity ERROR (a file or value was not imported), WARNING (imported with a caveat), INFO
 * @param file     the collection file, such as {@code graph/users.json}; {@code null} for the collection itself
 * @param line     the line in that file (from 1), or 0 when there is none
 * @param column   the column in that file (from 1), or 0
 * @param fact     the fact path affected ({@code onPremises.forests[].forestMode}), or {@code null}
 * @param message  what happened, in words
 */
public record Diagnostic(Severity severity, String file, int line, int column, String fact, String message) {

    /** A diagnostic is one line: a file's own text quoted in it (a key, a value) shows control characters as {@code ?}. */
    public Diagnostic {
        message = message == null ? null : message.replaceAll("\\p{Cntrl}", "?");
        fact = fact == null ? null : fact.replaceAll("\\p{Cntrl}", "?");
    }

    /** How bad it is. */
    public enum Severity { ERROR, WARNING, INFO }

    static Diagnostic error(String file, String fact, String message) {
        return new Diagnostic(Severity.ERROR, file, 0, 0, fact, message);
    }

    /** {@code graph/users.json:3:17: message (fact: users[].accountEnabled)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
            if (line > 0) {
                sb.append(" line ").append(line).append(" column ").append(column);
            }
            sb.append(": ");
        }
        sb.append(message);
        if (fact != null) {
            sb.append(" (fact: ").append(fact).append(')');
        }
        return sb.toString();
    }
}
