package dev.preflight.rules;

/**
 * A service plan that carries password writeback (row of {@code tables/writeback-plans.csv}).
 *
 * @param servicePlanId   the plan's GUID
 * @param servicePlanName the plan's name, matched when a SKU lists the plan without its id
 * @param product         the product name people know it by
 */
public record WritebackPlan(String servicePlanId, String servicePlanName, String product) {
}
