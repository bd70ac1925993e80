package io.llmload.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.result.Report;
import io.llmload.result.Summary;
import io.llmload.result.Throughput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    /** The same report with its throughput replaced by known numbers. */
    private static Report withThroughput(Report r, double requestsPerS, double outputTokensPerS) {
        Summary changed = Records.copy(r.summary(), Map.of("throughput", new Throughput(requestsPerS, outputTokensPerS, outputTokensPerS * 2)));
        return Records.copy(r, Map.of("summary", changed));
    }

    private static Comparison.Row row(Comparison c, String section, String label) {
        return c.sections().stream().filter(s -> s.title().equals(section)).findFirst().orElseThrow().rows().stream()
                .filter(r -> r.metric().label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void exactDeltasAgainstTheFirstReport() {
        Report a = withThroughput(TestReports.report(TestReports.spec()), 10, 1000);
        Report b = withThroughput(TestReports.report(TestReports.spec().withTtft(190)), 10, 900);
        Report c3 = withThroughput(TestReports.report(TestReports.spec().withTtft(140)), 10.3, 1030);
        Comparison c = Comparison.of(List.of(new Charts.Run("a", a), new Charts.Run("b", b), new Charts.Run("c", c3)), 5);

        Comparison.Row tokens = row(c, "overall", "output tokens/s");
        assertThat(tokens.cells().get(0)).isEqualTo(new Comparison.Cell(1000.0, null, null, Comparison.Verdict.BASELINE));
        assertThat(tokens.cells().get(1)).isEqualTo(new Comparison.Cell(900.0, -100.0, -10.0, Comparison.Verdict.WORSE));
        assertThat(tokens.cells().get(2).delta()).isCloseTo(30.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(tokens.cells().get(2).verdict()).isEqualTo(Comparison.Verdict.SAME); // +3% is under the 5% threshold

        Comparison.Row requests = row(c, "overall", "requests/s");
        assertThat(requests.cells().get(1)).isEqualTo(new Comparison.Cell(10.0, 0.0, 0.0, Comparison.Verdict.SAME));

        Comparison.Row ttft = row(c, "overall", "ttft p99");
        double base = a.summary().latency("ttft").p99();
        double slower = b.summary().latency("ttft").p99();
        double faster = c3.summary().latency("ttft").p99();
        assertThat(ttft.cells().get(1)).isEqualTo(new Comparison.Cell(slower, slower - base, (slower - base) / base * 100, Comparison.Verdict.WORSE));
        assertThat(ttft.cells().get(2).verdict()).isEqualTo(Comparison.Verdict.BETTER);
        assertThat(ttft.cells().get(2).delta()).isEqualTo(faster - base);

        // Same seed and ITL: identical distributions, no change at all.
        assertThat(row(c, "overall", "itl p99").cells().get(1)).isEqualTo(
                new Comparison.Cell(a.summary().latency("itl").p99(), 0.0, 0.0, Comparison.Verdict.SAME));
        // A count has no better direction.
        assertThat(row(c, "overall", "requests").cells().get(1).verdict()).isEqualTo(Comparison.Verdict.NONE);

        assertThat(c.regressions()).extracting(r -> r.metric().label() + " #" + (r.run() + 1))
                .containsExactly("output tokens/s #2", "total tokens/s #2", "ttft p50 #2", "ttft p90 #2", "ttft p99 #2", "e2e p50 #2", "e2e p90 #2", "e2e p99 #2");
    }

    @Test
    void aLargeChangeFromFewSamplesIsNoise() {
        // 40 requests each: a 20% higher TTFT p99 is within the percentile's confidence interval.
        Report a = TestReports.report(TestReports.spec().withRequests(40, 0));
        Report b = TestReports.report(TestReports.spec().withRequests(40, 0).withSeed(9).withTtft(165));
        Comparison c = Comparison.of(List.of(new Charts.Run("a", a), new Charts.Run("b", b)), 5);
        Comparison.Cell p99 = row(c, "overall", "ttft p99").cells().get(1);
        assertThat(Math.abs(p99.deltaPct())).isGreaterThan(5);
        assertThat(p99.verdict()).isEqualTo(Comparison.Verdict.SAME);
        // The same shift over 20,000 requests is real.
        Report bigA = TestReports.report(TestReports.spec().withRequests(20_000, 0));
        Report bigB = TestReports.report(TestReports.spec().withRequests(20_000, 0).withSeed(9).withTtft(165));
        Comparison big = Comparison.of(List.of(new Charts.Run("a", bigA), new Charts.Run("b", bigB)), 5);
        assertThat(row(big, "overall", "ttft p99").cells().get(1).verdict()).isEqualTo(Comparison.Verdict.WORSE);
    }

    @Test
    void latencyChangesBelowTheMillisecondFloorAreNoise() {
        Report a = TestReports.report(TestReports.spec().withItl(1.0));
        Report b = TestReports.report(TestReports.spec().withItl(1.3));
        List<Charts.Run> runs = List.of(new Charts.Run("a", a), new Charts.Run("b", b));
        Comparison.Cell floor = row(Comparison.of(runs, 5), "overall", "itl p50").cells().get(1);
        assertThat(floor.deltaPct()).isGreaterThan(25);
        assertThat(Math.abs(floor.delta())).isLessThan(Comparison.DEFAULT_NOISE_MS);
        assertThat(floor.verdict()).isEqualTo(Comparison.Verdict.SAME);
        assertThat(row(Comparison.of(runs, 5, 0), "overall", "itl p50").cells().get(1).verdict()).isEqualTo(Comparison.Verdict.WORSE);
    }

    @Test
    void errorRatesNeedARealDifference() {
        Report a = TestReports.report(TestReports.spec().withRequests(10_000, 100));
        Report b = TestReports.report(TestReports.spec().withRequests(10_000, 300));
        Report c = TestReports.report(TestReports.spec().withRequests(10_000, 104));
        Comparison cmp = Comparison.of(List.of(new Charts.Run("a", a), new Charts.Run("b", b), new Charts.Run("c", c)), 5);
        Comparison.Row rate = row(cmp, "overall", "error rate");
        assertThat(rate.cells().get(1).verdict()).isEqualTo(Comparison.Verdict.WORSE);
        assertThat(rate.cells().get(2).verdict()).isEqualTo(Comparison.Verdict.SAME); // +4% relative, and chance
    }

    @Test
    void sweepPointsAreMatchedBySettingsAndVariantsByName() {
        Report a = TestReports.report(TestReports.spec().withPoints(TestReports.sweep(1, 4, 16)).withVariants(TestReports.variants("bf16", "fp8")));
        Report b = TestReports.report(TestReports.spec().withPoints(TestReports.sweep(4, 16)).withVariants(TestReports.variants("fp8")));
        Comparison c = Comparison.of(List.of(new Charts.Run("a", a), new Charts.Run("b", b)), 5);
        assertThat(c.sections()).extracting(Comparison.Section::title)
                .containsExactly("overall", "sweep concurrency=1", "sweep concurrency=4", "sweep concurrency=16", "variant bf16", "variant fp8");
        // b's concurrency=4 point is its first; it is found by its settings, not its position.
        Comparison.Row p4 = row(c, "sweep concurrency=4", "output tokens/s");
        assertThat(p4.cells().get(1).value()).isEqualTo(b.points().get(0).summary().throughput().outputTokensPerS());
        // b has only one variant (made first, so with bf16's numbers): fp8 is matched by name and bf16 is missing.
        assertThat(row(c, "variant bf16", "ttft p50").cells().get(1).value()).isNull();
        assertThat(row(c, "variant fp8", "ttft p50").cells().get(1).value()).isEqualTo(b.variants().get(0).summary().latency("ttft").p50());
    }

    @Test
    void theConsoleTableShowsValuesDeltasAndTheVerdict() {
        Report a = withThroughput(TestReports.report(TestReports.spec()), 10, 1000);
        Report b = withThroughput(TestReports.report(TestReports.spec().withTtft(190)), 10, 900);
        Comparison c = Comparison.of(List.of(new Charts.Run("base", a), new Charts.Run("new", b)), 5);
        String text = ComparisonText.render(c, List.of("a.json", "b.json"), Ansi.OFF);
        double base = a.summary().latency("ttft").p99();
        double now = b.summary().latency("ttft").p99();
        String pct = String.format(java.util.Locale.ROOT, "%+.1f%%", (now - base) / base * 100);
        assertThat(text).contains("  #1  base · sample · model mock-llm").contains("       b.json");
        assertThat(text.lines().filter(l -> l.startsWith("  ttft p99 (ms)")).findFirst().orElseThrow().trim().split("\\s{2,}"))
                .containsExactly("ttft p99 (ms)", Format.ms(base), Format.ms(now), "+" + Format.ms(now - base), pct, "worse");
        assertThat(text.lines().filter(l -> l.startsWith("  output tokens/s")).findFirst().orElseThrow())
                .contains("1,000").contains("900").contains("-100").contains("-10.0%").endsWith("worse");
        assertThat(text).endsWith("\n").contains("REGRESSION: 8 value(s) worse beyond noise against #1: #2 output tokens/s -10.0% (1,000 → 900/s); #2 total tokens/s");
        assertThat(text).doesNotContain("\033[");
        String coloured = ComparisonText.render(c, List.of(), new Ansi(true));
        assertThat(coloured).contains("\033[31m").contains("\033[31mREGRESSION\033[0m");
        assertThat(Ansi.strip(coloured)).isEqualTo(ComparisonText.render(c, List.of(), Ansi.OFF));
    }
}
