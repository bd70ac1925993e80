package io.llmload.metrics;

/**
 * Bucket upper bounds (seconds) of the Prometheus latency histograms, chosen for LLM serving so
 * that {@code histogram_quantile} is useful from a fast local model to a slow remote one:
 * <ul>
 *   <li>{@link #REQUEST}: for TTFT, E2E and schedule lag, 1 ms to 5 min, about four buckets per
 *       factor of ten below 1 s and the 1-2-5 steps of minutes above; it contains every bound of
 *       vLLM's {@code vllm:time_to_first_token_seconds} up to 40 s so the client's and the server's
 *       histograms can be compared bucket by bucket;</li>
 *   <li>{@link #TOKEN}: for ITL and TPOT, 0.5 ms to 10 s, finer where token gaps live (5-100 ms);
 *       it contains vLLM's {@code vllm:time_per_output_token_seconds} bounds up to 10 s.</li>
 * </ul>
 * A quantile read from these buckets is exact to within the bucket that holds it.
 */
public final class LatencyBuckets {
    public static final double[] REQUEST = {
        0.001, 0.005, 0.01, 0.02, 0.03, 0.04, 0.06, 0.08, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75,
        1, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10, 15, 20, 30, 40, 60, 120, 300};
    public static final double[] TOKEN = {
        0.0005, 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.075, 0.1,
        0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5, 5, 7.5, 10};

    private LatencyBuckets() {
    }

    /** The bounds for one metric. */
    public static double[] of(Metric metric) {
        return metric == Metric.ITL || metric == Metric.TPOT ? TOKEN.clone() : REQUEST.clone();
    }
}
