package dev.preflight.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The Microsoft cloud a tenant lives in; each has its own endpoints. */
public enum Cloud {
    /** The worldwide public cloud. */
    @JsonProperty("Public") PUBLIC,
    /** Azure Government (GCC High, DoD). */
    @JsonProperty("USGov") USGOV,
    /** Azure operated by 21Vianet. */
    @JsonProperty("China") CHINA
}
