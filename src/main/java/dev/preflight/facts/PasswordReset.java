package dev.preflight.facts;

/**
 * The tenant's self-service password reset settings.
 *
 * @param selfServiceScope       who may reset their password
 * @param scopeIncludesTestUsers whether the selected group holds the test users (meaningful for Selected)
 * @param writebackEnabled       "Enable password write back for synced users" in on-premises integration
 */
public record PasswordReset(SelfServiceScope selfServiceScope, Boolean scopeIncludesTestUsers, Boolean writebackEnabled) {
}
