package io.llmload.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.metrics.Histograms;
import io.llmload.metrics.IntervalSnapshot;
import io.llmload.metrics.Metric;
import io.llmload.result.RequestCounts;
import io.llmload.result.Summary;
import io.llmload.result.Throughput;
import io.llmload.result.TimePoint;
import io.llmload.result.TokenCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class IntervalMergerTest {
    private final List<IntervalSnapshot> live = new ArrayList<>();

    private IntervalMerger merger(String... agents) {
        return new IntervalMerger(new LinkedHashSet<>(List.of(agents)), live::add);
    }

    private static IntervalMessage second(String agent, int seq, int requests, long seed, boolean last) {
        return IntervalMessage.of("t", agent, seq, last, IntervalMessageCodecTest.busySecond(requests, seed));
    }

    @Test
    void aSecondIsEmittedWhenEveryAgentSentItWithHistogramsAdded() {
        IntervalMerger m = merger("a", "b");
        IntervalMessage a1 = second("a", 1, 30, 1, false);
        IntervalMessage b1 = second("b", 1, 50, 2, false);
        m.add(a1);
        assertThat(live).as("waits for b").isEmpty();
        m.add(b1);
        assertThat(live).hasSize(1);
        IntervalSnapshot s = live.get(0);
        Histogram oracle = Histograms.create();
        oracle.add(a1.decodeHistograms().get(Metric.TTFT));
        oracle.add(b1.decodeHistograms().get(Metric.TTFT));
        assertThat(s.histograms().get(Metric.TTFT)).isEqualTo(oracle);
        TimePoint p = m.series().get(0);
        assertThat(p.requests()).isEqualTo(80);
        assertThat(p.outputTokens()).isEqualTo(80 * 128);
        assertThat(p.inFlight()).isEqualTo(128);
        assertThat(p.target()).isEqualTo(128.0);
        assertThat(p.ttftP99Ms()).isEqualTo(oracle.getValueAtPercentile(99) / 1000.0);
        assertThat(p.ttftP50Ms()).isEqualTo(oracle.getValueAtPercentile(50) / 1000.0);
        assertThat(s.succeeded()).isEqualTo(80);
    }

    @Test
    void aSlowAgentHoldsTheViewUpForAFewSecondsOnlyAndItsLateSecondStillCounts() {
        IntervalMerger m = merger("a", "b");
        for (int seq = 1; seq <= IntervalMerger.MAX_LAG; seq++) {
            m.add(second("a", seq, 10, seq, false));
        }
        assertThat(live).as("a is ahead by " + (IntervalMerger.MAX_LAG - 1) + " seconds").isEmpty();
        m.add(second("a", IntervalMerger.MAX_LAG + 1, 10, 9, false));
        assertThat(live).hasSize(1);
        m.add(second("b", 1, 7, 10, false));
        assertThat(m.lateIntervals()).isEqualTo(1);
        assertThat(m.series().get(0).requests()).as("b's late second joins the counts").isEqualTo(17);
        assertThat(m.running("b").succeeded).isEqualTo(7);
    }

    @Test
    void aResultThatOvertakesItsLastIntervalSettlesWhatTheIntervalsDidNotBring() {
        IntervalMerger m = merger("a", "b");
        m.add(second("a", 1, 30, 1, true));
        IntervalSnapshot bSecond = IntervalMessageCodecTest.busySecond(50, 2);
        // b's result arrives before b's only interval, which the coordinator then ignores
        m.forget("b");
        assertThat(live).hasSize(1);
        Map<String, String> encoded = new HashMap<>();
        bSecond.histograms().forEach((metric, h) -> encoded.put(metric.key(), Histograms.encode(h)));
        Summary result = new Summary(new RequestCounts(bSecond.succeeded() + bSecond.failed(), bSecond.succeeded(), bSecond.failed(), 0,
                bSecond.dropped(), bSecond.errors(), Map.of()), new TokenCounts(bSecond.inputTokens(), bSecond.outputTokens(), "usage", Map.of()),
                new Throughput(0, 0, 0), null, Map.of(), List.of());
        m.settle("b", result, encoded);
        assertThat(live).hasSize(2);
        IntervalSnapshot settled = live.get(1);
        assertThat(settled.succeeded()).isEqualTo(bSecond.succeeded()).isPositive();
        assertThat(settled.outputTokens()).isEqualTo(bSecond.outputTokens());
        assertThat(settled.histograms().get(Metric.TTFT)).isEqualTo(bSecond.histograms().get(Metric.TTFT));
        assertThat(m.series().get(0).succeeded()).isEqualTo(live.get(0).succeeded() + bSecond.succeeded());
        // settling again (or for an agent whose intervals all came) adds nothing
        m.settle("b", result, encoded);
        m.settle("a", new Summary(new RequestCounts(30, live.get(0).succeeded(), live.get(0).failed(), 0, 0, live.get(0).errors(), Map.of()),
                new TokenCounts(live.get(0).inputTokens(), live.get(0).outputTokens(), "usage", Map.of()), new Throughput(0, 0, 0), null,
                Map.of(), List.of()), Map.of());
        assertThat(live).hasSize(2);
    }

    @Test
    void aLostOrFinishedAgentIsNotWaitedFor() {
        IntervalMerger m = merger("a", "b", "c");
        m.add(second("a", 1, 10, 1, false));
        m.add(second("b", 1, 10, 2, true)); // b's run ended: its last, partial second
        assertThat(live).isEmpty();
        m.forget("c");
        assertThat(live).hasSize(1);
        m.add(second("a", 2, 10, 3, false));
        assertThat(live).as("b is done, c lost: a alone completes second 2").hasSize(2);
        m.add(second("a", 3, 4, 4, true));
        m.flush();
        assertThat(m.series()).hasSize(3);
        assertThat(m.series().stream().mapToLong(TimePoint::requests).sum()).isEqualTo(34);
    }

    @Test
    void runningTotalsStandInForALostAgent() {
        IntervalMerger m = merger("a");
        IntervalMessage s1 = second("a", 1, 12, 1, false);
        IntervalMessage s2 = second("a", 2, 8, 2, false);
        m.add(s1);
        m.add(s2);
        IntervalMerger.Running r = m.running("a");
        assertThat(r.succeeded).isEqualTo(20);
        assertThat(r.output).isEqualTo(20 * 128);
        Histogram oracle = Histograms.create();
        oracle.add(s1.decodeHistograms().get(Metric.ITL));
        oracle.add(s2.decodeHistograms().get(Metric.ITL));
        assertThat(r.histograms.get(Metric.ITL)).isEqualTo(oracle);
        assertThat(r.elapsedS).isEqualTo(3.0);
    }
}
