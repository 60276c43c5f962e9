package dev.preflight.rules;

import dev.preflight.facts.Cloud;

/**
 * A cloud endpoint Connect must reach (row of {@code tables/endpoints.csv}).
 *
 * @param cloud   the cloud
 * @param service {@code passwordReset} or {@code serviceBus}
 * @param host    the host, matched with its subdomains; empty when Microsoft documents none
 * @param note    for findings and notes
 */
public record Endpoint(Cloud cloud, String service, String host, String note) {

    /** Whether Microsoft documents a host for this service in this cloud. */
    public boolean documented() {
        return host != null && !host.isEmpty();
    }
}
