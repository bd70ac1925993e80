package io.llmload.load.schedule;

import java.util.List;

/**
 * The open model's arrival schedule: the offset (from the run's start) at which request i is
 * due, for i = 0, 1, 2, ... Arrival k happens when the profile's cumulative rate reaches the k-th
 * epoch of a unit-rate {@link ArrivalProcess} (the first at 0), so fire times are computed from
 * the start and the index, never from the last send: a client that falls behind does not shift
 * later arrivals. Same seed, same profile: same times.
 *
 * <p>Thread contract: an iterator, confined to one thread.
 */
public final class FireTimes {
    /** Returned by {@link #next()} when the profile has no more arrivals. */
    public static final long END = Long.MAX_VALUE;

    private final List<Segment> segments;
    private final ArrivalProcess process;
    private double epoch;
    private boolean started;
    private int segment;
    private double areaBefore;
    private long index = -1;

    public FireTimes(LoadProfile profile, ArrivalProcess process) {
        this.segments = profile.segments();
        this.process = process;
    }

    /** The index of the arrival last returned by {@link #next()}. */
    public long index() {
        return index;
    }

    /** The next arrival's offset in nanoseconds, or {@link #END}. */
    public long next() {
        if (started) {
            epoch += process.nextGap();
        }
        started = true;
        while (segment < segments.size()) {
            Segment s = segments.get(segment);
            double area = s.area();
            if (epoch < areaBefore + area) {
                index++;
                return s.startNanos() + s.offsetForArea(epoch - areaBefore);
            }
            areaBefore += area;
            segment++;
        }
        return END;
    }
}
