package dev.preflight.collection;

import dev.preflight.api.MissingFact.Reason;

/**
 * The keys of the importer's reasons for a missing fact: every reason is made of one of them and its
 * arguments where the importer finds it ({@link dev.preflight.api.MissingFact.Reason}), and each
 * has its text in {@code rules/messages.properties} and its Chinese ones (ImportReasonsTest keeps
 * them complete). The provenance and the JSON report keep the English text; the other reports put
 * the key in their language.
 */
final class Reasons {

    private Reasons() {
    }

    /** A reason of one of these keys. */
    static Reason of(String key, Object... arguments) {
        return Reason.of(key, arguments);
    }

    /**
     * Items that are all meant ("not set: this, that"), joined as the report's language lists them
     * ({@code a, b} in English, {@code a、b} in Chinese): one item as it is, more as nested
     * {@link #ALL} reasons.
     */
    static Object all(java.util.List<String> items) {
        Object out = items.get(0);
        for (int i = 1; i < items.size(); i++) {
            out = of(ALL, out, items.get(i));
        }
        return out;
    }

    /** {0}, {1}: two items of a list that are all meant (see {@link #all}) */
    static final String ALL = "report.reason.all";
    /** conflict: {0} gives {1}, {2} gives {3} */
    static final String CONFLICT = "report.reason.conflict";
    /** conflict: {0} ({1}) is less than {2} ({3}) */
    static final String COUNT_CONFLICT = "report.reason.countConflict";
    /** conflict: {0} is named for {1} but describes {2} */
    static final String SCOPE_CONFLICT = "report.reason.scopeConflict";
    /** answer needed: no export gives it; state it in answers.json */
    static final String ANSWER_NEEDED = "report.reason.answerNeeded";
    /** answer needed: {0} does not cover every test user */
    static final String ANSWER_NEEDED_COVER = "report.reason.answerNeededCover";
    /** not collected: request failed: {0}{1} (the status, then the request and the collector's error as it wrote them) */
    static final String REQUEST_FAILED = "report.reason.requestFailed";
    /** not collected: request failed: {0}: needs {1}{2} */
    static final String REQUEST_FAILED_NEEDS = "report.reason.requestFailedNeeds";
    /** not collected: request failed{0} (the request and the collector's error as it wrote them, if any) */
    static final String REQUEST_FAILED_NO_STATUS = "report.reason.requestFailedNoStatus";
    /** not collected: {0} not in the collection */
    static final String FILE_ABSENT = "report.reason.fileAbsent";
    /** not given by {0} */
    static final String NOT_GIVEN_BY = "report.reason.notGivenBy";
    /** no {0} describes domain {1} */
    static final String NO_FILE_FOR_DOMAIN = "report.reason.noFileForDomain";
    /** {0} has no entry for this user */
    static final String NO_ENTRY_FOR_USER = "report.reason.noEntryForUser";
    /** {0} does not give it for this user (export with $select={1}) */
    static final String NOT_GIVEN_FOR_USER = "report.reason.notGivenForUser";
    /** user {0} holds a role but {1} does not list it */
    static final String USER_NOT_LISTED = "report.reason.userNotListed";
    /** user {0} holds a role but {1} is not in the collection */
    static final String USER_FILE_ABSENT = "report.reason.userFileAbsent";
    /** group {0} holds {1}; its {2} */
    static final String GROUP_HOLDS_ROLE = "report.reason.groupHoldsRole";
    /** members not exported ({0}) */
    static final String MEMBERS_NOT_EXPORTED = "report.reason.membersNotExported";
    /** not set: {0}, and onprem/server.json does not give the Windows and .NET versions whose defaults would decide */
    static final String TLS_NOT_SET_NO_VERSIONS = "report.reason.tlsNotSetNoVersions";
    /** not set: {0}, and the server's Windows or .NET Framework is older than the versions whose defaults enable TLS 1.2 */
    static final String TLS_NOT_SET_OLD = "report.reason.tlsNotSetOld";
    /** unrecognised value: {0} */
    static final String UNRECOGNISED_VALUE = "report.reason.unrecognisedValue";
    /** unrecognised value in manifest.json */
    static final String UNRECOGNISED_IN_MANIFEST = "report.reason.unrecognisedInManifest";
    /** unrecognised value in manifest.json: {0} */
    static final String UNRECOGNISED_IN_MANIFEST_VALUE = "report.reason.unrecognisedInManifestValue";
    /** invalid value: {0} */
    static final String INVALID_VALUE = "report.reason.invalidValue";
    /** invalid value in {0}: {1} */
    static final String INVALID_VALUE_IN = "report.reason.invalidValueIn";
    /** truncated export: {0} */
    static final String TRUNCATED_EXPORT = "report.reason.truncatedExport";
    /** {0}: {1} */
    static final String FILE_PROBLEM = "report.reason.fileProblem";
    /** {0} */
    static final String PROBLEM = "report.reason.problem";
    /** {0} unreadable */
    static final String UNREADABLE = "report.reason.unreadable";
    /** {0} absent: the AD and Entra ID connectors cannot be told apart */
    static final String CONNECTORS_ABSENT = "report.reason.connectorsAbsent";
    /** {0} lists no AD connector */
    static final String NO_AD_CONNECTOR = "report.reason.noAdConnector";
    /** {0} lists no Entra ID connector */
    static final String NO_ENTRA_CONNECTOR = "report.reason.noEntraConnector";
    /** no completed {0} or {1} of connector {2} in the run history (it may have been purged) */
    static final String NO_COMPLETED_RUN = "report.reason.noCompletedRun";
    /** no run of connector {0} in the run history (purged, or not collected) */
    static final String NO_RUN = "report.reason.noRun";
    /** the domain's PDC emulator is not known ({0}) */
    static final String PDC_UNKNOWN = "report.reason.pdcUnknown";
    /** {0} has no probe of {1} on port {2} */
    static final String NO_PDC_PROBE = "report.reason.noPdcProbe";
    /** unreadable {0}: the list must cover every domain */
    static final String PERMISSIONS_UNREADABLE = "report.reason.permissionsUnreadable";
    /** {0} has no id */
    static final String NO_ID = "report.reason.noId";
    /** {0} gives none (null: no synchronisation recorded) */
    static final String NO_SYNC_RECORDED = "report.reason.noSyncRecorded";
    /** incomplete list: {0} has an @odata.nextLink whose page is missing */
    static final String PAGE_MISSING = "report.reason.pageMissing";
    /** incomplete list: {0} */
    static final String INCOMPLETE_LIST = "report.reason.incompleteList";
    /** {0} absent: the difference cannot be taken */
    static final String SYNCED_COUNT_ABSENT = "report.reason.syncedCountAbsent";
    /** {0} lists no domain of {1} */
    static final String NO_DOMAIN_OF = "report.reason.noDomainOf";
}
