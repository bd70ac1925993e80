package io.llmload.client;

/**
 * What happened to one request: its timings (all {@code System.nanoTime()} values), token counts
 * and, when it failed, the error kind and a short message. Created once per request when it ends.
 *
 * @param intendedStartNanos the request's start per the load model (latencies are taken from here)
 * @param sendNanos          when the request was handed to the connection
 * @param firstTokenNanos    arrival of the first content-carrying chunk, or 0
 * @param endNanos           arrival of {@code [DONE]} or of the end of the body
 * @param inputTokens        {@code usage.prompt_tokens}, or -1 when the server did not say
 */
public record RequestOutcome(String errorKind, String errorMessage, int httpStatus,
                             long intendedStartNanos, long sendNanos, long firstTokenNanos, long endNanos,
                             long outputTokens, long inputTokens, TokenSource outputSource, int contentChunks,
                             String finishReason) {

    public boolean succeeded() {
        return errorKind == null;
    }

    public long ttftNanos() {
        return firstTokenNanos - intendedStartNanos;
    }

    public long e2eNanos() {
        return endNanos - intendedStartNanos;
    }

    public long scheduleLagNanos() {
        return sendNanos - intendedStartNanos;
    }

    /** Time per output token after the first, or -1 when there are fewer than two tokens. */
    public long tpotNanos() {
        return outputTokens > 1 ? (endNanos - firstTokenNanos) / (outputTokens - 1) : -1;
    }
}
