package dev.preflight.report;

/**
 * Makes tenant-supplied strings (display names, UPNs, host names, event messages) safe to print:
 * control characters, ANSI escape sequences and bidirectional overrides become visible
 * placeholders, so that a hostile value cannot rewrite a terminal or fake a line of the report.
 */
public final class SafeText {

    private SafeText() {
    }

    /** The text with every control, escape and bidi-override character replaced by {@code ?}; {@code null} stays null. */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = Character.isISOControl(c) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                    || c == '\u200E' || c == '\u200F' || c == '\u061C' || c == '\u2028' || c == '\u2029';
            if (bad) {
                if (sb == null) {
                    sb = new StringBuilder(s.length());
                    sb.append(s, 0, i);
                }
                sb.append('?');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
