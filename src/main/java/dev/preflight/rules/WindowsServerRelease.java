package dev.preflight.rules;

import java.time.LocalDate;

/**
 * A Windows Server release and what it means for a domain controller or the Connect server
 * (row of {@code tables/windows-server.csv}).
 *
 * @param release             such as {@code 2008 R2}: the year token plus an optional R2
 * @param servicePackRequired the service pack a DC needs at least (0 for none)
 * @param status              supported, retired (past end of support) or unsupported (below the floor)
 * @param endOfSupport        the last day of extended support, or {@code null}
 * @param note                for findings: why the release has its status
 */
public record WindowsServerRelease(String release, int servicePackRequired, Status status, LocalDate endOfSupport, String note) {

    /** What a release means for writeback. */
    public enum Status {
        /** Below the seed's floor: writeback does not work. */
        UNSUPPORTED,
        /** Works, but is past end of support and lacks newer controls. */
        RETIRED,
        /** Supported. */
        SUPPORTED
    }

    /** The release as people write it: "Windows Server 2008 R2". */
    public String displayName() {
        return "Windows Server " + release;
    }
}
