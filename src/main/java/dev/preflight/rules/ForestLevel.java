package dev.preflight.rules;

/**
 * A forest functional level (row of {@code tables/forest-levels.csv}, in ascending order).
 *
 * @param level     as {@code Get-ADForest} prints it, such as {@code Windows2016Forest}
 * @param rank      its position in the table, from 0
 * @param supported whether writeback supports a forest at this level
 */
public record ForestLevel(String level, int rank, boolean supported) {
}
