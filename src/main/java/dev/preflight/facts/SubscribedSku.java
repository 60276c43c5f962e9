package dev.preflight.facts;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;

/**
 * A subscription of the organisation, as Graph {@code GET /subscribedSkus} returns it.
 *
 * @param skuId            the SKU's GUID, which users' {@code assignedLicenses} refer to
 * @param skuPartNumber    the SKU's part number, such as {@code AAD_PREMIUM} or {@code SPE_E5}
 * @param capabilityStatus whether the subscription can be used
 * @param consumedUnits    licenses assigned from it
 * @param prepaidUnits     licenses bought, by state
 * @param servicePlans     the service plans the SKU carries
 */
public record SubscribedSku(
        String skuId,
        String skuPartNumber,
        CapabilityStatus capabilityStatus,
        @JsonDeserialize(using = NonNegativeIntDeserializer.class) Integer consumedUnits,
        PrepaidUnits prepaidUnits,
        List<ServicePlan> servicePlans) {

    public SubscribedSku {
        servicePlans = Lists.copy(servicePlans);
    }

    /** A <em>usable</em> SKU, in the catalogue's terms: capability status Enabled or Warning. */
    public boolean usable() {
        return capabilityStatus == CapabilityStatus.ENABLED || capabilityStatus == CapabilityStatus.WARNING;
    }

    /** Whether at least one license of this SKU is assigned; false when unknown. */
    public boolean assigned() {
        return consumedUnits != null && consumedUnits >= 1;
    }

    /** A readable name for findings: the part number, else the id. */
    public String label() {
        return skuPartNumber != null ? skuPartNumber : (skuId != null ? skuId : "(unnamed SKU)");
    }
}
