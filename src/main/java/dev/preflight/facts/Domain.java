package dev.preflight.facts;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;

/**
 * A domain of an on-premises forest.
 *
 * @param name                 the domain's DNS name
 * @param pdcEmulator          host name of the domain's PDC emulator
 * @param pdcEmulatorReachable whether the Connect server reaches it; absent means {@code connect.pdcEmulatorReachable} covers it
 * @param minPasswordAgeDays   the domain's minimum password age
 * @param domainControllers    the domain's controllers
 */
public record Domain(
        String name,
        String pdcEmulator,
        Boolean pdcEmulatorReachable,
        @JsonDeserialize(using = NonNegativeIntDeserializer.class) Integer minPasswordAgeDays,
        List<DomainController> domainControllers) {

    public Domain {
        domainControllers = Lists.copy(domainControllers);
    }

    /** A readable name for findings. */
    public String label() {
        return name != null ? name : "(unnamed domain)";
    }
}
