package dev.preflight.collection;

/** A problem that stops reading one file or one value; the importer records it and goes on. */
final class ImportException extends RuntimeException {

    private final Diagnostic diagnostic;

    ImportException(Diagnostic diagnostic) {
        super(diagnostic.toString(), null, false, false);
        this.diagnostic = diagnostic;
    }

    Diagnostic diagnostic() {
        return diagnostic;
    }

    /** The short reason recorded in the provenance for the facts this problem leaves absent. */
    String reason() {
        return diagnostic.file() == null ? diagnostic.message() : diagnostic.file() + ": " + diagnostic.message();
    }
}
