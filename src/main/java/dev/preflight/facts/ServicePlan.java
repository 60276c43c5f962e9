package dev.preflight.facts;

/**
 * A service plan carried by a SKU.
 *
 * @param servicePlanId      the plan's GUID, which {@code disabledPlans} refer to
 * @param servicePlanName    the plan's name, such as {@code AAD_PREMIUM}
 * @param provisioningStatus whether the plan is provisioned
 */
public record ServicePlan(String servicePlanId, String servicePlanName, ProvisioningStatus provisioningStatus) {
}
