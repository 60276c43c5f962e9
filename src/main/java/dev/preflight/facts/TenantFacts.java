package dev.preflight.facts;

import java.util.List;

/**
 * One tenant's facts, the root of the input document.
 *
 * @param schemaVersion  version of the input format; 1 today, absent means 1
 * @param tenant         the tenant's identity and sync summary
 * @param subscribedSkus the organisation's subscriptions as Graph returns them; absent means not collected
 * @param users          the accounts that matter (admins and test users); absent means not collected
 * @param passwordReset  the tenant's self-service password reset settings
 * @param onPremises     on-premises Active Directory, Connect server and network facts
 */
public record TenantFacts(
        Integer schemaVersion,
        Tenant tenant,
        List<SubscribedSku> subscribedSkus,
        List<User> users,
        PasswordReset passwordReset,
        OnPremises onPremises) {

    /** The only input format version this release reads. */
    public static final int CURRENT_SCHEMA_VERSION = 1;

    public TenantFacts {
        subscribedSkus = Lists.copy(subscribedSkus);
        users = Lists.copy(users);
    }

    /** The tenant id, or {@code null} when not given. */
    public String tenantId() {
        return tenant == null ? null : tenant.tenantId();
    }
}
