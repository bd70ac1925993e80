package io.llmload.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.metrics.Histograms;
import io.llmload.metrics.IntervalSnapshot;
import io.llmload.metrics.Metric;
import io.llmload.result.TimePoint;
import io.llmload.text.Format;
import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The live status line is a pure function of a snapshot and the running totals. */
class StatusLineTest {

    /** One interval ending at {@code elapsedS}, {@code dt} long, with the given counts and TTFT values (ms). */
    static IntervalSnapshot snapshot(double elapsedS, boolean warmup, long succeeded, long failed, long tokens, int inFlight, long... ttftMs) {
        Map<Metric, Histogram> hist = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            hist.put(m, Histograms.create());
        }
        for (long v : ttftMs) {
            hist.get(Metric.TTFT).recordValue(v * 1000);
        }
        Histogram t = hist.get(Metric.TTFT);
        double p50 = t.getTotalCount() == 0 ? 0 : t.getValueAtPercentile(50) / 1000.0;
        double p99 = t.getTotalCount() == 0 ? 0 : t.getValueAtPercentile(99) / 1000.0;
        TimePoint p = Records.build(TimePoint.class, Map.of("t", elapsedS, "warmup", warmup, "requests", succeeded + failed,
                "succeeded", succeeded, "errors", failed, "outputTokens", tokens, "inFlight", inFlight, "ttftP50Ms", p50, "ttftP99Ms", p99));
        return Records.build(IntervalSnapshot.class, Map.of("point", p, "elapsedS", elapsedS, "histograms", hist,
                "succeeded", warmup ? 0L : succeeded, "failed", warmup ? 0L : failed, "outputTokens", tokens, "inFlight", inFlight));
    }

    @Test
    void progressByTimeRatesAndTheIntervalsTtft() {
        IntervalSnapshot s = snapshot(30, false, 20, 0, 1280, 16, 150, 152, 160, 300);
        LiveStatus st = LiveStatus.of(s, 29, 400, 0, 60, 0, 5);
        assertThat(st.fraction()).isEqualTo(0.5);
        assertThat(st.requestsPerS()).isEqualTo(20);
        assertThat(st.outputTokensPerS()).isEqualTo(1280);
        String p50 = Format.ms(s.point().ttftP50Ms());
        String p99 = Format.ms(s.point().ttftP99Ms());
        assertThat(StatusLine.plain(st)).isEqualTo("[ 50% 30s/60s] 20.00 req/s · errors 0 · ttft p50 " + p50 + " p99 " + p99
                + " ms · 1,280 tok/s · in-flight 16");
        assertThat(StatusLine.terminal(st, 200, Ansi.OFF)).isEqualTo("██████████░░░░░░░░░░  50% 30s/60s · 20.00 req/s · errors 0 · ttft p50 "
                + p50 + " p99 " + p99 + " ms · 1,280 tok/s · in-flight 16");
    }

    @Test
    void aVectorApiShowsEndToEndLatencyAndInputTokensNotAnEmptyTtft() {
        Map<Metric, Histogram> hist = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            hist.put(m, Histograms.create());
        }
        TimePoint p = Records.build(TimePoint.class, Map.of("t", 30.0, "requests", 20L, "succeeded", 20L, "inFlight", 4,
                "e2eP50Ms", 81.0, "e2eP99Ms", 95.0));
        IntervalSnapshot s = Records.build(IntervalSnapshot.class, Map.of("point", p, "elapsedS", 30.0, "histograms", hist,
                "succeeded", 20L, "inputTokens", 3000L, "inFlight", 4));

        String line = StatusLine.plain(LiveStatus.of(s, 29, 400, 0, 60, 0, 5, false));

        assertThat(line).isEqualTo("[ 50% 30s/60s] 20.00 req/s · errors 0 · e2e p50 " + Format.ms(81) + " p99 " + Format.ms(95)
                + " ms · 3,000 in tok/s · in-flight 4");
        assertThat(StatusLine.plain(LiveStatus.of(s, 29, 400, 0, 60, 0, 5, true))).as("a token API keeps its TTFT field")
                .contains("ttft p50 0").contains("0.00 tok/s");
    }

    @Test
    void ratesUseTheIntervalsRealLength() {
        LiveStatus st = LiveStatus.of(snapshot(10.5, false, 8, 2, 500, 3, 100), 10, 50, 2, 60, 0, 0);
        assertThat(st.requestsPerS()).isEqualTo(20); // 10 requests in half a second
        assertThat(st.outputTokensPerS()).isEqualTo(1000);
    }

    @Test
    void progressByRequestBudgetWhenThereIsNoDuration() {
        // Only a warmup is planned in time: the request budget tells the progress.
        LiveStatus st = LiveStatus.of(snapshot(12, false, 10, 0, 640, 4, 100), 11, 250, 0, 5, 1000, 5);
        assertThat(st.fraction()).isEqualTo(0.25);
        assertThat(StatusLine.plain(st)).startsWith("[ 25% 12s · 250/1,000 req] ");
        // With both, whichever ends the run first.
        LiveStatus both = LiveStatus.of(snapshot(12, false, 10, 0, 640, 4, 100), 11, 900, 0, 65, 1000, 5);
        assertThat(both.fraction()).isEqualTo(0.9);
        assertThat(StatusLine.plain(both)).startsWith("[ 90% 12s/65s · 900/1,000 req] ");
    }

    @Test
    void warmupAndUnknownEnd() {
        LiveStatus warm = LiveStatus.of(snapshot(3, true, 5, 0, 0, 16), 2, 0, 0, 65, 0, 5);
        assertThat(StatusLine.plain(warm)).startsWith("[warmup 3s/65s] ").contains("ttft –");
        assertThat(StatusLine.terminal(warm, 200, new Ansi(true))).contains("\033[33mwarmup 3s/65s\033[0m");
        LiveStatus open = LiveStatus.of(snapshot(3, false, 5, 0, 0, 16, 90), 2, 5, 0, 0, 0, 0);
        assertThat(open.fraction()).isNaN();
        assertThat(StatusLine.plain(open)).startsWith("[3s] ");
        assertThat(StatusLine.terminal(open, 200, Ansi.OFF)).startsWith("3s · ").doesNotContain("█").doesNotContain("░");
    }

    @Test
    void errorsAreRedOnlyWithColour() {
        LiveStatus st = LiveStatus.of(snapshot(20, false, 8, 3, 500, 3, 100), 19, 50, 7, 60, 0, 0);
        assertThat(StatusLine.plain(st)).contains("errors 7 (+3)").doesNotContain("\033");
        assertThat(StatusLine.terminal(st, 200, Ansi.OFF)).doesNotContain("\033");
        assertThat(StatusLine.terminal(st, 200, new Ansi(true))).contains("\033[31merrors 7 (+3)\033[0m");
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 30, 45, 60, 80, 100, 120, 200})
    void theTerminalLineNeverWraps(int columns) {
        LiveStatus st = LiveStatus.of(snapshot(1234, false, 1800, 25, 123_456, 512, 1500, 2500), 1233, 1_234_567, 4321, 3600, 5_000_000, 60);
        String line = StatusLine.terminal(st, columns, new Ansi(true));
        String visible = Ansi.strip(line);
        assertThat(visible.length()).isLessThanOrEqualTo(columns - 1);
        assertThat(visible).doesNotContain("\n").doesNotContain("\r");
        if (columns >= 60) {
            assertThat(visible).contains("34% 1234s/3600s").contains("req/s");
        }
        if (columns >= 80) {
            assertThat(visible).contains("errors 4,321");
        }
        if (columns >= 200) {
            assertThat(visible).contains("in-flight 512").contains("tok/s").contains("█");
        }
    }
}
