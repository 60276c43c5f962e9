package dev.preflight.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a user holds their directory roles. */
public enum RoleAssignment {
    @JsonProperty("Direct") DIRECT,
    /** Through membership of a role-assignable group. */
    @JsonProperty("Group") GROUP
}
