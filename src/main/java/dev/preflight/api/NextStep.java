package dev.preflight.api;

import java.util.List;

/**
 * One thing to do so that checks that could not be evaluated can be: the report's "To complete this
 * evaluation" list. The missing facts of the NOT_EVALUATED checks are grouped by the action that
 * supplies them, each reason said once. Immutable; the same in every language (reports put it in
 * words with the {@code nextStep.*} texts).
 *
 * @param action    what to do
 * @param file      the collection file the action writes ({@code graph/users.json}), or {@code null} for answers
 * @param need      what the export lacked when it ran: the Graph permission ({@code User.Read.All}) or the
 *                  module, or {@code null} when the collector did not say
 * @param command   the command that writes the file, or {@code null}
 * @param reason    why the facts are missing (the collector's error, the importer's reason), once; {@code null} for answers
 * @param questions for {@link Action#ANSWER}: each fact to state, once, naming its user or forest; empty otherwise
 * @param paths     the missing fact paths this action supplies
 * @param checks    the ids of the NOT_EVALUATED checks it unblocks (in catalogue order)
 * @param reasons   for {@link Action#FIX_EXPORT}: the importer's reasons that make up {@code reason} (its
 *                  English text), as message keys that reports put in their language; empty otherwise
 */
public record NextStep(Action action, String file, String need, String command, String reason, List<Question> questions,
                       List<String> paths, List<String> checks, List<MissingFact.Reason> reasons) {

    /** What kind of action supplies the facts. */
    public enum Action {
        /** Run an export again with the permission or module it lacked (the collector recorded its failure). */
        RERUN_EXPORT,
        /** Add a file the collection does not hold. */
        ADD_FILE,
        /** An export is present but does not give these facts: export it again as collection.md says. */
        FIX_EXPORT,
        /** State facts no export gives, in answers.json or with --set. */
        ANSWER
    }

    /**
     * One fact a person states.
     *
     * @param path    its path in the facts ({@code users[1].purpose})
     * @param subject the user's UPN (else display name, else object id) or the forest's name; {@code null} for a tenant-wide fact
     * @param field   the field to state ({@code purpose})
     */
    public record Question(String path, String subject, String field) {
    }

    public NextStep {
        questions = List.copyOf(questions);
        paths = List.copyOf(paths);
        checks = List.copyOf(checks);
        reasons = List.copyOf(reasons);
    }

    /** A next step whose reason has no message keys. */
    public NextStep(Action action, String file, String need, String command, String reason, List<Question> questions,
                    List<String> paths, List<String> checks) {
        this(action, file, need, command, reason, questions, paths, checks, List.of());
    }
}
