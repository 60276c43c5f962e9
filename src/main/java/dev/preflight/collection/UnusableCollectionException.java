package dev.preflight.collection;

/**
 * The collection as a whole cannot be read: not a folder or zip, an unsafe or corrupt zip, or
 * nothing in it that the importer knows. Distinct from a bad file inside a usable collection,
 * which is a {@link Diagnostic} while the rest imports.
 */
public final class UnusableCollectionException extends RuntimeException {

    public UnusableCollectionException(String message) {
        super(oneLine(message));
    }

    public UnusableCollectionException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** One line, whatever the collection named (a zip entry may hold a line break). */
    private static String oneLine(String message) {
        return message == null ? null : message.replaceAll("\\p{Cntrl}", "?");
    }
}
