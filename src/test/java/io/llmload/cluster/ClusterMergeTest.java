package io.llmload.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.load.LaneResult;
import io.llmload.metrics.Histograms;
import io.llmload.metrics.Metric;
import io.llmload.metrics.MetricsCollector;
import io.llmload.result.ClusterInfo;
import io.llmload.result.LatencyStats;
import io.llmload.result.LoadInfo;
import io.llmload.result.RequestCounts;
import io.llmload.result.Summary;
import io.llmload.result.Throughput;
import io.llmload.result.TokenCounts;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Oracle tests: merged results equal what adding the agents' raw histograms and counters gives. */
class ClusterMergeTest {

    private static Map<Metric, Histogram> histograms(long seed, int n, long meanMicros) {
        Random r = new Random(seed);
        Map<Metric, Histogram> out = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            Histogram h = Histograms.create();
            for (int i = 0; i < n; i++) {
                h.recordValue(Math.max(1, meanMicros + (long) (r.nextGaussian() * meanMicros / 4)));
            }
            out.put(m, h);
        }
        return out;
    }

    private static AgentResult agent(String name, Map<Metric, Histogram> h, long ok, long failed, double measuredS) {
        Map<String, String> encoded = new LinkedHashMap<>();
        Map<String, LatencyStats> latency = new LinkedHashMap<>();
        h.forEach((m, x) -> {
            encoded.put(m.key(), Histograms.encode(x));
            latency.put(m.key(), MetricsCollector.stats(x));
        });
        Map<String, Long> errors = failed > 0 ? Map.of("http_500", failed) : Map.of();
        Summary s = new Summary(new RequestCounts(ok + failed, ok, failed, 0, 0, errors, failed > 0 ? Map.of("http_500", "boom") : Map.of()),
                new TokenCounts(ok * 100, ok * 128, "usage", Map.of("usage", ok)), new Throughput(ok / measuredS, ok * 128 / measuredS, 0),
                null, latency, List.of());
        LoadInfo load = new LoadInfo("closed", null, null, null, null, null, null, 8, false, null);
        return new AgentResult("t", name, 0, measuredS + 1, 1, measuredS, "duration", false, "http://x/v1", s, encoded, null,
                List.of(new LaneResult(name, s, encoded, measuredS, load)), load, null, List.of(), new AgentResult.Sent("cl100k_base", ok, 100, 0));
    }

    @Test
    void countsAndHistogramsAddAndRatesUseTheSharedWindow() {
        Map<Metric, Histogram> ha = histograms(1, 400, 150_000);
        Map<Metric, Histogram> hb = histograms(2, 300, 900_000); // a slower agent: its tail must show in the merged p99
        AgentResult a = agent("a", ha, 400, 3, 10.0);
        AgentResult b = agent("b", hb, 300, 0, 9.5);
        TrialOutcome out = ClusterMerge.merge(Instant.EPOCH, List.of(new ClusterMerge.Ending("a", a, null, 1),
                new ClusterMerge.Ending("b", b, null, 1)), List.of(), List.of());

        Summary s = out.run().summary();
        assertThat(s.requests().total()).isEqualTo(703);
        assertThat(s.requests().succeeded()).isEqualTo(700);
        assertThat(s.requests().errors()).containsEntry("http_500", 3L);
        assertThat(s.tokens().output()).isEqualTo(700 * 128);
        assertThat(out.run().measuredS()).as("agents measure side by side").isEqualTo(10.0);
        assertThat(s.throughput().requestsPerS()).isEqualTo(70.0);
        for (Metric m : Metric.values()) {
            Histogram oracle = Histograms.create();
            oracle.add(ha.get(m));
            oracle.add(hb.get(m));
            assertThat(Histograms.decode(out.run().histograms().get(m.key()))).as(m.key()).isEqualTo(oracle);
            assertThat(s.latency(m.key())).as(m.key()).isEqualTo(MetricsCollector.stats(oracle));
        }
        double averagedP99 = (a.summary().latency("ttft").p99() + b.summary().latency("ttft").p99()) / 2;
        assertThat(s.latency("ttft").p99()).as("never the average of percentiles").isNotEqualTo(averagedP99);
        assertThat(out.run().lanes()).hasSize(1);
        assertThat(out.run().lanes().get(0).summary().requests().total()).isEqualTo(703);
        assertThat(out.run().load().maxConcurrency()).isEqualTo(16);
        assertThat(out.sent().requests()).isEqualTo(700);
        assertThat(out.agents()).extracting(TrialOutcome.AgentPart::lost).containsExactly(false, false);
    }

    @Test
    void aLostAgentCountsWithWhatItStreamedAndItsGapIsKept() {
        Map<Metric, Histogram> ha = histograms(3, 200, 150_000);
        AgentResult a = agent("a", ha, 200, 0, 10.0);
        IntervalMerger merger = new IntervalMerger(new java.util.LinkedHashSet<>(List.of("c")), x -> { });
        IntervalMessage c1 = IntervalMessage.of("t", "c", 1, false, IntervalMessageCodecTest.busySecond(40, 5));
        merger.add(c1);
        ClusterInfo.Gap gap = new ClusterInfo.Gap("c", "2026-01-01T00:00:03Z", 3.0, 8.5, null, "left the cluster");
        TrialOutcome out = ClusterMerge.merge(Instant.EPOCH, List.of(new ClusterMerge.Ending("a", a, null, 1),
                new ClusterMerge.Ending("c", null, merger.running("c"), 1)), List.of(), List.of(gap));

        assertThat(out.run().summary().requests().succeeded()).isEqualTo(240);
        Histogram oracle = Histograms.create();
        oracle.add(ha.get(Metric.TTFT));
        oracle.add(c1.decodeHistograms().get(Metric.TTFT));
        assertThat(Histograms.decode(out.run().histograms().get("ttft"))).isEqualTo(oracle);
        assertThat(out.gaps()).containsExactly(gap);
        TrialOutcome.AgentPart lost = out.agents().get(1);
        assertThat(lost.lost()).isTrue();
        assertThat(lost.summary().requests().succeeded()).isEqualTo(40);
        assertThat(out.run().failure()).isNull();
    }

    @Test
    void everyAgentLostIsAFailedRun() {
        IntervalMerger merger = new IntervalMerger(new java.util.LinkedHashSet<>(List.of("a")), x -> { });
        TrialOutcome out = ClusterMerge.merge(Instant.EPOCH, List.of(new ClusterMerge.Ending("a", null, merger.running("a"), 0)),
                List.of(), List.of());
        assertThat(out.run().failure()).isEqualTo("every agent was lost");
    }
}
