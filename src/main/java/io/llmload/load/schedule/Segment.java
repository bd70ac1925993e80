package io.llmload.load.schedule;

/**
 * A stretch of the load profile: from {@code startNanos} for {@code durationNanos}, the level
 * (concurrency, or rate in requests per second) goes linearly from {@code from} to {@code to}
 * (equal for a step). {@code stage} is the index of the scenario stage it belongs to, -1 for warmup.
 */
public record Segment(long startNanos, long durationNanos, double from, double to, int stage) {

    public long endNanos() {
        return startNanos + durationNanos;
    }

    /** The level at {@code tNanos} (clamped to the segment). */
    public double levelAt(long tNanos) {
        if (durationNanos <= 0 || from == to) {
            return to;
        }
        double f = Math.max(0, Math.min(1, (double) (tNanos - startNanos) / durationNanos));
        return from + (to - from) * f;
    }

    /** Requests the segment holds at a rate level: the integral of the rate over it (seconds × req/s). */
    public double area() {
        return (from + to) / 2 * durationNanos / 1e9;
    }

    /**
     * The offset in nanoseconds after {@code startNanos} at which the integral of the rate reaches
     * {@code u} (0 <= u <= {@link #area()}): the inverse of a linear or quadratic cumulative.
     */
    public long offsetForArea(double u) {
        double d = durationNanos / 1e9;
        double slope = (to - from) / d;
        double seconds;
        if (Math.abs(slope) < 1e-12) {
            seconds = from == 0 ? d : u / from;
        } else {
            // from*s + slope*s^2/2 = u  ->  s = (-from + sqrt(from^2 + 2*slope*u)) / slope
            double disc = Math.max(0, from * from + 2 * slope * u);
            seconds = (-from + Math.sqrt(disc)) / slope;
        }
        return Math.max(0, Math.min(durationNanos, Math.round(seconds * 1e9)));
    }
}
