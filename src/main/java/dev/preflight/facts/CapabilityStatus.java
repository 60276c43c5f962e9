package dev.preflight.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Graph's {@code subscribedSku.capabilityStatus}. */
public enum CapabilityStatus {
    @JsonProperty("Enabled") ENABLED,
    /** In its grace period: still usable, about to lapse. */
    @JsonProperty("Warning") WARNING,
    @JsonProperty("Suspended") SUSPENDED,
    @JsonProperty("Deleted") DELETED,
    @JsonProperty("LockedOut") LOCKED_OUT
}
