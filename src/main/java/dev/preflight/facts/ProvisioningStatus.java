package dev.preflight.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Graph's {@code servicePlanInfo.provisioningStatus}. */
public enum ProvisioningStatus {
    @JsonProperty("Success") SUCCESS,
    @JsonProperty("Disabled") DISABLED,
    @JsonProperty("ErrorStatus") ERROR_STATUS,
    @JsonProperty("PendingActivation") PENDING_ACTIVATION,
    @JsonProperty("PendingInput") PENDING_INPUT,
    @JsonProperty("PendingProvisioning") PENDING_PROVISIONING
}
