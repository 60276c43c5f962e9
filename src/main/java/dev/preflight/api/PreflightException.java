package dev.preflight.api;

/** The base of Preflight's exceptions. */
public class PreflightException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PreflightException(String message) {
        super(message);
    }

    public PreflightException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A message about an input as one line: the input's own text quoted in it (a field name, a
     * value) may hold line breaks or terminal escapes, shown as {@code ?}.
     */
    static String oneLine(String message) {
        return message == null ? null : message.replaceAll("\\p{Cntrl}", "?");
    }
}
