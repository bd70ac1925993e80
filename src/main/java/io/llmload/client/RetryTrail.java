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
    /** When the pending wait ends ({@code System.nanoTime()}), and the Retry-After it honours (or null). */
    private long waitEndNanos;
    private String waitRetryAfter;

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
        waitEndNanos = System.nanoTime() + Math.max(1, delayMs) * 1_000_000;
        waitRetryAfter = retryAfter;
        timerId = vertx.setTimer(Math.max(1, delayMs), id -> {
            timerId = -1;
            nextAttempt.run();
        });
        return true;
    }

    /**
     * What the pending wait is, for a request cut off during it, e.g. "waiting 27 s more to retry
     * after http_429 (Retry-After: 30), attempt 2 of at most 4".
     */
    String describeWait(long nowNanos) {
        long leftMs = Math.max(0, (waitEndNanos - nowNanos) / 1_000_000);
        String left = leftMs >= 10_000 ? leftMs / 1000 + " s" : leftMs + " ms";
        return "waiting " + left + " more to retry after " + kinds.get(kinds.size() - 1)
                + (waitRetryAfter != null ? " (Retry-After: " + waitRetryAfter.trim() + ")" : " (backoff)")
                + ", attempt " + (kinds.size() + 1) + " of at most " + (policy.max() + 1);
    }

    /** Drops a pending wait, if any. */
    void cancel() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }
}
