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
}
