package io.llmload.load.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * The planned load over a run as consecutive {@link Segment}s: the warmup (at the first stage's
 * level) and then each stage, step or linear ramp. Times are offsets from the run's start. A
 * closed model reads {@link #levelAt} as a concurrency; an open model reads it as a rate and
 * {@link FireTimes} turns it into arrivals.
 *
 * <p>Immutable and thread-safe.
 */
public final class LoadProfile {
    private final List<Segment> segments;

    public LoadProfile(List<Segment> segments) {
        this.segments = List.copyOf(segments);
    }

    /** One stage of the scenario, as written: a duration, a level, and how to get there. */
    public record Stage(long durationNanos, double level, boolean linear) {
    }

    /**
     * Warmup at the first stage's level, then the stages; a linear ramp starts from the previous
     * stage's level (0 for the first stage).
     */
    public static LoadProfile of(long warmupNanos, List<Stage> stages) {
        List<Segment> out = new ArrayList<>();
        long t = 0;
        if (warmupNanos > 0 && !stages.isEmpty()) {
            double level = stages.get(0).level();
            out.add(new Segment(0, warmupNanos, level, level, -1));
            t = warmupNanos;
        }
        double previous = 0;
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            out.add(new Segment(t, s.durationNanos(), s.linear() ? previous : s.level(), s.level(), i));
            t += s.durationNanos();
            previous = s.level();
        }
        return new LoadProfile(out);
    }

    /** The same profile switched off outside this lane's slices: slice k belongs to lane k mod lanes. */
    public LoadProfile gated(long fromNanos, long sliceNanos, int lane, int lanes) {
        if (lanes <= 1) {
            return this;
        }
        List<Segment> out = new ArrayList<>();
        for (Segment s : segments) {
            long t = s.startNanos();
            while (t < s.endNanos()) {
                long slice = t < fromNanos ? -1 : (t - fromNanos) / sliceNanos;
                long end = t < fromNanos ? Math.min(s.endNanos(), fromNanos) : Math.min(s.endNanos(), fromNanos + (slice + 1) * sliceNanos);
                boolean on = slice < 0 || slice % lanes == lane;
                double a = s.levelAt(t);
                double b = s.levelAt(end);
                out.add(new Segment(t, end - t, on ? a : 0, on ? b : 0, s.stage()));
                t = end;
            }
        }
        return new LoadProfile(out);
    }

    public List<Segment> segments() {
        return segments;
    }

    public long endNanos() {
        return segments.isEmpty() ? 0 : segments.get(segments.size() - 1).endNanos();
    }

    /** The level at an offset; 0 before the start and after the end. */
    public double levelAt(long tNanos) {
        Segment s = segmentAt(tNanos);
        return s == null ? 0 : s.levelAt(tNanos);
    }

    /**
     * The stage index at an offset: -1 in warmup (and before the start); after the end — the drain,
     * whose requests the last stage sent — the last stage.
     */
    public int stageAt(long tNanos) {
        Segment s = segmentAt(tNanos);
        if (s != null) {
            return s.stage();
        }
        return segments.isEmpty() || tNanos < segments.get(0).startNanos() ? -1 : segments.get(segments.size() - 1).stage();
    }

    /** The largest level anywhere in the profile. */
    public double maxLevel() {
        return segments.stream().mapToDouble(s -> Math.max(s.from(), s.to())).max().orElse(0);
    }

    /** Integral of the rate between two offsets: the expected number of arrivals. */
    public double areaBetween(long fromNanos, long toNanos) {
        double sum = 0;
        for (Segment s : segments) {
            long a = Math.max(fromNanos, s.startNanos());
            long b = Math.min(toNanos, s.endNanos());
            if (b > a) {
                sum += (s.levelAt(a) + s.levelAt(b)) / 2 * (b - a) / 1e9;
            }
        }
        return sum;
    }

    private Segment segmentAt(long tNanos) {
        for (Segment s : segments) {
            if (tNanos >= s.startNanos() && tNanos < s.endNanos()) {
                return s;
            }
        }
        return null;
    }
}
