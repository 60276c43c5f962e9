package dev.preflight.report;

/**
 * Defuses spreadsheet formulas in CSV cells: a cell starting with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return is prefixed with a quote, so that a tenant-supplied value
 * such as {@code =HYPERLINK(...)} is shown as text, never run (OWASP "CSV injection").
 */
public final class SpreadsheetSafe {

    private SpreadsheetSafe() {
    }

    /** The value, safe to open in a spreadsheet; control characters are also neutralised. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char c = value.charAt(0);
        String v = (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') ? "'" + value : value;
        return SafeText.clean(v);
    }
}
