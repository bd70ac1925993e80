package io.llmload.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, for each request about to start, whether it is a warmup request, a measured one, or
 * whether the run has stopped issuing: warmup until {@code warmupEndNanos}, then measured until
 * the measured duration ends or the request budget is spent, whichever comes first.
 *
 * <p>Thread contract: shared by all drivers; lock-free.
 */
public final class Admission {
    /** What a request about to start is. */
    public enum Kind { WARMUP, MEASURED, STOP }

    private final long warmupEndNanos;
    private final long measureEndNanos;
    private final long requestLimit;
    private final AtomicLong admitted = new AtomicLong();
    private volatile String stopReason;

    /**
     * @param measureEndNanos end of the measured duration, or {@link Long#MAX_VALUE} for none
     * @param requestLimit    measured requests to send, or {@link Long#MAX_VALUE} for no limit
     */
    public Admission(long warmupEndNanos, long measureEndNanos, long requestLimit) {
        this.warmupEndNanos = warmupEndNanos;
        this.measureEndNanos = measureEndNanos;
        this.requestLimit = requestLimit;
    }

    public Kind admit(long nowNanos) {
        if (stopReason != null) {
            return Kind.STOP;
        }
        if (nowNanos < warmupEndNanos) {
            return Kind.WARMUP;
        }
        if (nowNanos - measureEndNanos >= 0) {
            stop("duration");
            return Kind.STOP;
        }
        if (requestLimit != Long.MAX_VALUE && admitted.incrementAndGet() > requestLimit) {
            stop("requests");
            return Kind.STOP;
        }
        return Kind.MEASURED;
    }

    /** Stops issuing; the first reason given is kept. */
    public void stop(String reason) {
        if (stopReason == null) {
            synchronized (this) {
                if (stopReason == null) {
                    stopReason = reason;
                }
            }
        }
    }

    public boolean stopped() {
        return stopReason != null;
    }

    public String stopReason() {
        return stopReason;
    }

    public long warmupEndNanos() {
        return warmupEndNanos;
    }

    public long measureEndNanos() {
        return measureEndNanos;
    }
}
