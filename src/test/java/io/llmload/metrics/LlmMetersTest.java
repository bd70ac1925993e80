package io.llmload.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.result.LatencyStats;
import io.llmload.result.RequestCounts;
import io.llmload.result.Summary;
import io.llmload.result.Throughput;
import io.llmload.result.TimePoint;
import io.llmload.result.TokenCounts;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The meters fed from snapshots, read back through the real Prometheus text and our parser. */
class LlmMetersTest {
    private static final Map<String, String> LABELS = Map.of("scenario", "s", "target", "embedded", "model", "m",
            "variant", "default", "point", "default");

    private static IntervalSnapshot snapshot(double elapsedS, Map<Metric, Histogram> h, long ok, long failed, Map<String, Long> errors,
                                             long in, long out, int inFlight) {
        TimePoint p = new TimePoint(elapsedS, false, 0, 0, ok + failed, ok, failed, 0, out, inFlight, 0, 0, 0, 0, 0, 0);
        return new IntervalSnapshot(p, elapsedS, h, ok, failed, errors, in, out, 0, inFlight, 0);
    }

    @Test
    void countersBucketsAndQuantilesMatchTheHistogramsTheyWereFedFrom() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        LlmMeters meters = new LlmMeters(registry, MeterLabels.of("s", "embedded", "m"));
        meters.target(8, 0);
        Random random = new Random(3);
        Map<Metric, Histogram> cumulative = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            cumulative.put(m, Histograms.create());
        }
        long ok = 0;
        for (int second = 1; second <= 5; second++) {
            Map<Metric, Histogram> interval = new EnumMap<>(Metric.class);
            for (Metric m : Metric.values()) {
                Histogram h = Histograms.create();
                for (int i = 0; i < 200; i++) {
                    // log-uniform from 100 µs to 20 s: every bucket range gets values
                    h.recordValue((long) Math.exp(Math.log(100) + random.nextDouble() * Math.log(200_000)));
                }
                interval.put(m, h);
                cumulative.get(m).add(h);
            }
            ok += 20;
            meters.record(snapshot(second, interval, 20, 2, Map.of("http_429", 1L, "timeout_first_token", 1L), 100, 300, 8));
        }
        Exposition e = ExpositionParser.parse(registry.scrape());

        assertThat(PrometheusText.value(e, "llmload_requests_total", with("outcome", "succeeded"))).isEqualTo(ok);
        assertThat(PrometheusText.value(e, "llmload_requests_total", with("outcome", "failed"))).isEqualTo(10);
        assertThat(PrometheusText.value(e, "llmload_request_errors_total", with("kind", "http_429"))).isEqualTo(5);
        assertThat(PrometheusText.value(e, "llmload_input_tokens_total", LABELS)).isEqualTo(500);
        assertThat(PrometheusText.value(e, "llmload_output_tokens_total", LABELS)).isEqualTo(1500);
        assertThat(PrometheusText.value(e, "llmload_in_flight_requests", LABELS)).isEqualTo(8);
        assertThat(PrometheusText.value(e, "llmload_achieved_rate_requests_per_second", LABELS)).isEqualTo(22);
        assertThat(PrometheusText.value(e, "llmload_output_tokens_per_second", LABELS)).isEqualTo(300);
        assertThat(PrometheusText.value(e, "llmload_target_concurrency_users", LABELS)).isEqualTo(8);
        assertThat(PrometheusText.value(e, "llmload_run_finished", LABELS)).isZero();

        for (Metric m : Metric.values()) {
            String name = "llmload_" + m.key() + "_seconds";
            Histogram h = cumulative.get(m);
            List<double[]> buckets = PrometheusText.buckets(e, name, LABELS);
            double[] bounds = LatencyBuckets.of(m);
            assertThat(buckets).as(name).hasSize(bounds.length + 1);
            for (int i = 0; i < bounds.length; i++) {
                assertThat(buckets.get(i)[0]).isEqualTo(bounds[i]);
                long expected = countAtOrBelow(h, bounds[i]);
                assertThat((long) buckets.get(i)[1]).as(name + " le=" + bounds[i]).isEqualTo(expected);
            }
            assertThat(buckets.get(bounds.length)[1]).isEqualTo(h.getTotalCount());
            assertThat(PrometheusText.value(e, name + "_count", LABELS)).isEqualTo(h.getTotalCount());
            // What histogram_quantile says lies in the same bucket as the report's percentile.
            LatencyStats stats = MetricsCollector.stats(h);
            for (double[] qp : new double[][] {{0.5, stats.p50()}, {0.9, stats.p90()}, {0.99, stats.p99()}}) {
                double[] q = PrometheusText.quantile(qp[0], buckets);
                assertThat(qp[1] / 1000).as(name + " q" + qp[0]).isBetween(q[1], q[2]);
            }
        }
    }

    @Test
    void completeCountsRequestsCutOffOrAbandonedAndMarksTheRunFinished() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        LlmMeters meters = new LlmMeters(registry, MeterLabels.of("s", "embedded", "m"));
        Map<Metric, Histogram> none = new EnumMap<>(Metric.class);
        meters.record(snapshot(1, none, 3, 0, Map.of(), 0, 30, 2));
        // 3 succeeded, 2 cut off and 2 abandoned by their users (1 before its first token)
        Summary summary = new Summary(new RequestCounts(7, 3, 0, 2, 0, Map.of(), Map.of(), 0, Map.of(), 2, 1),
                new TokenCounts(0, 30, "usage", Map.of()), new Throughput(0, 0, 0), null, Map.of(), List.of());
        meters.complete(summary);
        Exposition e = ExpositionParser.parse(registry.scrape());
        assertThat(PrometheusText.value(e, "llmload_requests_total", with("outcome", "incomplete"))).isEqualTo(2);
        assertThat(PrometheusText.value(e, "llmload_requests_total", with("outcome", "cancelled"))).isEqualTo(2);
        assertThat(PrometheusText.value(e, "llmload_run_finished", LABELS)).isEqualTo(1);
        assertThat(PrometheusText.value(e, "llmload_in_flight_requests", LABELS)).isZero();
    }

    @Test
    void anApiWithoutATokenStreamHasNoTokenSeriesNotSeriesAtZero() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        LlmMeters meters = new LlmMeters(registry, MeterLabels.of("s", "embedded", "m"), false);
        Map<Metric, Histogram> interval = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            Histogram h = Histograms.create();
            h.recordValue(80_000); // a snapshot's empty token histograms must not bring the series back
            interval.put(m, h);
        }
        meters.record(snapshot(1, interval, 10, 0, Map.of(), 1500, 0, 4));
        String text = registry.scrape();
        Exposition e = ExpositionParser.parse(text);

        assertThat(PrometheusText.value(e, "llmload_e2e_seconds_count", LABELS)).isEqualTo(1);
        assertThat(PrometheusText.value(e, "llmload_input_tokens_total", LABELS)).isEqualTo(1500);
        assertThat(PrometheusText.value(e, "llmload_input_tokens_per_second", LABELS)).isEqualTo(1500);
        assertThat(text).doesNotContain("llmload_ttft_seconds").doesNotContain("llmload_ttfat_seconds")
                .doesNotContain("llmload_itl_seconds").doesNotContain("llmload_tpot_seconds")
                .doesNotContain("llmload_output_tokens").doesNotContain("llmload_reasoning_tokens");

        // a token API beside it in the same registry still has every series
        new LlmMeters(registry, MeterLabels.of("s", "embedded", "m").with("chat", "default")).record(snapshot(1, interval, 1, 0, Map.of(), 0, 8, 0));
        Exposition both = ExpositionParser.parse(registry.scrape());
        assertThat(PrometheusText.value(both, "llmload_ttft_seconds_count", with("variant", "chat"))).isEqualTo(1);
        assertThat(PrometheusText.value(both, "llmload_output_tokens_total", with("variant", "chat"))).isEqualTo(8);
    }

    @Test
    void anotherVariantOrPointIsAnotherSetOfSeries() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MeterLabels base = MeterLabels.of("s", "embedded", "m");
        new LlmMeters(registry, base).record(snapshot(1, Map.of(), 4, 0, Map.of(), 0, 0, 0));
        new LlmMeters(registry, base.with("fp8", "concurrency=16")).record(snapshot(1, Map.of(), 7, 0, Map.of(), 0, 0, 0));
        Exposition e = ExpositionParser.parse(registry.scrape());
        assertThat(PrometheusText.value(e, "llmload_requests_total", with("outcome", "succeeded"))).isEqualTo(4);
        assertThat(PrometheusText.value(e, "llmload_requests_total", Map.of("outcome", "succeeded", "variant", "fp8",
                "point", "concurrency=16"))).isEqualTo(7);
    }

    /** Values whose recorded (highest equivalent) value is at most {@code seconds}, as the meters record them. */
    private static long countAtOrBelow(Histogram h, double seconds) {
        long n = 0;
        for (var v : h.recordedValues()) {
            if (v.getValueIteratedTo() <= Math.round(seconds * 1e6)) {
                n += v.getCountAtValueIteratedTo();
            }
        }
        return n;
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> m = new java.util.HashMap<>(LABELS);
        m.put(key, value);
        return m;
    }
}
