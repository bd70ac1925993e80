package io.llmload.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * llmload's latency histograms in a {@link PrometheusMeterRegistry}: classic Prometheus
 * histograms ({@code llmload_ttft_seconds_bucket}, {@code _count}, {@code _sum}) with the bounds
 * of {@link LatencyBuckets}, one series per {@link MeterLabels}. They are fed whole interval
 * HdrHistograms, at a cost that grows with the number of distinct values, not with the number of
 * tokens: a Micrometer timer can only take values one by one, which for ITL is one call per token
 * and cost the client about a tenth of its throughput. Served through the registry's own
 * Prometheus registry, so they appear in the same scrape as every Micrometer meter.
 *
 * <p>Thread contract: thread-safe (synchronized); fed by the meters' thread, read by scrapes.
 */
final class LatencyHistograms implements MultiCollector {
    private static final Map<PrometheusMeterRegistry, LatencyHistograms> BY_REGISTRY = new WeakHashMap<>();
    private static final Map<Metric, String> HELP = Map.of(
            Metric.TTFT, "time to first token of succeeded measured requests",
            Metric.TTFAT, "time to first answer token (content or tool call, past any reasoning)",
            Metric.ITL, "gaps between consecutive content chunks",
            Metric.TPOT, "per request, (e2e - ttft) / (output_tokens - 1)",
            Metric.E2E, "request start to the end of the response",
            Metric.SCHEDULE_LAG, "actual send minus intended start",
            Metric.POOL_WAIT, "wait for a pooled connection (requests that reused one)",
            Metric.CONNECT, "opening a new connection: TCP connect and TLS handshake (requests that opened one)",
            Metric.HEADERS, "request sent to response headers");

    private final Map<Labels, Map<Metric, Series>> series = new LinkedHashMap<>();

    /** One cumulative histogram: per-bucket counts (the last is +Inf), their total and the sum of values. */
    private static final class Series {
        final double[] boundsS;
        final long[] boundsMicros;
        final long[] counts;
        double sumS;

        Series(double[] bounds) {
            boundsS = Arrays.copyOf(bounds, bounds.length + 1);
            boundsS[bounds.length] = Double.POSITIVE_INFINITY;
            boundsMicros = Arrays.stream(bounds).mapToLong(b -> Math.round(b * 1e6)).toArray();
            counts = new long[bounds.length + 1];
        }

        void add(Histogram h) {
            for (HistogramIterationValue v : h.recordedValues()) {
                // The bucket's highest equivalent value, as the report's percentiles use.
                long micros = v.getValueIteratedTo();
                long n = v.getCountAtValueIteratedTo();
                int i = Arrays.binarySearch(boundsMicros, micros);
                counts[i >= 0 ? i : -i - 1] += n;
                sumS += micros / 1e6 * n;
            }
        }
    }

    private LatencyHistograms() {
    }

    /** The collector of this registry, registered on first use. */
    static LatencyHistograms of(PrometheusMeterRegistry registry) {
        synchronized (BY_REGISTRY) {
            return BY_REGISTRY.computeIfAbsent(registry, r -> {
                LatencyHistograms h = new LatencyHistograms();
                r.getPrometheusRegistry().register(h);
                return h;
            });
        }
    }

    /**
     * Adds a series set for these labels, all counts 0, so a first scrape already shows them; only
     * {@code metrics} get a series (an API without a token stream has no TTFT to show).
     */
    synchronized void register(Labels labels, Set<Metric> metrics) {
        series.computeIfAbsent(labels, l -> {
            Map<Metric, Series> m = new EnumMap<>(Metric.class);
            for (Metric metric : metrics) {
                m.put(metric, new Series(LatencyBuckets.of(metric)));
            }
            return m;
        });
    }

    synchronized void add(Labels labels, Metric metric, Histogram interval) {
        Series s = series.get(labels).get(metric);
        if (s != null) {
            s.add(interval);
        }
    }

    @Override
    public synchronized MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            List<HistogramSnapshot.HistogramDataPointSnapshot> points = new ArrayList<>();
            series.forEach((labels, byMetric) -> {
                Series s = byMetric.get(metric);
                if (s == null) {
                    return;
                }
                points.add(new HistogramSnapshot.HistogramDataPointSnapshot(ClassicHistogramBuckets.of(s.boundsS, s.counts.clone()),
                        s.sumS, labels, Exemplars.EMPTY, 0));
            });
            if (points.isEmpty()) {
                continue;
            }
            out.add(new HistogramSnapshot(new MetricMetadata("llmload_" + metric.key() + "_seconds", HELP.get(metric), Unit.SECONDS), points));
        }
        return new MetricSnapshots(out);
    }

    @Override
    public List<String> getPrometheusNames() {
        return Arrays.stream(Metric.values()).map(m -> "llmload_" + m.key() + "_seconds").toList();
    }
}
