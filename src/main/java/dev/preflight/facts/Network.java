package dev.preflight.facts;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;

/**
 * Outbound network facts measured from the Connect server.
 *
 * @param probes             connection attempts to the cloud endpoints
 * @param idleTimeoutSeconds how long idle connections stay open through proxies and firewalls
 * @param tlsInspection      whether Connect's traffic is broken and inspected
 */
public record Network(
        List<Probe> probes,
        @JsonDeserialize(using = NonNegativeIntDeserializer.class) Integer idleTimeoutSeconds,
        Boolean tlsInspection) {

    public Network {
        probes = Lists.copy(probes);
    }
}
