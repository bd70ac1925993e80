package io.llmload.result;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A summary flattened into named values, keyed as thresholds name them (ttft.p99, error_rate,
 * output_tokens_per_s, ...): what repeat statistics, variant comparisons and baselines compare.
 */
public final class MetricValues {
    /** Latency statistics compared across runs. */
    public static final List<String> LATENCY_STATS = List.of("p50", "p90", "p99", "mean");

    private MetricValues() {
    }

    public static Map<String, Double> of(Summary s) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String metric : Summary.LATENCY_METRICS) {
            LatencyStats l = s.latency(metric);
            if (l.count() == 0) {
                continue;
            }
            for (String stat : LATENCY_STATS) {
                out.put(metric + "." + stat, l.stat(stat));
            }
        }
        out.put("requests_per_s", s.throughput().requestsPerS());
        out.put("output_tokens_per_s", s.throughput().outputTokensPerS());
        out.put("total_tokens_per_s", s.throughput().totalTokensPerS());
        out.put("error_rate", s.requests().errorRate());
        if (s.goodput() != null) {
            out.put("goodput_per_s", s.goodput().requestsPerS());
        }
        return out;
    }

    /** True when a larger value is better (throughputs); false for latencies and error rates. */
    public static boolean higherIsBetter(String key) {
        return key.endsWith("_per_s");
    }
}
