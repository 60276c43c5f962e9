package dev.preflight.facts;

/**
 * One of the four runs PWB-CON-003 needs: a full import or a full synchronization on one connector.
 *
 * @param step      "full import" or "full synchronization"
 * @param connector "Active Directory" or "Entra ID"
 * @param field     the field's path below {@code onPremises.connect}, such as {@code lastFullImport.ad}
 * @param time      when it last completed; {@code null} when not collected
 */
public record ConnectorRun(String step, String connector, String field, SyncTime time) {
}
