package dev.preflight.api;

/**
 * A waivers file could not be read: malformed YAML or JSON, a missing or unknown field, a date that
 * is not a date, a check the catalogue does not have. Says where: the file, line and column.
 */
public class InvalidWaiversException extends PreflightException {

    private static final long serialVersionUID = 1L;

    private final String origin;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * @param origin  the file's name, or {@code null}
     * @param line    1-based line, 0 when unknown
     * @param column  1-based column, 0 when unknown
     * @param problem what is wrong, without the location
     */
    public InvalidWaiversException(String origin, int line, int column, String problem) {
        super(oneLine((origin == null ? "" : origin) + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "")
                + (origin == null && line <= 0 ? "" : ": ") + problem));
        this.origin = origin;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** The file's name, or {@code null}. */
    public String origin() {
        return origin;
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
}
