package dev.preflight.facts;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.OffsetDateTime;

/**
 * The tenant's identity and directory synchronisation summary.
 *
 * @param tenantId                   the directory (tenant) id
 * @param displayName                the organisation's display name
 * @param cloud                      the Microsoft cloud the tenant lives in
 * @param collectedAt                the moment these facts describe; time-dependent checks judge as of it
 * @param onPremisesSyncEnabled      whether directory synchronisation is on
 * @param onPremisesLastSyncDateTime the last synchronisation Entra ID saw
 * @param cloudOnlyUserCount         users whose {@code onPremisesSyncEnabled} is not true
 * @param syncedUserCount            users synchronised from on-premises AD
 */
public record Tenant(
        String tenantId,
        String displayName,
        Cloud cloud,
        OffsetDateTime collectedAt,
        Boolean onPremisesSyncEnabled,
        OffsetDateTime onPremisesLastSyncDateTime,
        @JsonDeserialize(using = NonNegativeIntDeserializer.class) Integer cloudOnlyUserCount,
        @JsonDeserialize(using = NonNegativeIntDeserializer.class) Integer syncedUserCount) {
}
