package io.llmload.metrics;

import io.llmload.client.RequestOutcome;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Per-turn measurements of one driver's conversations: for each turn, single-writer TTFT and
 * end-to-end recorders and counters of how its measured requests ended, with their prompt and
 * output tokens. Turns beyond the last are counted in the last.
 *
 * <p>Thread contract: as {@link DriverStats}: one writer (the driver's event loop), one reader
 * ({@link MetricsCollector}) taking interval histograms and counter values from any thread.
 */
final class TurnRecorders {
    final int turns;
    private final SingleWriterRecorder[] ttft;
    private final SingleWriterRecorder[] e2e;
    private final Histogram[] ttftRecycled;
    private final Histogram[] e2eRecycled;
    final AtomicLongArray succeeded;
    final AtomicLongArray failed;
    final AtomicLongArray cancelled;
    final AtomicLongArray dropped;
    final AtomicLongArray inputTokens;
    final AtomicLongArray inputCounted;
    final AtomicLongArray outputTokens;

    TurnRecorders(int turns) {
        this.turns = turns;
        ttft = new SingleWriterRecorder[turns];
        e2e = new SingleWriterRecorder[turns];
        for (int i = 0; i < turns; i++) {
            ttft[i] = new SingleWriterRecorder(Histograms.SIGNIFICANT_DIGITS);
            e2e[i] = new SingleWriterRecorder(Histograms.SIGNIFICANT_DIGITS);
        }
        ttftRecycled = new Histogram[turns];
        e2eRecycled = new Histogram[turns];
        succeeded = new AtomicLongArray(turns);
        failed = new AtomicLongArray(turns);
        cancelled = new AtomicLongArray(turns);
        dropped = new AtomicLongArray(turns);
        inputTokens = new AtomicLongArray(turns);
        inputCounted = new AtomicLongArray(turns);
        outputTokens = new AtomicLongArray(turns);
    }

    private int index(int turn) {
        return Math.max(0, Math.min(turns - 1, turn - 1));
    }

    /** A measured request of this turn that ended (succeeded or failed; cancellations go to {@link #cancelled}). */
    void record(RequestOutcome o, int turn) {
        int i = index(turn);
        if (!o.succeeded()) {
            failed.incrementAndGet(i);
            return;
        }
        succeeded.incrementAndGet(i);
        outputTokens.addAndGet(i, o.outputTokens());
        if (o.inputTokens() >= 0) {
            inputTokens.addAndGet(i, o.inputTokens());
            inputCounted.incrementAndGet(i);
        }
        e2e[i].recordValue(Math.max(0, o.e2eNanos() / 1000));
        if (o.firstTokenNanos() != 0) {
            ttft[i].recordValue(Math.max(0, o.ttftNanos() / 1000));
        }
    }

    void cancelled(int turn) {
        cancelled.incrementAndGet(index(turn));
    }

    void dropped(int turn) {
        dropped.incrementAndGet(index(turn));
    }

    /** Reader side: everything recorded for turn index {@code i} since the last call. */
    Histogram takeTtft(int i) {
        Histogram h = ttft[i].getIntervalHistogram(ttftRecycled[i]);
        ttftRecycled[i] = h;
        return h;
    }

    Histogram takeE2e(int i) {
        Histogram h = e2e[i].getIntervalHistogram(e2eRecycled[i]);
        e2eRecycled[i] = h;
        return h;
    }
}
