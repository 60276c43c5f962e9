package dev.preflight.facts;

import java.util.List;

/**
 * The AD DS connector account Connect writes passwords with.
 *
 * @param name        such as {@code CONTOSO\MSOL_1a2b3c}
 * @param permissions the extended rights it holds, one list covering every domain
 */
public record ConnectorAccount(String name, List<String> permissions) {

    public ConnectorAccount {
        permissions = Lists.copy(permissions);
    }

    /** Whether the account holds the permission, compared case-insensitively. */
    public boolean holds(String permission) {
        return Lists.containsIgnoreCase(permissions, permission);
    }
}
