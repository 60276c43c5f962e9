package dev.preflight.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;

/**
 * A documented, accepted exception: findings of one check, for one tenant (or every tenant) and
 * optionally one subject (a domain controller's host name, an account's UPN), are waived until a
 * date. A waived finding keeps its status and severity; only the verdict leaves it out.
 *
 * @param checkId the check's id, such as {@code PWB-AD-002}
 * @param tenant  the tenant id it applies to, or {@code *} for every tenant
 * @param subject the finding's subject it applies to (compared ignoring case), or {@code null} for every finding of the check
 * @param reason  why the finding is accepted
 * @param owner   who accepted it
 * @param expires the last day (UTC) it applies; judged against the report's reference time
 * @param ticket  the change or risk ticket, or {@code null}
 * @param origin  where it is written, such as {@code waivers.yaml:12:5}, or {@code null}
 */
public record Waiver(String checkId, String tenant, String subject, String reason, String owner, LocalDate expires,
                     String ticket, String origin) {

    /** The scope that matches every tenant. */
    public static final String ANY_TENANT = "*";

    public Waiver {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expires, "expires");
    }

    /** Whether its scope covers this tenant id. */
    public boolean coversTenant(String tenantId) {
        return tenant.equals(ANY_TENANT) || (tenantId != null && tenant.equalsIgnoreCase(tenantId));
    }

    /** Whether it covers this finding (check and subject; the tenant is judged by {@link #coversTenant}). */
    public boolean covers(Finding finding) {
        if (!checkId.equals(finding.checkId())) {
            return false;
        }
        return subject == null
                || (finding.subject() != null && subject.equalsIgnoreCase(finding.subject()))
                || subject.equals(finding.subjectPath());
    }

    /** Whether it has expired as of this moment: after the end (UTC) of its {@link #expires} day. */
    public boolean expiredAt(Instant referenceTime) {
        return referenceTime.atZone(ZoneOffset.UTC).toLocalDate().isAfter(expires);
    }

    /** "PWB-AD-002 for dc2.corp.fabrikam.com in tenant 3f1a…", for messages. */
    public String describe() {
        StringBuilder sb = new StringBuilder(checkId);
        if (subject != null) {
            sb.append(" for ").append(subject);
        }
        sb.append(tenant.equals(ANY_TENANT) ? " in every tenant" : " in tenant " + tenant.toLowerCase(Locale.ROOT));
        return sb.toString();
    }
}
