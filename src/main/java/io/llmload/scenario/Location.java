package io.llmload.scenario;

/**
 * Where a value came from: a file position (1-based line and column) or a command-line flag.
 * Printed as {@code file:line:col} so terminals and editors can jump to it.
 */
public record Location(String source, int line, int column) {

    /** A location for values that come from a flag such as {@code --set}; it has no line. */
    public static Location flag(String flag) {
        return new Location(flag, 0, 0);
    }

    public boolean isFlag() {
        return line <= 0;
    }

    /** The same source, {@code offset} characters further along the line. */
    public Location shifted(int offset) {
        return isFlag() ? this : new Location(source, line, column + offset);
    }

    @Override
    public String toString() {
        return isFlag() ? source : source + ":" + line + ":" + column;
    }
}
