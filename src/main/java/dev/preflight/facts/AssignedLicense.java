package dev.preflight.facts;

import java.util.List;

/**
 * A license assigned to a user.
 *
 * @param skuId         the SKU, matched against {@code subscribedSkus[].skuId}
 * @param disabledPlans service plan ids switched off in this assignment
 */
public record AssignedLicense(String skuId, List<String> disabledPlans) {

    public AssignedLicense {
        disabledPlans = Lists.copy(disabledPlans);
    }

    /** Whether this license is of the SKU: same {@code skuId}, compared case-insensitively. */
    public boolean isFor(SubscribedSku sku) {
        return skuId != null && sku != null && (skuId.equals(sku.skuId()) || skuId.equalsIgnoreCase(sku.skuId()));
    }

    /** Whether the plan id is switched off in this assignment (case-insensitive GUID comparison). */
    public boolean disables(String servicePlanId) {
        return Lists.containsIgnoreCase(disabledPlans, servicePlanId);
    }
}
