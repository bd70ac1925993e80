package io.llmload.client;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * The retries of one request: the error kinds of its failed attempts so far and the timer of
 * the wait before the next attempt, decided by a {@link RetryPolicy}.
 *
 * <p>Thread contract: owned by one {@link Exchange}, used on its event loop only.
 */
final class RetryTrail {
    private final Vertx vertx;
    private final RetryPolicy policy;
    private List<String> kinds = List.of();
    private long timerId = -1;

    RetryTrail(Vertx vertx, RetryPolicy policy) {
        this.vertx = vertx;
        this.policy = policy;
    }

    /** A new request: no failed attempts yet. */
    void clear() {
        kinds = List.of();
    }

    boolean isEmpty() {
        return kinds.isEmpty();
    }

    /** The failed attempts' kinds, in order; an immutable list handed to the outcome. */
    List<String> kinds() {
        return kinds;
    }

    /**
     * When the policy retries an attempt that failed with {@code kind}, records it and runs
     * {@code nextAttempt} after the wait ({@code retryAfter} is the failed answer's header, or null);
     * returns false, doing nothing, when it does not.
     */
    boolean schedule(String kind, String retryAfter, Runnable nextAttempt) {
        if (!policy.retries(kind, kinds.size())) {
            return false;
        }
        List<String> more = new ArrayList<>(kinds);
        more.add(kind);
        kinds = List.copyOf(more);
        long delayMs = policy.delayMillis(kinds.size(), retryAfter, System.currentTimeMillis());
        timerId = vertx.setTimer(Math.max(1, delayMs), id -> {
            timerId = -1;
            nextAttempt.run();
        });
        return true;
    }

    /** Drops a pending wait, if any. */
    void cancel() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }
}
