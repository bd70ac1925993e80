package io.llmload.metrics;

/** A malformed Prometheus exposition, with the line and column where parsing stopped. */
public final class ExpositionException extends RuntimeException {
    private final int line;
    private final int column;

    public ExpositionException(int line, int column, String message) {
        super("line " + line + ", column " + column + ": " + message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
