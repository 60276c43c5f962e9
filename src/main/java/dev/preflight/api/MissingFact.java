package dev.preflight.api;

/**
 * A fact a check needed and could not use.
 *
 * @param path    the field's path in the input, such as {@code onPremises.network.idleTimeoutSeconds}
 * @param reason  "not collected", or why a value that is present cannot be judged
 * @param source  which export or answer would supply it ({@code onprem/Get-ADForest.json},
 *                {@code answers.json}), or {@code null} when the report does not say
 * @param subject who or what the field belongs to as people name it: a user's UPN (else its display
 *                name, else its object id), a forest's or domain's name; {@code null} for a field of
 *                the tenant or the Connect server. Reports name users by it, never by list index.
 */
public record MissingFact(String path, String reason, String source, String subject) {

    /** The reason of a field that is absent or null. */
    public static final String NOT_COLLECTED = "not collected";

    /** A missing fact without a hint of what would supply it. */
    public MissingFact(String path, String reason) {
        this(path, reason, null, null);
    }

    /** A missing fact of the tenant (no subject). */
    public MissingFact(String path, String reason, String source) {
        this(path, reason, source, null);
    }

    /** The same missing fact with a hint of what would supply it. */
    public MissingFact withSource(String newSource) {
        return new MissingFact(path, reason, newSource, subject);
    }

    /** The same missing fact with another reason. */
    public MissingFact withReason(String newReason) {
        return new MissingFact(path, newReason, source, subject);
    }

    /** The field's name: the last segment of the path ({@code assignedLicenses}). */
    public String field() {
        String p = path.replaceAll("\\[[^\\]]*]", "");
        return p.substring(p.lastIndexOf('.') + 1);
    }

    @Override
    public String toString() {
        String s = NOT_COLLECTED.equals(reason) ? path : path + " (" + reason + ")";
        return source == null ? s : s + " [from " + source + "]";
    }
}
