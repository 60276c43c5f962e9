package dev.preflight.facts;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;

/**
 * An account that matters to writeback: an administrator or a test user.
 *
 * @param userPrincipalName     the account's UPN
 * @param id                    the Graph object id (optional: how a report names a user whose UPN is unknown)
 * @param displayName           the Graph display name (optional, for people reading the report)
 * @param onPremisesSyncEnabled true when synchronised from on-premises AD, false when created in Entra ID
 * @param federated             whether the account's domain is federated
 * @param accountEnabled        disabled accounts count neither as admins nor as test users
 * @param roles                 directory role names held, such as {@code Global Administrator}
 * @param roleAssignment        how the roles are held: directly or through a group
 * @param assignedLicenses      licenses assigned to the account
 * @param purpose               why the account was collected: {@code writebackAdmin}, {@code testUser}
 * @param adminCount            the on-premises AdminSDHolder marker (synced users only)
 * @param isSsprCapable         Graph userRegistrationDetails: registered for and allowed to use SSPR
 */
public record User(
        String userPrincipalName,
        String id,
        String displayName,
        Boolean onPremisesSyncEnabled,
        Boolean federated,
        Boolean accountEnabled,
        List<String> roles,
        RoleAssignment roleAssignment,
        List<AssignedLicense> assignedLicenses,
        List<Purpose> purpose,
        @JsonDeserialize(using = NonNegativeIntDeserializer.class) Integer adminCount,
        Boolean isSsprCapable) {

    /**
     * From the account's names only: equal accounts have equal names, so this agrees with equals.
     * The rules join on accounts (a writeback licensee once each) through a hash index, which
     * hashed every field, lists and all, at every lookup: 1.5% of the rules step.
     */
    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hashCode(userPrincipalName) + java.util.Objects.hashCode(id);
    }

    /** The role that can enable writeback. */
    public static final String GLOBAL_ADMINISTRATOR = "Global Administrator";
    /** The least-privileged role that can enable writeback. */
    public static final String HYBRID_IDENTITY_ADMINISTRATOR = "Hybrid Identity Administrator";

    public User {
        roles = Lists.copy(roles);
        assignedLicenses = Lists.copy(assignedLicenses);
        purpose = Lists.copy(purpose);
    }

    /** For rules: Drools reads {@code isSsprCapable} through this getter (it does not take {@code is} components of records). */
    public Boolean getIsSsprCapable() {
        return isSsprCapable;
    }

    /** Whether the account is known to be enabled. */
    public boolean enabled() {
        return Boolean.TRUE.equals(accountEnabled);
    }

    /** Whether the account holds the role, compared case-insensitively. */
    public boolean holdsRole(String role) {
        return Lists.containsIgnoreCase(roles, role);
    }

    /** Whether the account holds any directory role at all; false when roles were not collected. */
    public boolean holdsAnyRole() {
        return roles != null && !roles.isEmpty();
    }

    /** An enabled holder of Global Administrator or Hybrid Identity Administrator. */
    public boolean admin() {
        return enabled() && (holdsRole(GLOBAL_ADMINISTRATOR) || holdsRole(HYBRID_IDENTITY_ADMINISTRATOR));
    }

    /** Whether the account was collected for the purpose. */
    public boolean hasPurpose(Purpose p) {
        return purpose != null && purpose.contains(p);
    }

    /** Not known to be disabled: an absent {@code accountEnabled} may be enabled, so it counts the account in, never out. */
    public boolean mayBeEnabled() {
        return !Boolean.FALSE.equals(accountEnabled);
    }

    /**
     * A <em>test user</em>: collected for the {@code testUser} purpose and not known to be disabled
     * (an account whose {@code accountEnabled} is absent is judged, and its absent facts named).
     */
    public boolean testUser() {
        return mayBeEnabled() && hasPurpose(Purpose.TEST_USER);
    }

    /** Designated ({@code purpose} holds {@code writebackAdmin}) as the account that enables writeback, and not known to be disabled. */
    public boolean designatedWritebackAdmin() {
        return mayBeEnabled() && hasPurpose(Purpose.WRITEBACK_ADMIN);
    }

    /** A holder of Global Administrator or Hybrid Identity Administrator not known to be disabled: a writeback admin when none is designated. */
    public boolean possibleAdmin() {
        return mayBeEnabled() && (holdsRole(GLOBAL_ADMINISTRATOR) || holdsRole(HYBRID_IDENTITY_ADMINISTRATOR));
    }

    /** Known to be synchronised from on-premises AD. */
    public boolean synced() {
        return Boolean.TRUE.equals(onPremisesSyncEnabled);
    }

    /** Known to be created in Entra ID (cloud-only). */
    public boolean cloudOnly() {
        return Boolean.FALSE.equals(onPremisesSyncEnabled);
    }

    /** A readable name for findings and reports: the UPN, else the display name, else the object id. */
    public String label() {
        if (userPrincipalName != null) {
            return userPrincipalName;
        }
        if (displayName != null && !displayName.isBlank()) {
            return displayName;
        }
        return id != null ? id : "(account without userPrincipalName)";
    }
}
