package dev.preflight.facts;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * Licenses bought for a SKU, by state.
 *
 * @param enabled   licenses that can be assigned
 * @param suspended licenses suspended
 * @param warning   licenses in their grace period
 */
public record PrepaidUnits(
        @JsonDeserialize(using = NonNegativeIntDeserializer.class) Integer enabled,
        @JsonDeserialize(using = NonNegativeIntDeserializer.class) Integer suspended,
        @JsonDeserialize(using = NonNegativeIntDeserializer.class) Integer warning) {
}
