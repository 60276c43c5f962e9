package dev.preflight.rules;

import java.util.List;
import java.util.Map;

/**
 * Any table of {@code rules/tables/}, read as text: the way to use a table an analyst added
 * without Java ({@code tables.table("my-table").contains("column", value)}).
 *
 * @param name    the file name without {@code .csv}
 * @param columns the header's column names
 * @param rows    each row as column name to value
 */
public record DataTable(String name, List<String> columns, List<Map<String, String>> rows) {

    public DataTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(Map::copyOf).toList();
    }

    /** The first row whose column equals the value (case-insensitively), or {@code null}. */
    public Map<String, String> find(String column, String value) {
        if (value == null) {
            return null;
        }
        for (Map<String, String> row : rows) {
            String v = row.get(column);
            if (v != null && v.equalsIgnoreCase(value)) {
                return row;
            }
        }
        return null;
    }

    /** Whether a row's column equals the value (case-insensitively). */
    public boolean contains(String column, String value) {
        return find(column, value) != null;
    }

    /** The value of {@code column} in the first row whose {@code keyColumn} equals {@code key}, or {@code null}. */
    public String value(String keyColumn, String key, String column) {
        Map<String, String> row = find(keyColumn, key);
        return row == null ? null : row.get(column);
    }
}
