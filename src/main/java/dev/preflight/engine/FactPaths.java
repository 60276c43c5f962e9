package dev.preflight.engine;

import dev.preflight.facts.Domain;
import dev.preflight.facts.Forest;
import dev.preflight.facts.OnPremises;
import dev.preflight.facts.TenantFacts;
import java.util.List;

/**
 * Where an inserted fact sits in the input ({@code onPremises.forests[0].domains[1]}), so that
 * rules can name a finding's subject by its path without knowing indexes.
 *
 * <p>Paths are found only when a finding asks, by looking the fact up in the document: a tenant
 * has a handful of findings with a subject against dozens to thousands of facts, and recording
 * every fact's place at insertion was about 5% of an evaluation.
 */
final class FactPaths {

    private final TenantFacts root;

    FactPaths(TenantFacts root) {
        this.root = root;
    }

    /** The fact's path, {@code ""} for the document, {@code null} when the fact is not from the input. */
    String of(Object fact) {
        if (fact == null) {
            return null;
        }
        if (fact == root) {
            return "";
        }
        if (fact == root.tenant() || fact == FactInserter.NO_TENANT) {
            return "tenant";
        }
        if (fact == root.passwordReset() || fact == FactInserter.NO_PASSWORD_RESET) {
            return "passwordReset";
        }
        String found = in(root.subscribedSkus(), fact, "subscribedSkus");
        if (found == null) {
            found = in(root.users(), fact, "users");
        }
        return found != null ? found : onPremises(fact);
    }

    private String onPremises(Object fact) {
        OnPremises op = root.onPremises() != null ? root.onPremises() : FactInserter.NO_ON_PREMISES;
        if (fact == op) {
            return "onPremises";
        }
        List<Forest> forests = op.forests();
        for (int f = 0; forests != null && f < forests.size(); f++) {
            Forest forest = forests.get(f);
            String at = "onPremises.forests[" + f + "]";
            if (fact == forest) {
                return at;
            }
            List<Domain> domains = forest.domains();
            for (int d = 0; domains != null && d < domains.size(); d++) {
                Domain domain = domains.get(d);
                String domainAt = at + ".domains[" + d + "]";
                if (fact == domain) {
                    return domainAt;
                }
                String dc = in(domain.domainControllers(), fact, domainAt + ".domainControllers");
                if (dc != null) {
                    return dc;
                }
            }
        }
        var connect = op.connect() != null ? op.connect() : FactInserter.NO_CONNECT;
        if (fact == connect) {
            return "onPremises.connect";
        }
        String event = in(connect.recentEvents(), fact, "onPremises.connect.recentEvents");
        if (event != null) {
            return event;
        }
        var network = op.network() != null ? op.network() : FactInserter.NO_NETWORK;
        if (fact == network) {
            return "onPremises.network";
        }
        return in(network.probes(), fact, "onPremises.network.probes");
    }

    private static String in(List<?> list, Object fact, String field) {
        for (int i = 0; list != null && i < list.size(); i++) {
            if (list.get(i) == fact) {
                return field + "[" + i + "]";
            }
        }
        return null;
    }
}
