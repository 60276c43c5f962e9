package dev.preflight.facts;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Locale;

/**
 * One outbound connection attempt from the Connect server.
 *
 * @param host      the host name tried
 * @param port      the TCP port
 * @param reachable whether the connection succeeded
 */
public record Probe(String host, @JsonDeserialize(using = PortDeserializer.class) Integer port, Boolean reachable) {

    /**
     * Whether this probe tested the endpoint: port 443 and the host equal to it or below it
     * (Microsoft's {@code *.endpoint} wildcard, apex included), compared case-insensitively.
     */
    public boolean targets(String endpoint) {
        if (host == null || endpoint == null || endpoint.isEmpty() || port == null || port != 443) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        String e = endpoint.toLowerCase(Locale.ROOT);
        return h.equals(e) || h.endsWith("." + e);
    }
}
