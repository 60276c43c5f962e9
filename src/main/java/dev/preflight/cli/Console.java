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
 * @param errTerminal whether standard error is a terminal (for progress bars)
 */
public record Console(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, boolean terminal, boolean errTerminal) {

    /** A console whose standard error is a terminal exactly when standard output is. */
    public Console(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {
        this(in, out, err, env, terminal, terminal);
    }

    /** The real process. */
    public static Console system() {
        boolean both = System.console() != null;
        return new Console(System.in, System.out, System.err, System.getenv(), isTerminal(1, both), isTerminal(2, both));
    }

    /**
     * Whether file descriptor {@code fd} is a terminal. Java 17 only tells whether standard input
     * and output both are; on Linux the descriptor's link says it for each.
     */
    private static boolean isTerminal(int fd, boolean fallback) {
        java.nio.file.Path link = java.nio.file.Path.of("/proc/self/fd/" + fd);
        try {
            String target = java.nio.file.Files.readSymbolicLink(link).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return fallback;
        }
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
