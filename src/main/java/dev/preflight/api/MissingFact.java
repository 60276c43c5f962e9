package dev.preflight.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

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
 * @param why     the reason as a message key with its arguments, which reports put in their language
 *                ({@code reason} is its English text); {@code null} when the reason is "not collected"
 *                or was put in words by the rules
 */
public record MissingFact(String path, String reason, String source, String subject, Reason why) {

    /** The reason of a field that is absent or null. */
    public static final String NOT_COLLECTED = "not collected";

    /**
     * Why a fact is missing as the importer says it: a key of the rules' messages
     * ({@code report.reason.fileAbsent}) and its arguments, each a text (a file, a value, the
     * collector's own words), a list of alternatives ("this file or that one") or another reason.
     * The key says the same in every language; {@link Texts#reason(Reason)} puts it in one.
     */
    public record Reason(String key, List<Object> arguments) {

        public Reason {
            Objects.requireNonNull(key, "key");
            List<Object> args = new ArrayList<>(arguments.size());
            for (Object a : arguments) {
                if (a instanceof List<?> l) {
                    List<String> items = new ArrayList<>(l.size());
                    l.forEach(i -> items.add(String.valueOf(i)));
                    args.add(List.copyOf(items));
                } else {
                    args.add(a instanceof Reason ? a : String.valueOf(a));
                }
            }
            arguments = Collections.unmodifiableList(args);
        }

        /** A reason of a key and its arguments (texts, lists of alternatives, reasons). */
        public static Reason of(String key, Object... arguments) {
            return new Reason(key, List.of(arguments));
        }

        /** The reason in English, as the provenance and the JSON report keep it. */
        public String english() {
            return Texts.builtIn(Locale.ROOT).reason(this);
        }

        @Override
        public String toString() {
            return english();
        }
    }

    /** A missing fact without a reason in words other than its English text. */
    public MissingFact(String path, String reason, String source, String subject) {
        this(path, reason, source, subject, null);
    }

    /** A missing fact without a hint of what would supply it. */
    public MissingFact(String path, String reason) {
        this(path, reason, null, null, null);
    }

    /** A missing fact of the tenant (no subject). */
    public MissingFact(String path, String reason, String source) {
        this(path, reason, source, null, null);
    }

    /** The same missing fact with a hint of what would supply it. */
    public MissingFact withSource(String newSource) {
        return new MissingFact(path, reason, newSource, subject, why);
    }

    /** The same missing fact with another reason. */
    public MissingFact withReason(String newReason) {
        return new MissingFact(path, newReason, source, subject, null);
    }

    /** The same missing fact with the importer's reason (its English text as {@link #reason()}). */
    public MissingFact withReason(Reason newReason) {
        return new MissingFact(path, newReason.english(), source, subject, newReason);
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
