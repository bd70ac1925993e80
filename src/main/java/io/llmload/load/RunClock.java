package io.llmload.load;

/**
 * The run's timeline, shared by all drivers. Offsets are nanoseconds since {@code runStartNanos}.
 * The load profile reserves {@code warmupMaxNanos} for warmup; with a fixed warmup that is the
 * warmup, with {@code warmup: auto} it is the maximum and {@link #endWarmup} later fixes the real
 * end, after which the rest of the reserved warmup is skipped: profile time = real time + skip.
 * Measuring lasts {@code measuredNanos} from the end of warmup.
 *
 * <p>Thread contract: thread-safe; the warmup end is written once.
 */
public final class RunClock {
    private volatile long runStartNanos;
    private final long warmupMaxNanos;
    private final long measuredNanos;
    private volatile long warmupNanos;

    /** @param warmupNanos the warmup length, or -1 when it is decided later ({@code auto}) */
    public RunClock(long runStartNanos, long warmupNanos, long warmupMaxNanos, long measuredNanos) {
        this.runStartNanos = runStartNanos;
        this.warmupNanos = warmupNanos;
        this.warmupMaxNanos = warmupMaxNanos;
        this.measuredNanos = measuredNanos;
    }

    public long runStartNanos() {
        return runStartNanos;
    }

    /**
     * Moves the run's start to {@code nanos}: the engine builds the clock before its drivers have
     * opened their connections and starts it once they all have, so that getting ready is not
     * on the schedule.
     */
    void startAt(long nanos) {
        runStartNanos = nanos;
    }

    /** Fixes the end of an automatic warmup (at most once; never beyond the maximum). */
    public synchronized boolean endWarmup(long atOffsetNanos) {
        if (warmupNanos >= 0) {
            return false;
        }
        warmupNanos = Math.max(0, Math.min(atOffsetNanos, warmupMaxNanos));
        return true;
    }

    public boolean warmupKnown() {
        return warmupNanos >= 0;
    }

    /** The warmup's length (the maximum while it is still undecided). */
    public long warmupNanos() {
        long w = warmupNanos;
        return w >= 0 ? w : warmupMaxNanos;
    }

    /** Absolute end of warmup, or {@link Long#MAX_VALUE} while undecided. */
    public long warmupEndNanos() {
        long w = warmupNanos;
        return w >= 0 ? runStartNanos + w : Long.MAX_VALUE;
    }

    /** Absolute end of measuring, or {@link Long#MAX_VALUE} while undecided or unbounded. */
    public long measureEndNanos() {
        long w = warmupNanos;
        return w < 0 || measuredNanos == Long.MAX_VALUE ? Long.MAX_VALUE : runStartNanos + w + measuredNanos;
    }

    /** Profile time for a real offset: after an early automatic warmup end, the unused warmup is skipped. */
    public long profileOffset(long realOffsetNanos) {
        long w = warmupNanos;
        return w >= 0 && realOffsetNanos >= w ? realOffsetNanos + (warmupMaxNanos - w) : realOffsetNanos;
    }

    /**
     * Real offset for a profile time, or -1 when that moment was skipped (it fell in the unused
     * part of an automatic warmup).
     */
    public long realOffset(long profileOffsetNanos) {
        long w = warmupNanos;
        if (w < 0 || profileOffsetNanos < w) {
            return profileOffsetNanos;
        }
        if (profileOffsetNanos < warmupMaxNanos) {
            return -1;
        }
        return profileOffsetNanos - (warmupMaxNanos - w);
    }
}
