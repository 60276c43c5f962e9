package dev.preflight.facts;

import java.util.List;

/**
 * The Entra Connect (formerly Azure AD Connect) server.
 *
 * @param installed                         whether Connect is installed; false is collected data, not a gap
 * @param version                           the installed build
 * @param serverOperatingSystem             the server's Windows version
 * @param dotNetVersion                     the .NET Framework version on the server
 * @param tls12Enabled                      whether TLS 1.2 is enabled on the server
 * @param stagingMode                       whether the server is in staging mode
 * @param passwordWritebackEnabled          {@code Get-ADSyncAADPasswordResetConfiguration}: Enabled
 * @param onlyUsePreferredDomainControllers the AD connector's "Only use preferred domain controllers"
 * @param preferredDomainControllers        the AD connector's preferred domain controllers
 * @param pdcEmulatorReachable              whether the server reaches the PDC emulator of every domain
 * @param lastFullImport                    the last completed full import per connector
 * @param lastFullSync                      the last completed full synchronization per connector
 * @param connectorAccount                  the AD DS connector account
 * @param recentEvents                      recent Application-log events of PasswordResetService and ADSync
 */
public record Connect(
        Boolean installed,
        Version version,
        String serverOperatingSystem,
        Version dotNetVersion,
        Boolean tls12Enabled,
        Boolean stagingMode,
        Boolean passwordWritebackEnabled,
        Boolean onlyUsePreferredDomainControllers,
        List<String> preferredDomainControllers,
        Boolean pdcEmulatorReachable,
        ConnectorRuns lastFullImport,
        ConnectorRuns lastFullSync,
        ConnectorAccount connectorAccount,
        List<ConnectEvent> recentEvents) {

    public Connect {
        preferredDomainControllers = Lists.copy(preferredDomainControllers);
        recentEvents = Lists.copy(recentEvents);
    }

    /** Whether Connect is known not to be installed: the root cause the other CON checks defer to. */
    public boolean notInstalled() {
        return Boolean.FALSE.equals(installed);
    }

    /** Whether "Only use preferred domain controllers" is known to be on. */
    public boolean onlyPreferred() {
        return Boolean.TRUE.equals(onlyUsePreferredDomainControllers);
    }

    /** The four runs that must have completed before writeback is tested: full import and full sync on both connectors. */
    public java.util.List<ConnectorRun> fullRuns() {
        return java.util.List.of(
                new ConnectorRun("full import", "Active Directory", "lastFullImport.ad", lastFullImport == null ? null : lastFullImport.ad()),
                new ConnectorRun("full import", "Entra ID", "lastFullImport.entraId", lastFullImport == null ? null : lastFullImport.entraId()),
                new ConnectorRun("full synchronization", "Active Directory", "lastFullSync.ad", lastFullSync == null ? null : lastFullSync.ad()),
                new ConnectorRun("full synchronization", "Entra ID", "lastFullSync.entraId", lastFullSync == null ? null : lastFullSync.entraId()));
    }

    /** Whether a full run has never completed ({@code "never"}) on a connector. */
    public boolean anyRunNever() {
        for (ConnectorRun r : fullRuns()) {
            if (r.time() != null && r.time().isNever()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a full run is dated after the moment (a timestamp from the future). */
    public boolean anyRunAfter(java.time.Instant moment) {
        for (ConnectorRun r : fullRuns()) {
            if (r.time() != null && !r.time().isNever() && r.time().at().toInstant().isAfter(moment)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a full run's time was not collected. */
    public boolean anyRunMissing() {
        return lastFullImport == null || lastFullSync == null || lastFullImport.ad() == null || lastFullImport.entraId() == null
                || lastFullSync.ad() == null || lastFullSync.entraId() == null;
    }

    /** Whether the preferred list names at least one domain controller. */
    public boolean hasPreferred() {
        return preferredDomainControllers != null && !preferredDomainControllers.isEmpty();
    }

    /** Whether the host is in the preferred list, compared case-insensitively. */
    public boolean prefers(String hostName) {
        return Lists.containsIgnoreCase(preferredDomainControllers, hostName);
    }
}
