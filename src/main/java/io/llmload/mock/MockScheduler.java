package io.llmload.mock;

import io.vertx.core.Context;
import java.util.ArrayDeque;

/**
 * The mock's batch limit, like vLLM's {@code max_num_seqs}: at most {@code maxRunning} answers are
 * generated at once; later requests wait in arrival order, and their time to first token starts
 * when they leave the queue, so a queue that grows shows up as rising TTFT, as on a real server.
 * {@code maxRunning} 0 means no limit. Shared by a server's verticles.
 *
 * <p>Thread contract: thread-safe (synchronized); a queued start runs on the context that
 * queued it.
 */
final class MockScheduler {
    private final int maxRunning;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private int running;

    private record Waiting(Context context, Runnable start) {
    }

    MockScheduler(int maxRunning) {
        this.maxRunning = maxRunning;
    }

    /** Runs {@code start} now if a slot is free, else when one frees up; the caller must {@link #release} once it ends. */
    void admit(Context context, Runnable start) {
        synchronized (this) {
            if (maxRunning > 0 && running >= maxRunning) {
                waiting.add(new Waiting(context, start));
                return;
            }
            running++;
        }
        start.run();
    }

    /** An admitted answer has ended (or its client went away): the next waiting one takes its slot. */
    void release() {
        Waiting next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
                return;
            }
        }
        next.context().runOnContext(v -> next.start().run());
    }

    synchronized int running() {
        return running;
    }

    /** Running answers over the limit (0 without one): the mock's stand-in for KV-cache usage. */
    synchronized double usage() {
        return maxRunning > 0 ? (double) running / maxRunning : 0;
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
