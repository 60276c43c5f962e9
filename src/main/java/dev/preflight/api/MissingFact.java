package dev.preflight.api;

/**
 * A fact a check needed and could not use.
 *
 * @param path   the field's path in the input, such as {@code onPremises.network.idleTimeoutSeconds}
 * @param reason "not collected", or why a value that is present cannot be judged
 * @param source which export or answer would supply it ({@code onprem/Get-ADForest.json},
 *               {@code answers.json}), or {@code null} when the report does not say
 */
public record MissingFact(String path, String reason, String source) {

    /** The reason of a field that is absent or null. */
    public static final String NOT_COLLECTED = "not collected";

    /** A missing fact without a hint of what would supply it. */
    public MissingFact(String path, String reason) {
        this(path, reason, null);
    }

    /** The same missing fact with a hint of what would supply it. */
    public MissingFact withSource(String newSource) {
        return new MissingFact(path, reason, newSource);
    }

    @Override
    public String toString() {
        String s = NOT_COLLECTED.equals(reason) ? path : path + " (" + reason + ")";
        return source == null ? s : s + " [from " + source + "]";
    }
}
