package dev.preflight.cli;

import dev.preflight.report.Style;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * The process's streams and environment, injected so that commands can be tested without a
 * real terminal.
 *
 * @param in       standard input
 * @param out      standard output
 * @param err      standard error
 * @param env      the environment ({@code NO_COLOR}, {@code TERM})
 * @param terminal whether standard output is a terminal
 */
public record Console(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {

    /** The real process. */
    public static Console system() {
        return new Console(System.in, System.out, System.err, System.getenv(), System.console() != null);
    }

    /** The style for text written to standard output under the {@code --color} choice. */
    public Style style(ColorChoice choice) {
        return switch (choice) {
            case ALWAYS -> Style.ANSI;
            case NEVER -> Style.PLAIN;
            case AUTO -> colorAllowed() && terminal ? Style.ANSI : Style.PLAIN;
        };
    }

    /** Whether standard error may use colour and animation (a terminal, no {@code NO_COLOR}). */
    public boolean colorAllowed() {
        String noColor = env.get("NO_COLOR");
        return (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    }

    /** The {@code --color} choices. */
    public enum ColorChoice { AUTO, ALWAYS, NEVER }
}
