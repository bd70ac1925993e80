package io.llmload.cluster;

import io.llmload.metrics.Histograms;
import io.llmload.metrics.IntervalSnapshot;
import io.llmload.metrics.Metric;
import io.llmload.metrics.MetricsCollector;
import io.llmload.result.LatencyStats;
import io.llmload.result.RequestCounts;
import io.llmload.result.Summary;
import io.llmload.result.Throughput;
import io.llmload.result.TokenCounts;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The whole cluster's measured results so far, added up from the merged seconds, so that
 * abort_on_fail thresholds can stop a distributed trial as they stop a local one. It holds what
 * those thresholds read (request counts, errors, dropped, latency histograms for max and min);
 * rates are left at zero, as no early stop reads them. Thread contract: the coordinator's event loop.
 */
final class MergedSoFar {
    private final Map<Metric, Histogram> histograms = new EnumMap<>(Metric.class);
    private final Map<String, Long> errors = new TreeMap<>();
    private long succeeded;
    private long failed;
    private long dropped;
    private long input;
    private long output;

    MergedSoFar() {
        for (Metric m : Metric.values()) {
            histograms.put(m, Histograms.create());
        }
    }

    void add(IntervalSnapshot s) {
        s.histograms().forEach((m, h) -> histograms.get(m).add(h));
        s.errors().forEach((kind, n) -> errors.merge(kind, n, Long::sum));
        succeeded += s.succeeded();
        failed += s.failed();
        dropped += s.dropped();
        input += s.inputTokens();
        output += s.outputTokens();
    }

    Summary summary() {
        Map<String, LatencyStats> latency = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            latency.put(m.key(), MetricsCollector.stats(histograms.get(m)));
        }
        return new Summary(new RequestCounts(succeeded + failed, succeeded, failed, 0, dropped, Map.copyOf(errors), Map.of()),
                new TokenCounts(input, output, "usage", Map.of()), new Throughput(0, 0, 0), null, latency, List.of());
    }
}
