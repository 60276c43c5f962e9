package dev.preflight.engine;

import dev.preflight.facts.Connect;
import dev.preflight.facts.ConnectEvent;
import dev.preflight.facts.Domain;
import dev.preflight.facts.DomainController;
import dev.preflight.facts.Forest;
import dev.preflight.facts.Network;
import dev.preflight.facts.OnPremises;
import dev.preflight.facts.PasswordReset;
import dev.preflight.facts.Probe;
import dev.preflight.facts.SubscribedSku;
import dev.preflight.facts.Tenant;
import dev.preflight.facts.TenantFacts;
import dev.preflight.facts.User;
import dev.preflight.rules.AsOf;
import java.util.List;
import org.kie.api.runtime.rule.EntryPoint;

/**
 * Inserts a tenant's facts into a session as separate facts, so that rules match them directly:
 * the document, the tenant, each SKU, each user, the password reset settings, the on-premises
 * side, each forest, domain and domain controller, the Connect server, each event, the network and
 * each probe. Objects that were not collected are inserted empty (all fields null), so that a rule
 * tests one field for null instead of also testing whether its object exists.
 */
final class FactInserter {

    static final Tenant NO_TENANT = new Tenant(null, null, null, null, null, null, null, null);
    static final PasswordReset NO_PASSWORD_RESET = new PasswordReset(null, null, null);
    static final OnPremises NO_ON_PREMISES = new OnPremises(null, null, null);
    static final Connect NO_CONNECT = new Connect(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    static final Network NO_NETWORK = new Network(null, null, null);

    private FactInserter() {
    }

    /** Inserts everything; returns the number of facts inserted. */
    static int insert(EntryPoint session, TenantFacts facts, AsOf asOf) {
        int n = 2;
        session.insert(asOf);
        session.insert(facts);
        session.insert(facts.tenant() != null ? facts.tenant() : NO_TENANT);
        n += 1 + insertAll(session, facts.subscribedSkus()) + insertAll(session, facts.users());
        session.insert(facts.passwordReset() != null ? facts.passwordReset() : NO_PASSWORD_RESET);

        OnPremises onPremises = facts.onPremises() != null ? facts.onPremises() : NO_ON_PREMISES;
        session.insert(onPremises);
        n += 2;
        List<Forest> forests = onPremises.forests();
        if (forests != null) {
            for (Forest forest : forests) {
                session.insert(forest);
                n++;
                List<Domain> domains = forest.domains();
                if (domains == null) {
                    continue;
                }
                for (Domain domain : domains) {
                    session.insert(domain);
                    n += 1 + insertAll(session, domain.domainControllers());
                }
            }
        }

        Connect connect = onPremises.connect() != null ? onPremises.connect() : NO_CONNECT;
        session.insert(connect);
        n += 1 + insertAll(session, connect.recentEvents());

        Network network = onPremises.network() != null ? onPremises.network() : NO_NETWORK;
        session.insert(network);
        return n + 1 + insertAll(session, network.probes());
    }

    private static int insertAll(EntryPoint session, List<?> facts) {
        if (facts == null) {
            return 0;
        }
        for (Object fact : facts) {
            session.insert(fact);
        }
        return facts.size();
    }

    /** The readable name of a fact, for a finding's subject. */
    static String label(Object fact) {
        if (fact instanceof User u) {
            return u.label();
        } else if (fact instanceof DomainController dc) {
            return dc.label();
        } else if (fact instanceof Domain d) {
            return d.label();
        } else if (fact instanceof Forest f) {
            return f.label();
        } else if (fact instanceof SubscribedSku s) {
            return s.label();
        } else if (fact instanceof Probe p) {
            return p.host() + (p.port() == null ? "" : ":" + p.port());
        } else if (fact instanceof ConnectEvent e) {
            return "event " + e.id();
        }
        return null;
    }
}
