package dev.preflight.facts;

import java.util.List;

/**
 * An on-premises Active Directory forest.
 *
 * @param name                      the forest root domain's DNS name
 * @param forestMode                the forest functional level, as {@code Get-ADForest} prints it
 * @param addedAfterWritebackEnabled whether the forest was connected after writeback was enabled
 * @param domains                   the forest's domains
 */
public record Forest(String name, String forestMode, Boolean addedAfterWritebackEnabled, List<Domain> domains) {

    public Forest {
        domains = Lists.copy(domains);
    }

    /** A readable name for findings. */
    public String label() {
        return name != null ? name : "(unnamed forest)";
    }
}
