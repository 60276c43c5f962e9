package dev.preflight.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who may use self-service password reset. */
public enum SelfServiceScope {
    @JsonProperty("None") NONE,
    @JsonProperty("Selected") SELECTED,
    @JsonProperty("All") ALL
}
