package dev.preflight.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why an account was collected. */
public enum Purpose {
    /** The account used to enable password writeback. */
    @JsonProperty("writebackAdmin") WRITEBACK_ADMIN,
    /** An account used to test password reset. */
    @JsonProperty("testUser") TEST_USER
}
