package dev.preflight.facts;

/**
 * When a run profile last completed on each of Connect's two connectors.
 *
 * @param ad      the Active Directory connector
 * @param entraId the Entra ID (Azure AD) connector
 */
public record ConnectorRuns(SyncTime ad, SyncTime entraId) {
}
