package io.llmload.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.result.LatencyStats;
import io.llmload.result.RequestCounts;
import io.llmload.result.Summary;
import io.llmload.result.Throughput;
import io.llmload.result.TokenCounts;
import io.llmload.result.TurnStats;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Repeats and sequential variants merge their conversation turns: counts added, means weighted, latencies from the summed histograms. */
class SummaryMergerTurnsTest {

    private static String histogram(long... micros) {
        Histogram h = Histograms.create();
        for (long v : micros) {
            h.recordValue(v);
        }
        return Histograms.encode(h);
    }

    private static Summary summary(long cancelled, List<TurnStats> turns) {
        long ok = turns.stream().mapToLong(TurnStats::succeeded).sum();
        return new Summary(new RequestCounts(ok + cancelled, ok, 0, 0, 0, Map.of(), Map.of(), 0, Map.of(), cancelled, cancelled),
                new TokenCounts(0, 0, "usage", Map.of("usage", ok)), new Throughput(0, 0, 0), null, Map.of(), List.of(), turns);
    }

    private static TurnStats turn(int t, long ok, double inputMean) {
        return new TurnStats(t, ok, ok, 0, 0, 0, inputMean, 10.0, LatencyStats.EMPTY, LatencyStats.EMPTY);
    }

    @Test
    void turnsAreMergedTurnByTurn() {
        SummaryMerger.Part a = new SummaryMerger.Part(summary(1, List.of(turn(1, 2, 100))),
                Map.of(MetricsCollector.turnKey(1, "ttft"), histogram(10_000, 20_000), MetricsCollector.turnKey(1, "e2e"), histogram(50_000, 60_000)),
                1.0);
        SummaryMerger.Part b = new SummaryMerger.Part(summary(2, List.of(turn(1, 1, 130), turn(2, 1, 160))),
                Map.of(MetricsCollector.turnKey(1, "ttft"), histogram(30_000), MetricsCollector.turnKey(1, "e2e"), histogram(70_000),
                        MetricsCollector.turnKey(2, "ttft"), histogram(40_000), MetricsCollector.turnKey(2, "e2e"), histogram(80_000)),
                1.0);
        Summary merged = SummaryMerger.merge(List.of(a, b));
        assertThat(merged.requests().cancelled()).isEqualTo(3);
        assertThat(merged.requests().cancelledBeforeFirstToken()).isEqualTo(3);
        assertThat(merged.requests().total()).isEqualTo(7);
        List<TurnStats> turns = merged.turns();
        assertThat(turns).hasSize(2);
        assertThat(turns.get(0).requests()).isEqualTo(3);
        assertThat(turns.get(0).inputTokensMean()).isEqualTo(110.0);
        assertThat(turns.get(0).ttft().count()).isEqualTo(3);
        assertThat(turns.get(0).ttft().max()).isEqualTo(30.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(turns.get(1).requests()).isEqualTo(1);
        assertThat(turns.get(1).inputTokensMean()).isEqualTo(160.0);
        assertThat(turns.get(1).e2e().p50()).isEqualTo(80.0, org.assertj.core.data.Offset.offset(0.1));
        // without conversations there is no turns entry at all
        Summary plain = new Summary(new RequestCounts(0, 0, 0, 0, 0, Map.of(), Map.of()), new TokenCounts(0, 0, "usage", Map.of()),
                new Throughput(0, 0, 0), null, Map.of(), List.of());
        assertThat(SummaryMerger.merge(List.of(new SummaryMerger.Part(plain, Map.of(), 1.0), new SummaryMerger.Part(plain, Map.of(), 1.0)))
                .turns()).isNull();
    }
}
