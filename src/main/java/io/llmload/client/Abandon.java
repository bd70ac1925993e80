package io.llmload.client;

/**
 * Where a simulated user gives up on a request: once {@code afterChunks} content chunks have
 * arrived (0: not by count), or {@code afterNanos} after the request's intended start (-1: not by
 * time). The {@link Exchange} then resets the request and ends it as {@link ErrorKind#CANCELLED}.
 */
public record Abandon(int afterChunks, long afterNanos) {

    public static Abandon afterChunks(int chunks) {
        return new Abandon(Math.max(1, chunks), -1);
    }

    public static Abandon afterNanos(long nanos) {
        return new Abandon(0, Math.max(0, nanos));
    }

    String describe() {
        return afterChunks > 0 ? "abandoned by the user after " + afterChunks + " content chunks"
                : "abandoned by the user " + ExchangeText.millis(afterNanos) + " after the start";
    }
}
