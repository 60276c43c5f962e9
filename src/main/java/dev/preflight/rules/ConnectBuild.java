package dev.preflight.rules;

import dev.preflight.facts.Version;
import java.time.LocalDate;

/**
 * A listed Entra Connect build (row of {@code tables/connect-versions.csv}). A version falls under
 * the highest listed build not above it.
 *
 * @param build        the build number
 * @param supportEnds  the last supported day of the builds falling under it, or {@code null} while current
 * @param requiredFrom from this date, builds below this one stop synchronizing (a mandatory minimum), or {@code null}
 * @param note         for findings
 */
public record ConnectBuild(Version build, LocalDate supportEnds, LocalDate requiredFrom, String note) {
}
