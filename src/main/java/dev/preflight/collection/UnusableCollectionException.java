package dev.preflight.collection;

/**
 * The collection as a whole cannot be read: not a folder or zip, an unsafe or corrupt zip, or
 * nothing in it that the importer knows. Distinct from a bad file inside a usable collection,
 * which is a {@link Diagnostic} while the rest imports.
 */
public final class UnusableCollectionException extends RuntimeException {

    public UnusableCollectionException(String message) {
        super(message);
    }

    public UnusableCollectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
