package dev.preflight.report;

import org.jline.utils.WCWidth;

/**
 * How many terminal columns text takes: East Asian Wide and Fullwidth characters (Han, kana,
 * Hangul, fullwidth punctuation) take two, combining marks none, the rest one. Text reports pad
 * by this, not by {@code String.length()}, so that columns line up under Chinese labels.
 */
public final class DisplayWidth {

    private DisplayWidth() {
    }

    /** The columns the text takes on a terminal; ANSI colour sequences take none. */
    public static int of(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp == 0x1b) {
                int end = text.indexOf('m', i);
                if (end > 0) {
                    i = end + 1;
                    continue;
                }
            }
            int w = WCWidth.wcwidth(cp);
            width += Math.max(w, 0);
            i += Character.charCount(cp);
        }
        return width;
    }

    /** The text followed by spaces up to {@code columns} (unchanged when it is as wide or wider). */
    public static String pad(String text, int columns) {
        int missing = columns - of(text);
        return missing <= 0 ? text : text + " ".repeat(missing);
    }
}
