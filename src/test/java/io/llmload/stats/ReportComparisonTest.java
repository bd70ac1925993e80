package io.llmload.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.report.TestReports;
import io.llmload.result.LabeledReport;
import io.llmload.result.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportComparisonTest {

    private static ReportComparison.Row row(ReportComparison c, String section, String label) {
        return c.sections().stream().filter(s -> s.title().equals(section)).findFirst().orElseThrow().rows().stream()
                .filter(r -> r.metric().label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void exactDeltasAgainstTheFirstReport() {
        Report a = TestReports.withThroughput(TestReports.report(TestReports.spec()), 10, 1000);
        Report b = TestReports.withThroughput(TestReports.report(TestReports.spec().withTtft(190)), 10, 900);
        Report c3 = TestReports.withThroughput(TestReports.report(TestReports.spec().withTtft(140)), 10.3, 1030);
        ReportComparison c = ReportComparison.of(List.of(new LabeledReport("a", a), new LabeledReport("b", b), new LabeledReport("c", c3)), 5);

        ReportComparison.Row tokens = row(c, "overall", "output tokens/s");
        assertThat(tokens.cells().get(0)).isEqualTo(new ReportComparison.Cell(1000.0, null, null, ReportComparison.Verdict.BASELINE));
        assertThat(tokens.cells().get(1)).isEqualTo(new ReportComparison.Cell(900.0, -100.0, -10.0, ReportComparison.Verdict.WORSE));
        assertThat(tokens.cells().get(2).delta()).isCloseTo(30.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(tokens.cells().get(2).verdict()).isEqualTo(ReportComparison.Verdict.SAME); // +3% is under the 5% threshold

        ReportComparison.Row requests = row(c, "overall", "requests/s");
        assertThat(requests.cells().get(1)).isEqualTo(new ReportComparison.Cell(10.0, 0.0, 0.0, ReportComparison.Verdict.SAME));

        ReportComparison.Row ttft = row(c, "overall", "ttft p99");
        double base = a.summary().latency("ttft").p99();
        double slower = b.summary().latency("ttft").p99();
        double faster = c3.summary().latency("ttft").p99();
        assertThat(ttft.cells().get(1)).isEqualTo(new ReportComparison.Cell(slower, slower - base, (slower - base) / base * 100, ReportComparison.Verdict.WORSE));
        assertThat(ttft.cells().get(2).verdict()).isEqualTo(ReportComparison.Verdict.BETTER);
        assertThat(ttft.cells().get(2).delta()).isEqualTo(faster - base);

        // Same seed and ITL: identical distributions, no change at all.
        assertThat(row(c, "overall", "itl p99").cells().get(1)).isEqualTo(
                new ReportComparison.Cell(a.summary().latency("itl").p99(), 0.0, 0.0, ReportComparison.Verdict.SAME));
        // A count has no better direction.
        assertThat(row(c, "overall", "requests").cells().get(1).verdict()).isEqualTo(ReportComparison.Verdict.NONE);

        assertThat(c.regressions()).extracting(r -> r.metric().label() + " #" + (r.run() + 1))
                .containsExactly("output tokens/s #2", "total tokens/s #2", "ttft p50 #2", "ttft p90 #2", "ttft p99 #2", "e2e p50 #2", "e2e p90 #2", "e2e p99 #2");
    }

    @Test
    void aLargeChangeFromFewSamplesIsNoise() {
        // 40 requests each: a 20% higher TTFT p99 is within the percentile's confidence interval.
        Report a = TestReports.report(TestReports.spec().withRequests(40, 0));
        Report b = TestReports.report(TestReports.spec().withRequests(40, 0).withSeed(9).withTtft(165));
        ReportComparison c = ReportComparison.of(List.of(new LabeledReport("a", a), new LabeledReport("b", b)), 5);
        ReportComparison.Cell p99 = row(c, "overall", "ttft p99").cells().get(1);
        assertThat(Math.abs(p99.deltaPct())).isGreaterThan(5);
        assertThat(p99.verdict()).isEqualTo(ReportComparison.Verdict.SAME);
        // The same shift over 20,000 requests is real.
        Report bigA = TestReports.report(TestReports.spec().withRequests(20_000, 0));
        Report bigB = TestReports.report(TestReports.spec().withRequests(20_000, 0).withSeed(9).withTtft(165));
        ReportComparison big = ReportComparison.of(List.of(new LabeledReport("a", bigA), new LabeledReport("b", bigB)), 5);
        assertThat(row(big, "overall", "ttft p99").cells().get(1).verdict()).isEqualTo(ReportComparison.Verdict.WORSE);
    }

    @Test
    void latencyChangesBelowTheMillisecondFloorAreNoise() {
        Report a = TestReports.report(TestReports.spec().withItl(1.0));
        Report b = TestReports.report(TestReports.spec().withItl(1.3));
        List<LabeledReport> runs = List.of(new LabeledReport("a", a), new LabeledReport("b", b));
        ReportComparison.Cell floor = row(ReportComparison.of(runs, 5), "overall", "itl p50").cells().get(1);
        assertThat(floor.deltaPct()).isGreaterThan(25);
        assertThat(Math.abs(floor.delta())).isLessThan(ReportComparison.DEFAULT_NOISE_MS);
        assertThat(floor.verdict()).isEqualTo(ReportComparison.Verdict.SAME);
        assertThat(row(ReportComparison.of(runs, 5, 0), "overall", "itl p50").cells().get(1).verdict()).isEqualTo(ReportComparison.Verdict.WORSE);
    }

    @Test
    void errorRatesNeedARealDifference() {
        Report a = TestReports.report(TestReports.spec().withRequests(10_000, 100));
        Report b = TestReports.report(TestReports.spec().withRequests(10_000, 300));
        Report c = TestReports.report(TestReports.spec().withRequests(10_000, 104));
        ReportComparison cmp = ReportComparison.of(List.of(new LabeledReport("a", a), new LabeledReport("b", b), new LabeledReport("c", c)), 5);
        ReportComparison.Row rate = row(cmp, "overall", "error rate");
        assertThat(rate.cells().get(1).verdict()).isEqualTo(ReportComparison.Verdict.WORSE);
        assertThat(rate.cells().get(2).verdict()).isEqualTo(ReportComparison.Verdict.SAME); // +4% relative, and chance
    }

    @Test
    void sweepPointsAreMatchedBySettingsAndVariantsByName() {
        Report a = TestReports.report(TestReports.spec().withPoints(TestReports.sweep(1, 4, 16)).withVariants(TestReports.variants("bf16", "fp8")));
        Report b = TestReports.report(TestReports.spec().withPoints(TestReports.sweep(4, 16)).withVariants(TestReports.variants("fp8")));
        ReportComparison c = ReportComparison.of(List.of(new LabeledReport("a", a), new LabeledReport("b", b)), 5);
        assertThat(c.sections()).extracting(ReportComparison.Section::title)
                .containsExactly("overall", "sweep concurrency=1", "sweep concurrency=4", "sweep concurrency=16", "variant bf16", "variant fp8");
        // b's concurrency=4 point is its first; it is found by its settings, not its position.
        ReportComparison.Row p4 = row(c, "sweep concurrency=4", "output tokens/s");
        assertThat(p4.cells().get(1).value()).isEqualTo(b.points().get(0).summary().throughput().outputTokensPerS());
        // b has only one variant (made first, so with bf16's numbers): fp8 is matched by name and bf16 is missing.
        assertThat(row(c, "variant bf16", "ttft p50").cells().get(1).value()).isNull();
        assertThat(row(c, "variant fp8", "ttft p50").cells().get(1).value()).isEqualTo(b.variants().get(0).summary().latency("ttft").p50());
    }
}
