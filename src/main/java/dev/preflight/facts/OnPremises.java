package dev.preflight.facts;

import java.util.List;

/**
 * The on-premises side: Active Directory forests, the Connect server, and its network.
 *
 * @param forests the forests Connect synchronises; an empty list means none (collected), absent means not collected
 * @param connect the Entra Connect (Azure AD Connect) server
 * @param network outbound reachability from the Connect server
 */
public record OnPremises(List<Forest> forests, Connect connect, Network network) {

    public OnPremises {
        forests = Lists.copy(forests);
    }

    /** Whether a collected domain controller has this host name (case-insensitive). */
    public boolean hasDomainController(String hostName) {
        if (forests == null || hostName == null) {
            return false;
        }
        for (Forest f : forests) {
            if (f.domains() == null) {
                continue;
            }
            for (Domain d : f.domains()) {
                if (d.domainControllers() == null) {
                    continue;
                }
                for (DomainController dc : d.domainControllers()) {
                    if (hostName.equalsIgnoreCase(dc.hostName())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether one of the host names is not among the collected domain controllers. */
    public boolean lacksAnyDomainController(List<String> hostNames) {
        if (hostNames == null) {
            return false;
        }
        for (String h : hostNames) {
            if (!hasDomainController(h)) {
                return true;
            }
        }
        return false;
    }

    /** The host names that are not among the collected domain controllers, in their order. */
    public List<String> uncollectedDomainControllers(List<String> hostNames) {
        if (hostNames == null) {
            return List.of();
        }
        return hostNames.stream().filter(h -> !hasDomainController(h)).toList();
    }
}
