package dev.preflight.api;

/**
 * A fact a check needed and could not use.
 *
 * @param path   the field's path in the input, such as {@code onPremises.network.idleTimeoutSeconds}
 * @param reason "not collected", or why a value that is present cannot be judged
 */
public record MissingFact(String path, String reason) {

    /** The reason of a field that is absent or null. */
    public static final String NOT_COLLECTED = "not collected";

    @Override
    public String toString() {
        return NOT_COLLECTED.equals(reason) ? path : path + " (" + reason + ")";
    }
}
