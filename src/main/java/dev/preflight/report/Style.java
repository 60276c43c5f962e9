package dev.preflight.report;

/** ANSI styling for text output, or none. */
public enum Style {
    /** No escape sequences: files, pipes, {@code NO_COLOR}. */
    PLAIN,
    /** ANSI colours, for a terminal. */
    ANSI;

    public String red(String s) {
        return wrap("31;1", s);
    }

    public String yellow(String s) {
        return wrap("33;1", s);
    }

    public String cyan(String s) {
        return wrap("36", s);
    }

    public String magenta(String s) {
        return wrap("35", s);
    }

    public String green(String s) {
        return wrap("32", s);
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    private String wrap(String code, String s) {
        return this == ANSI ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
