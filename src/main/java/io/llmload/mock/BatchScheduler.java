package io.llmload.mock;

import io.vertx.core.Context;
import java.util.ArrayDeque;

/**
 * The mock's capacity model, shared by all its verticle instances: at most {@code maxBatch}
 * sequences decode at once and the rest wait in a FIFO queue (so their time to first token
 * includes the wait), and the time between tokens grows with the batch:
 * {@code itl × (1 + itlFactorPerSequence × (running − 1))}. With {@code maxBatch} 0 there is no
 * limit and no slowdown, unless a factor is set. Like a serving engine, it gives sweeps and SLO
 * searches a real saturation curve offline.
 *
 * <p>Thread contract: thread-safe; queued work is resumed on the context that queued it.
 */
public final class BatchScheduler {
    private final int maxBatch;
    private final double itlFactorPerSequence;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private int running;

    private record Waiting(Context context, Runnable start) {
    }

    public BatchScheduler(int maxBatch, double itlFactorPerSequence) {
        this.maxBatch = maxBatch;
        this.itlFactorPerSequence = itlFactorPerSequence;
    }

    /** Runs {@code start} now if the batch has room, else when a running sequence finishes. */
    public void admit(Context context, Runnable start) {
        synchronized (this) {
            if (maxBatch > 0 && running >= maxBatch) {
                queue.addLast(new Waiting(context, start));
                return;
            }
            running++;
        }
        start.run();
    }

    /** A running sequence finished (or its client left): the next waiting one starts. */
    public void release() {
        Waiting next;
        synchronized (this) {
            running--;
            next = queue.pollFirst();
            if (next != null) {
                running++;
            }
        }
        if (next != null) {
            next.context().runOnContext(v -> next.start().run());
        }
    }

    /** How much slower each token is with the current batch. */
    public double itlScale() {
        int n;
        synchronized (this) {
            n = running;
        }
        return 1 + itlFactorPerSequence * Math.max(0, n - 1);
    }

    public synchronized int running() {
        return running;
    }

    /** Running sequences over the limit (0 without one): the mock's stand-in for KV-cache usage. */
    public synchronized double usage() {
        return maxBatch > 0 ? (double) running / maxBatch : 0;
    }

    public synchronized int waiting() {
        return queue.size();
    }
}
