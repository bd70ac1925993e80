package io.llmload.stats;

import io.llmload.result.Summary;
import io.llmload.result.Throughput;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * One line of a comparison: how to read the value from a summary, which direction is better,
 * and, for latency percentiles, which histogram and quantile back it (for the noise test).
 *
 * @param unit      "ms", "/s", "%" (a fraction shown as percent) or "" (a count)
 * @param histogram the report histogram behind the value, or null
 * @param quantile  the quantile (0..1) the value is of that histogram, or NaN
 */
public record CompareMetric(String label, String unit, Better better, Function<Summary, Double> value, String histogram,
                            double quantile) {

    /** Which way a change is an improvement. */
    public enum Better { LOWER, HIGHER, NEITHER }

    private static final List<String> STATS = List.of("p50", "p90", "p99");

    /** The metrics compared for the whole run (with histograms). */
    public static List<CompareMetric> overall() {
        List<CompareMetric> list = new ArrayList<>();
        list.add(new CompareMetric("requests", "", Better.NEITHER, s -> s.requests() == null ? null : (double) s.requests().total(),
                null, Double.NaN));
        list.add(errorRate());
        list.add(rate("requests/s", Throughput::requestsPerS));
        list.add(rate("output tokens/s", Throughput::outputTokensPerS));
        list.add(rate("total tokens/s", Throughput::totalTokensPerS));
        for (String metric : Summary.LATENCY_METRICS) {
            List<String> stats = metric.equals("schedule_lag") ? List.of("p50", "p99") : STATS;
            for (String stat : stats) {
                list.add(latency(metric, stat));
            }
        }
        return list;
    }

    /** The shorter list shown for each sweep point and variant (their summaries carry no histograms). */
    public static List<CompareMetric> headline() {
        return List.of(errorRate(), rate("output tokens/s", Throughput::outputTokensPerS),
                latency("ttft", "p50"), latency("ttft", "p99"), latency("itl", "p50"), latency("itl", "p99"),
                latency("e2e", "p99"));
    }

    private static CompareMetric errorRate() {
        return new CompareMetric("error rate", "%", Better.LOWER, s -> s.requests() == null ? null : s.requests().errorRate(),
                null, Double.NaN);
    }

    private static CompareMetric rate(String label, ToDoubleFunction<Throughput> field) {
        return new CompareMetric(label, "/s", Better.HIGHER, s -> s.throughput() == null ? null : field.applyAsDouble(s.throughput()),
                null, Double.NaN);
    }

    private static CompareMetric latency(String metric, String stat) {
        double q = Double.parseDouble(stat.substring(1)) / 100.0;
        return new CompareMetric(metric + " " + stat, "ms", Better.LOWER,
                s -> s.latencyMs() == null || s.latency(metric).count() == 0 || !s.latencyMetrics().contains(metric) ? null
                        : s.latency(metric).stat(stat), metric, q);
    }

    /** The value in a summary, or null when the summary (e.g. from an older report) lacks it. */
    public Double read(Summary s) {
        return s == null ? null : value.apply(s);
    }
}
