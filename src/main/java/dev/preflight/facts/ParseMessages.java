package dev.preflight.facts;

import java.util.regex.Pattern;

/**
 * A JSON parser's message in the words a user can act on: its first line, without the parser's
 * own location notes ({@code [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION`
 * disabled); line: 1, column: 11]}), which name a library setting instead of the file. A location
 * inside the message (where an unclosed array began) is kept, as a line and column.
 */
public final class ParseMessages {

    private static final Pattern START_MARKER = Pattern.compile("\\(start marker at \\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]\\)");
    private static final Pattern LOCATED = Pattern.compile("(?:at )?\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");
    private static final Pattern SOURCE = Pattern.compile("\\s*(?:at )?\\[Source: [^\\]]*\\]");

    private ParseMessages() {
    }

    /** The message's first line with the parser's source notes replaced by line and column, or removed. */
    public static String clean(String message) {
        if (message == null) {
            return "";
        }
        String m = message;
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        m = START_MARKER.matcher(m).replaceAll("(opened at line $1, column $2)");
        m = LOCATED.matcher(m).replaceAll("at line $1, column $2");
        m = SOURCE.matcher(m).replaceAll("");
        return m.strip();
    }
}
