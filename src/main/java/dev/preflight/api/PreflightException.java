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
}
