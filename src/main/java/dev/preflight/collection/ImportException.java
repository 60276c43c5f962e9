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

    /** The short reason recorded in the provenance for the facts this problem leaves absent: the file and the problem (in English, as diagnostics are). */
    dev.preflight.api.MissingFact.Reason reason() {
        return diagnostic.file() == null ? Reasons.of(Reasons.PROBLEM, diagnostic.message())
                : Reasons.of(Reasons.FILE_PROBLEM, diagnostic.file(), diagnostic.message());
    }
}
