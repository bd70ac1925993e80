package io.llmload.mock;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes one streamed mock response on its deadlines: role chunk and first token at
 * {@code start + ttft}, token i at {@code start + ttft + i * itl}, then the finish chunk, the usage
 * chunk (when asked for) and {@code [DONE]}. Stops quietly if the client goes away.
 */
final class MockStream {
    private final Vertx vertx;
    private final HttpServerResponse response;
    private final MockChunks chunks;
    private final long firstDueNanos;
    private final long itlNanos;
    private final int tokens;
    private final int promptTokens;
    private final boolean usage;
    private final String finishReason;
    private final MockMetrics metrics;
    private final long arrivalNanos;
    private int next;

    MockStream(Vertx vertx, HttpServerResponse response, MockChunks chunks, long startNanos, long ttftNanos, long itlNanos,
               int tokens, int promptTokens, boolean usage, String finishReason, MockMetrics metrics, long arrivalNanos) {
        this.vertx = vertx;
        this.response = response;
        this.chunks = chunks;
        this.firstDueNanos = startNanos + ttftNanos;
        this.itlNanos = itlNanos;
        this.tokens = tokens;
        this.promptTokens = promptTokens;
        this.usage = usage;
        this.finishReason = finishReason;
        this.metrics = metrics;
        this.arrivalNanos = arrivalNanos;
    }

    void begin() {
        response.setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache");
        response.writeHead();
        at(vertx, firstDueNanos, this::emit);
    }

    /** Runs {@code action} at {@code dueNanos} (never early; at once if already due). */
    static void at(Vertx vertx, long dueNanos, Runnable action) {
        long waitNanos = dueNanos - System.nanoTime();
        if (waitNanos <= 0) {
            action.run();
        } else {
            vertx.setTimer(Math.max(1, (waitNanos + 999_999) / 1_000_000), id -> action.run());
        }
    }

    private void emit() {
        if (response.closed()) {
            return;
        }
        long now = System.nanoTime();
        if (next == 0) {
            response.write(chunks.role());
            metrics.firstToken(now - arrivalNanos);
        }
        // Write every token that is due now in one go; with itl 0 that is the whole answer.
        int before = next;
        while (next < tokens && firstDueNanos + next * itlNanos <= now + 200_000) {
            response.write(chunks.token(next++));
        }
        metrics.generated(next - before);
        if (next < tokens) {
            at(vertx, firstDueNanos + next * itlNanos, this::emit);
            return;
        }
        response.write(chunks.finish(finishReason));
        if (usage) {
            response.write(chunks.usage(promptTokens, tokens));
        }
        metrics.succeeded(finishReason);
        response.end(MockChunks.done());
    }
}
