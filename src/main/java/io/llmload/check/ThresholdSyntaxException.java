package io.llmload.check;

/** A threshold that cannot be parsed; {@code column} (1-based) points at the offending character. */
public final class ThresholdSyntaxException extends Exception {
    private final int column;

    public ThresholdSyntaxException(int column, String message) {
        super(message, null, false, false);
        this.column = column;
    }

    public int column() {
        return column;
    }
}
