package dev.preflight.api;

/**
 * The tenant facts could not be read: malformed JSON, a field of the wrong type, an unparsable
 * date or version, a negative count. Says where: the input's name, the field's path and, for
 * text input, the line and column.
 */
public class InvalidFactsException extends PreflightException {

    private static final long serialVersionUID = 1L;

    private final String origin;
    private final String path;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * @param origin  the input's name (a file name, {@code -} for standard input), or {@code null}
     * @param path    the field's path such as {@code onPremises.connect.version}, empty for the document itself
     * @param line    1-based line, 0 when unknown
     * @param column  1-based column, 0 when unknown
     * @param problem what is wrong, without the location
     */
    public InvalidFactsException(String origin, String path, int line, int column, String problem) {
        this(origin, path, line, column, problem, null);
    }

    public InvalidFactsException(String origin, String path, int line, int column, String problem, Throwable cause) {
        super(format(origin, path, line, column, problem), cause);
        this.origin = origin;
        this.path = path == null ? "" : path;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    private static String format(String origin, String path, int line, int column, String problem) {
        StringBuilder sb = new StringBuilder();
        if (origin != null && !origin.isEmpty()) {
            sb.append(origin);
            if (line > 0) {
                sb.append(':').append(line);
                if (column > 0) {
                    sb.append(':').append(column);
                }
            }
            sb.append(": ");
        } else if (line > 0) {
            sb.append("line ").append(line).append(", column ").append(column).append(": ");
        }
        if (path != null && !path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return oneLine(sb.append(problem).toString());
    }

    /** The input's name, or {@code null}. */
    public String origin() {
        return origin;
    }

    /** The field's path, such as {@code onPremises.connect.version}; empty for the document itself. */
    public String path() {
        return path;
    }

    /** 1-based line, 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, 0 when unknown. */
    public int column() {
        return column;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }

    /** The same error attributed to another input name (a batch's file and line). */
    public InvalidFactsException withOrigin(String newOrigin) {
        return new InvalidFactsException(newOrigin, path, line, column, problem, getCause());
    }
}
