package dev.preflight.api;

import java.util.Objects;

/**
 * A problem found in a rules directory: a DRL syntax or type error, a rule without its metadata,
 * a bad data-table row, or a warning.
 *
 * @param level   ERROR stops the rules from loading; WARNING does not (unless asked to be strict)
 * @param file    the file, relative to the rules directory
 * @param line    1-based line, 0 when unknown
 * @param column  1-based column, 0 when unknown
 * @param message what is wrong, for a person
 * @param excerpt the offending text, or an empty string
 */
public record RuleProblem(Level level, String file, int line, int column, String message, String excerpt) {

    /** How serious a problem is. */
    public enum Level { ERROR, WARNING }

    public RuleProblem {
        Objects.requireNonNull(level, "level");
        file = file == null ? "" : file;
        message = Objects.requireNonNull(message, "message");
        excerpt = excerpt == null ? "" : excerpt;
    }

    /** An error at a line. */
    public static RuleProblem error(String file, int line, int column, String message) {
        return new RuleProblem(Level.ERROR, file, line, column, message, "");
    }

    /** A warning at a line. */
    public static RuleProblem warning(String file, int line, int column, String message) {
        return new RuleProblem(Level.WARNING, file, line, column, message, "");
    }

    /** The same problem with the offending text attached. */
    public RuleProblem withExcerpt(String text) {
        return new RuleProblem(level, file, line, column, message, text);
    }

    /** The same problem at another level. */
    public RuleProblem withLevel(Level newLevel) {
        return new RuleProblem(newLevel, file, line, column, message, excerpt);
    }

    /** Whether it stops the rules from loading. */
    public boolean isError() {
        return level == Level.ERROR;
    }

    /** {@code file:line:column: level: message}, the form compilers and editors understand. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ").append(level.name().toLowerCase(java.util.Locale.ROOT)).append(": ").append(message);
        return sb.toString();
    }
}
