package dev.preflight.rules;

import dev.preflight.facts.AssignedLicense;
import dev.preflight.facts.OnPremises;
import dev.preflight.facts.PasswordReset;
import dev.preflight.facts.SubscribedSku;
import dev.preflight.facts.Tenant;
import dev.preflight.facts.TenantFacts;
import dev.preflight.facts.User;
import java.util.List;

/**
 * What the requirement declarations of {@code rules/checks.json} can name at their root: the
 * document's fields ({@code tenant}, {@code subscribedSkus}, {@code users}, {@code passwordReset},
 * {@code onPremises}), the {@code tables}, and the catalogue's terms that need more than one fact
 * ({@code writebackAdmin(user)}, {@code writebackLicensee(user)}). One per evaluation.
 */
public final class RequirementScope {

    private final TenantFacts facts;
    private final Tables tables;
    private Boolean anyDesignated;
    private List<User> uncertainLicensees;

    public RequirementScope(TenantFacts facts, Tables tables) {
        this.facts = facts;
        this.tables = tables;
    }

    public Tenant tenant() {
        return facts.tenant();
    }

    public List<SubscribedSku> subscribedSkus() {
        return facts.subscribedSkus();
    }

    public List<User> users() {
        return facts.users();
    }

    public PasswordReset passwordReset() {
        return facts.passwordReset();
    }

    public OnPremises onPremises() {
        return facts.onPremises();
    }

    /** The data tables. */
    public Tables tables() {
        return tables;
    }

    /**
     * The accounts that need a writeback license and whose licenses may or may not give it, worked
     * out once per evaluation: every SKU asks, and each account's answer looks at all its licenses.
     */
    private List<User> uncertainLicensees() {
        if (uncertainLicensees == null) {
            List<User> found = new java.util.ArrayList<>();
            for (User u : facts.users()) {
                if (u.assignedLicenses() != null && writebackLicensee(u)
                        && tables.writebackLicense(u, facts.subscribedSkus()) == Tables.LicenseState.UNCERTAIN) {
                    found.add(u);
                }
            }
            uncertainLicensees = found;
        }
        return uncertainLicensees;
    }

    /**
     * A <em>writeback admin</em> (as {@code terms.drl} defines it): an account not known to be disabled
     * designated {@code writebackAdmin}; when none is, every such Global or Hybrid Identity Administrator.
     */
    public boolean writebackAdmin(User u) {
        if (anyDesignated == null) {
            boolean any = false;
            for (User x : facts.users() == null ? List.<User>of() : facts.users()) {
                any |= x.designatedWritebackAdmin();
            }
            anyDesignated = any;
        }
        return anyDesignated ? u.designatedWritebackAdmin() : u.possibleAdmin();
    }

    /** An account that needs a writeback license (PWB-LIC-004): a writeback admin or a test user. */
    public boolean writebackLicensee(User u) {
        return writebackAdmin(u) || u.testUser();
    }

    /**
     * Whether a license of this SKU might give writeback to an account that needs it while whether
     * it does cannot be told (the SKU's state or plans unknown, or its writeback plan named without
     * its id), for an account no license surely serves.
     */
    public boolean uncertainWritebackLicense(SubscribedSku sku) {
        return uncertain(sku, false);
    }

    /** As {@link #uncertainWritebackLicense}, because the SKU's writeback plan is named without its id. */
    public boolean uncertainWritebackByName(SubscribedSku sku) {
        return uncertain(sku, true);
    }

    private boolean uncertain(SubscribedSku sku, boolean byNameOnly) {
        if (facts.users() == null || facts.subscribedSkus() == null || !(sku.usable() || sku.capabilityStatus() == null)) {
            return false;
        }
        for (User u : uncertainLicensees()) {
            for (AssignedLicense l : u.assignedLicenses()) {
                if (!l.isFor(sku)) {
                    continue;
                }
                if (byNameOnly ? sku.servicePlans() != null && tables.grantsWritebackByNameOnly(sku, l)
                        : tables.grantsWriteback(sku, l) || tables.grantsWritebackByNameOnly(sku, l) || tables.writebackPlanUnknown(sku)) {
                    return true;
                }
            }
        }
        return false;
    }
}
