package io.llmload.result;

/** Distribution of one latency metric, in milliseconds. {@code count} is the number of samples. */
public record LatencyStats(long count, double min, double mean, double p50, double p90, double p95, double p99,
                           double p999, double max) {

    public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** A statistic by its threshold name (p50, p90, p95, p99, p999, mean, min, max), or NaN. */
    public double stat(String name) {
        return switch (name) {
            case "p50" -> p50;
            case "p90" -> p90;
            case "p95" -> p95;
            case "p99" -> p99;
            case "p999" -> p999;
            case "mean" -> mean;
            case "min" -> min;
            case "max" -> max;
            case "count" -> count;
            default -> Double.NaN;
        };
    }
}
