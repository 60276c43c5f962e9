package dev.preflight.api;

import java.util.List;

/**
 * A check of the catalogue, as {@code rules/checks.json} declares it.
 *
 * @param id         the stable id, such as {@code PWB-CON-002}
 * @param area       the area, the id's middle part
 * @param title      the check, phrased as its passing state
 * @param severities the severities its rules can raise, worst first
 * @param docUrl     the Microsoft documentation page
 * @param source     the file that declares it ({@code checks.json}), relative to the rules directory
 * @param line       the line of its declaration
 * @param rules      the names of its rules
 */
public record CheckInfo(String id, String area, String title, List<Severity> severities, String docUrl,
                        String source, int line, List<String> rules) {

    public CheckInfo {
        severities = List.copyOf(severities);
        rules = List.copyOf(rules);
    }

    /** Whether the check can raise an ERROR, and so hold the verdict back when it cannot be evaluated. */
    public boolean canBlock() {
        return severities.contains(Severity.ERROR);
    }
}
