package dev.preflight.cli;

/** An input file that cannot be opened: exit {@link ExitCodes#NO_INPUT}. */
final class InputFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InputFileException(String message) {
        super(message);
    }
}
