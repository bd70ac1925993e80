package io.llmload.mock;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes one streamed mock response: headers at once, then — once the {@link BatchScheduler} has
 * room — the role chunk and first token {@code ttft} later, each further token one (batch-scaled)
 * {@code itl} after the previous deadline, then the finish chunk, the usage chunk (when asked
 * for) and {@code [DONE]}. Deadlines follow each other, so timer lateness does not accumulate.
 * Stops quietly and frees its batch slot if the client goes away.
 */
final class MockStream {
    private final Vertx vertx;
    private final Context context;
    private final HttpServerResponse response;
    private final MockChunks chunks;
    private final BatchScheduler scheduler;
    private final long ttftNanos;
    private final long itlNanos;
    private final int tokens;
    private final int promptTokens;
    private final boolean usage;
    private final String finishReason;
    private long nextDueNanos;
    private int next;
    private boolean admitted;
    private boolean released;

    MockStream(Vertx vertx, Context context, HttpServerResponse response, MockChunks chunks, BatchScheduler scheduler, long ttftNanos,
               long itlNanos, int tokens, int promptTokens, boolean usage, String finishReason) {
        this.vertx = vertx;
        this.context = context;
        this.response = response;
        this.chunks = chunks;
        this.scheduler = scheduler;
        this.ttftNanos = ttftNanos;
        this.itlNanos = itlNanos;
        this.tokens = tokens;
        this.promptTokens = promptTokens;
        this.usage = usage;
        this.finishReason = finishReason;
    }

    void begin() {
        response.setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache");
        response.writeHead();
        response.closeHandler(v -> release());
        scheduler.admit(context, () -> {
            admitted = true;
            if (response.closed()) {
                release();
                return;
            }
            nextDueNanos = System.nanoTime() + ttftNanos;
            at(vertx, nextDueNanos, this::emit);
        });
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
            release();
            return;
        }
        long now = System.nanoTime();
        if (next == 0) {
            response.write(chunks.role());
        }
        // Write every token that is due now in one go; with itl 0 that is the whole answer.
        while (next < tokens && nextDueNanos <= now + 200_000) {
            response.write(chunks.token(next++));
            nextDueNanos += Math.round(itlNanos * scheduler.itlScale());
        }
        if (next < tokens) {
            at(vertx, nextDueNanos, this::emit);
            return;
        }
        response.write(chunks.finish(finishReason));
        if (usage) {
            response.write(chunks.usage(promptTokens, tokens));
        }
        response.end(MockChunks.done());
        release();
    }

    private void release() {
        if (admitted && !released) {
            released = true;
            scheduler.release();
        }
    }
}
