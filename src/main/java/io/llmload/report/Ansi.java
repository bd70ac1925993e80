package io.llmload.report;

/**
 * Terminal colours, or none: colour only goes to a terminal and never when {@code NO_COLOR} is
 * set (no-color.org) or {@code TERM=dumb}. Immutable.
 */
public record Ansi(boolean enabled) {
    public static final Ansi OFF = new Ansi(false);

    private static final String RESET = "\033[0m";

    /** Colour on a terminal unless NO_COLOR (any non-empty value) or TERM=dumb says otherwise. */
    public static Ansi detect(boolean terminal, String noColor, String term) {
        return new Ansi(terminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(term));
    }

    public String red(String s) {
        return wrap("\033[31m", s);
    }

    public String green(String s) {
        return wrap("\033[32m", s);
    }

    public String yellow(String s) {
        return wrap("\033[33m", s);
    }

    public String bold(String s) {
        return wrap("\033[1m", s);
    }

    public String dim(String s) {
        return wrap("\033[2m", s);
    }

    private String wrap(String code, String s) {
        return enabled && !s.isEmpty() ? code + s + RESET : s;
    }

    /** The text without escape sequences, for measuring what a terminal shows. */
    public static String strip(String s) {
        return s.replaceAll("\033\\[[0-9;]*m", "");
    }
}
