package io.llmload.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, for each request about to start, whether it is a warmup request, a measured one, or
 * whether its lane has stopped issuing: warmup until the clock's warmup end, then measured until
 * the measured time ends or the lane's request budget is spent, whichever comes first. The closed
 * model asks with the current time; the open model with each arrival's intended time.
 *
 * <p>Thread contract: one per lane, shared by that lane's drivers; lock-free.
 */
public final class Admission {
    /** What a request about to start is. */
    public enum Kind { WARMUP, MEASURED, STOP }

    private final RunClock clock;
    private final long requestLimit;
    private final AtomicLong admitted = new AtomicLong();
    private volatile String stopReason;

    /** @param requestLimit measured requests to send, or {@link Long#MAX_VALUE} for no limit */
    public Admission(RunClock clock, long requestLimit) {
        this.clock = clock;
        this.requestLimit = requestLimit;
    }

    public Kind admit(long atNanos) {
        if (stopReason != null) {
            return Kind.STOP;
        }
        if (atNanos - clock.warmupEndNanos() < 0 || clock.warmupEndNanos() == Long.MAX_VALUE) {
            return Kind.WARMUP;
        }
        long measureEnd = clock.measureEndNanos();
        if (measureEnd != Long.MAX_VALUE && atNanos - measureEnd >= 0) {
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
    public synchronized void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    public boolean stopped() {
        return stopReason != null;
    }

    public String stopReason() {
        return stopReason;
    }

    public RunClock clock() {
        return clock;
    }
}
