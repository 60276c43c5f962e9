package dev.preflight.ruletest;

import dev.preflight.api.CheckInfo;
import dev.preflight.api.RuleProblem;
import dev.preflight.engine.Languages;
import dev.preflight.engine.RuleFiles;
import dev.preflight.rules.DataTable;
import dev.preflight.rules.Tables;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Keeps the languages complete, for {@code rules check}: every language has a text for every
 * English key and a title for every check, no language has a key English lacks, and a text has
 * the same placeholders in every language (a translation that drops {@code {1}} loses a fact).
 */
final class LanguageCheck {

    private LanguageCheck() {
    }

    /** The columns of the tables that hold text for people (a note, an event's meaning): findings quote them. */
    static final List<String> TEXT_COLUMNS = List.of("note", "meaning");

    /**
     * Every language beside English has a translation column beside each text column of the
     * tables ({@code note_zh_CN} beside {@code note}); the rows themselves are checked when the
     * tables load (an English text without its translation is an error there).
     */
    static void checkTables(Languages languages, Tables tables, List<RuleProblem> problems) {
        for (Languages.Bundle b : languages.bundles()) {
            if (b.locale().equals(Locale.ROOT)) {
                continue;
            }
            String suffix = "_" + b.locale().getLanguage() + "_" + b.locale().getCountry();
            for (String name : new TreeSet<>(tables.names())) {
                DataTable t = tables.table(name);
                for (String column : TEXT_COLUMNS) {
                    boolean hasText = t.columns().contains(column) && t.rows().stream().anyMatch(r -> !r.getOrDefault(column, "").isEmpty());
                    if (hasText && !t.columns().contains(column + suffix)) {
                        problems.add(RuleProblem.error(RuleFiles.TABLES_DIR + name + ".csv", 0, 0, "no column " + column + suffix
                                + ": reports in " + b.locale().toLanguageTag() + " would quote the English " + column + " (" + b.file() + " exists)"));
                    }
                }
            }
        }
    }

    /**
     * @param allDeclared whether every DRL file read, so that the catalogue holds every check (a
     *                    file with a syntax error declares nothing: its checks' titles are not strays)
     */
    static void check(Languages languages, List<CheckInfo> catalogue, java.util.function.Function<String, String> remediation, boolean allDeclared,
                      List<RuleProblem> problems) {
        Languages.Bundle root = languages.root();
        Set<String> required = new LinkedHashSet<>(root.texts().keySet());
        Set<String> allowed = new LinkedHashSet<>(required);
        for (CheckInfo c : catalogue) {
            required.add(c.id() + ".title");
            if (remediation.apply(c.id()) != null) {
                required.add(c.id() + ".remediation");
            }
            allowed.add(c.id() + ".title");
            allowed.add(c.id() + ".remediation");
        }
        for (String key : root.texts().keySet()) {
            if (key.endsWith(".title") && catalogue.stream().anyMatch(c -> key.equals(c.id() + ".title"))) {
                problems.add(RuleProblem.warning(root.file(), root.lines().getOrDefault(key, 0), 0,
                        key + ": a check's English title is declared with the check, not in " + root.file()));
            }
        }
        for (Languages.Bundle b : languages.bundles()) {
            if (b.locale().equals(Locale.ROOT)) {
                continue;
            }
            for (String key : required) {
                if (!b.texts().containsKey(key)) {
                    String english = root.texts().get(key);
                    problems.add(RuleProblem.error(b.file(), 0, 0, "no text for " + key
                            + (english != null ? "; English: " + english : key.endsWith(".title") ? " (the check's title)" : " (the check's remediation)")));
                }
            }
            for (Map.Entry<String, String> t : b.texts().entrySet()) {
                String key = t.getKey();
                int line = b.lines().getOrDefault(key, 0);
                if (!allowed.contains(key)) {
                    if (!allDeclared) {
                        continue;
                    }
                    problems.add(RuleProblem.error(b.file(), line, 0, key + " is not a key of " + root.file()
                            + (key.endsWith(".title") || key.endsWith(".remediation") ? " nor of a declared check" : "")));
                    continue;
                }
                String english = root.texts().get(key);
                SortedSet<Integer> expected = english == null ? new TreeSet<>() : Languages.placeholders(english);
                SortedSet<Integer> actual = Languages.placeholders(t.getValue());
                if (!expected.equals(actual)) {
                    problems.add(RuleProblem.error(b.file(), line, 0, key + " uses placeholders " + braces(actual)
                            + " where English uses " + braces(expected)).withExcerpt(t.getValue()));
                }
            }
        }
    }

    private static String braces(Set<Integer> indexes) {
        if (indexes.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        indexes.forEach(i -> sb.append(sb.length() == 0 ? "" : " ").append('{').append(i).append('}'));
        return sb.toString();
    }
}
