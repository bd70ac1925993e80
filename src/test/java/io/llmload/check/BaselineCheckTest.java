package io.llmload.check;

import static io.llmload.check.CraftedReports.histogram;
import static io.llmload.check.CraftedReports.report;
import static io.llmload.check.CraftedReports.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.result.Baseline;
import io.llmload.result.CheckResult;
import io.llmload.result.RegressionCheck;
import io.llmload.result.Report;
import io.llmload.result.Repeats;
import io.llmload.result.RequestCounts;
import io.llmload.result.Summary;
import io.llmload.result.Throughput;
import io.llmload.stats.Noise;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Baseline comparisons on crafted reports: allowance, noise band, and the too-few-samples skip. */
class BaselineCheckTest {

    private static RegressionCheck check(String rule, Report base, Report now) throws ThresholdSyntaxException {
        return BaselineCheck.check(RegressionRule.parseAll(rule).get(0), base, now);
    }

    private static double pct(double base, double now) {
        return (now - base) / base * 100;
    }

    @Test
    void twoRunsOfTheSameDistributionPassEveryDefaultRule() throws ThresholdSyntaxException {
        Report base = report(spec().seed(1));
        Report now = report(spec().seed(2));
        List<RegressionRule> rules = RegressionRule.parseAll(RegressionRule.DEFAULTS);
        Baseline b = BaselineCheck.compare("last.json", base, now, rules);
        assertThat(b.checks()).hasSize(rules.size());
        assertThat(b.checks()).extracting(RegressionCheck::status).as(b.checks().toString()).containsOnly(RegressionCheck.PASSED);
        assertThat(b.file()).isEqualTo("last.json");
        assertThat(b.note()).isNull();
        assertThat(BaselineCheck.asChecks(b, rules)).allMatch(CheckResult::passed).noneMatch(CheckResult::wasSkipped);
    }

    @Test
    void aP99WorseThanItsAllowanceAndBeyondNoiseFails() throws ThresholdSyntaxException {
        Report base = report(spec().seed(1));
        Report now = report(spec().seed(2).ttft(260, 0.2));
        RegressionCheck c = check("ttft.p99=10%", base, now);
        double b = base.summary().latency("ttft").p99();
        double n = now.summary().latency("ttft").p99();
        assertThat(pct(b, n)).as("precondition: a real 30%% shift").isGreaterThan(20);
        assertThat(Noise.quantilesDiffer(histogram(base, "ttft"), histogram(now, "ttft"), 0.99)).as("oracle").isTrue();
        assertThat(c.status()).isEqualTo(RegressionCheck.FAILED);
        assertThat(c.baseline()).isEqualTo(b);
        assertThat(c.value()).isEqualTo(n);
        assertThat(c.changePct()).isCloseTo(pct(b, n), org.assertj.core.data.Offset.offset(1e-3));
        assertThat(c.method()).isEqualTo("quantile_ci");
        double[] ib = Noise.quantileInterval(histogram(base, "ttft"), 0.99);
        assertThat(c.noise()).contains(io.llmload.text.Format.ms(ib[0]) + "–" + io.llmload.text.Format.ms(ib[1]) + " ms (baseline)");
        assertThat(c.reason()).contains("worse than the 10% allowed, beyond noise");
        // the same shift within a larger allowance passes
        assertThat(check("ttft.p99=50%", base, now).status()).isEqualTo(RegressionCheck.PASSED);
        assertThat(check("ttft.p99=200ms", base, now).status()).isEqualTo(RegressionCheck.PASSED);
        assertThat(check("ttft.p99=10ms", base, now).status()).isEqualTo(RegressionCheck.FAILED);
    }

    @Test
    void aShiftBeyondTheAllowanceButWithinNoisePasses() throws ThresholdSyntaxException {
        // 20 widely spread samples: a p50 interval is wide, so a 15% shift is not distinguishable from chance
        Report base = report(spec().requests(20, 0).ttft(200, 0.9).seed(3));
        Report now = report(spec().requests(20, 0).ttft(240, 0.9).seed(4));
        double b = base.summary().latency("ttft").p50();
        double n = now.summary().latency("ttft").p50();
        assertThat(pct(b, n)).as("precondition: worse beyond the allowance").isGreaterThan(10);
        assertThat(Noise.quantilesDiffer(histogram(base, "ttft"), histogram(now, "ttft"), 0.5)).as("oracle").isFalse();
        RegressionCheck c = check("ttft.p50=10%", base, now);
        assertThat(c.status()).isEqualTo(RegressionCheck.PASSED);
        assertThat(c.reason()).contains("worse than the 10% allowed, but within noise");
    }

    @Test
    void aPercentileWithTooFewSamplesForAnIntervalIsSkippedAndSaysHowManyItNeeds() throws ThresholdSyntaxException {
        long needed = Noise.samplesForBoundedInterval(0.99);
        assertThat(Noise.boundedInterval(needed, 0.99)).isTrue();
        assertThat(Noise.boundedInterval(needed - 1, 0.99)).isFalse();
        Histogram h = CraftedReports.draw(new java.util.Random(1), (int) needed - 1, 100, 0.2);
        assertThat(Noise.quantileInterval(h, 0.99)[1]).as("one sample fewer leaves the interval open").isInfinite();

        Report base = report(spec().requests((int) needed - 1, 0));
        Report now = report(spec().requests(2000, 0).ttft(400, 0.2)); // twice as slow, yet cannot be judged
        List<RegressionRule> rules = RegressionRule.parseAll("ttft.p99=10%,ttft.p50=10%");
        Baseline b = BaselineCheck.compare("old.json", base, now, rules);
        RegressionCheck p99 = b.checks().get(0);
        assertThat(p99.status()).isEqualTo(RegressionCheck.SKIPPED);
        assertThat(p99.reason()).contains("too few samples for a 95% interval of the p99")
                .contains(io.llmload.text.Format.count(needed - 1) + " in the baseline")
                .contains("needs " + io.llmload.text.Format.count(needed) + " each");
        assertThat(b.checks().get(1).status()).as("the p50 has samples enough").isEqualTo(RegressionCheck.FAILED);
        assertThat(b.skipped()).isEqualTo(1);
        assertThat(b.failed()).isEqualTo(1);
        List<CheckResult> checks = BaselineCheck.asChecks(b, rules);
        assertThat(checks.get(0).wasSkipped()).isTrue();
        assertThat(checks.get(0).passed()).as("a skipped check fails nothing").isTrue();
        assertThat(checks.get(0).expr()).isEqualTo("ttft.p99 vs baseline (max +10%)");
        assertThat(checks.get(1).passed()).isFalse();
    }

    @Test
    void interTokenGapsCountEachRequestOnceBecauseTheGapsOfOneRequestMoveTogether() throws ThresholdSyntaxException {
        Report base = report(spec().requests(200, 0).seed(1)); // 2,000 gaps from 200 requests
        Report now = report(spec().requests(200, 0).seed(2));
        assertThat(histogram(base, "itl").getTotalCount()).as("precondition: gaps enough for a p99 if they were independent")
                .isGreaterThanOrEqualTo(Noise.samplesForBoundedInterval(0.99));
        RegressionCheck p99 = check("itl.p99=10%", base, now);
        assertThat(p99.status()).isEqualTo(RegressionCheck.SKIPPED);
        assertThat(p99.reason()).contains("too few requests for a 95% interval of the p99: 200 in the baseline");
        RegressionCheck p50 = check("itl.p50=10%", base, now);
        assertThat(p50.status()).isEqualTo(RegressionCheck.PASSED);
        double[] perRequest = Noise.quantileInterval(histogram(base, "itl"), 0.5, 200);
        double[] perGap = Noise.quantileInterval(histogram(base, "itl"), 0.5);
        assertThat(perRequest[1] - perRequest[0]).as("wider than if every gap were independent").isGreaterThan(perGap[1] - perGap[0]);
        assertThat(p50.noise()).contains(io.llmload.text.Format.ms(perRequest[0]) + "–" + io.llmload.text.Format.ms(perRequest[1]))
                .contains("one sample per request");
    }

    @Test
    void errorRatesAreJudgedByATwoProportionTest() throws ThresholdSyntaxException {
        Report base = report(spec().requests(2000, 2));
        Report worse = report(spec().requests(2000, 100));
        RegressionCheck c = check("error_rate=1pp", base, worse);
        assertThat(c.status()).isEqualTo(RegressionCheck.FAILED);
        assertThat(c.method()).isEqualTo("two_proportion");
        assertThat(c.value()).isEqualTo(0.05);

        // +5 percentage points on 40 requests each: beyond 1pp, but 2 failures in 40 can be chance
        Report few = report(spec().requests(40, 0));
        Report fewWorse = report(spec().requests(40, 2));
        assertThat(Noise.ratesDiffer(0, 40, 2, 40)).as("oracle").isFalse();
        assertThat(check("error_rate=1pp", few, fewWorse).status()).isEqualTo(RegressionCheck.PASSED);
        assertThat(check("error_rate=1pp", few, fewWorse).reason()).contains("within noise");

        RegressionCheck tooFew = check("error_rate=1pp", report(spec().requests(20, 0)), report(spec().requests(20, 10)));
        assertThat(tooFew.status()).isEqualTo(RegressionCheck.SKIPPED);
        assertThat(tooFew.reason()).contains("too few requests").contains("needs " + BaselineCheck.MIN_RATE_REQUESTS);

        // from a zero baseline a percentage allowance cannot hold: any real rise counts
        RegressionCheck fromZero = check("error_rate=50%", report(spec().requests(2000, 0)), worse);
        assertThat(fromZero.changePct()).isNull();
        assertThat(fromZero.status()).isEqualTo(RegressionCheck.FAILED);
    }

    @Test
    void throughputNoiseComesFromBatchesOfSeconds() throws ThresholdSyntaxException {
        Report base = report(spec().tokens(3000, 0.02, 30).seed(5));
        Report drop = report(spec().tokens(2700, 0.02, 30).seed(6));
        RegressionCheck c = check("output_tokens_per_s=5%", base, drop);
        assertThat(c.status()).isEqualTo(RegressionCheck.FAILED);
        assertThat(c.method()).isEqualTo("batch_means_t");
        assertThat(c.changePct()).isCloseTo(-10, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(c.reason()).contains("3,000 → 2,700/s (-10.0%)");

        // the same drop when seconds vary by 40%: the band is wider than the drop
        Report noisyBase = report(spec().tokens(3000, 0.4, 30).seed(5));
        Report noisyDrop = report(spec().tokens(2700, 0.4, 30).seed(6));
        RegressionCheck noisy = check("output_tokens_per_s=5%", noisyBase, noisyDrop);
        assertThat(noisy.status()).isEqualTo(RegressionCheck.PASSED);
        assertThat(noisy.reason()).contains("within noise");
        assertThat(bandOf(noisy)).isGreaterThan(bandOf(c));

        // a rate rising is never a regression
        assertThat(check("output_tokens_per_s=5%", drop, base).reason()).endsWith(": better");

        RegressionCheck shortRun = check("requests_per_s=5%", report(spec().tokens(3000, 0.02, 4)), drop);
        assertThat(shortRun.status()).isEqualTo(RegressionCheck.SKIPPED);
        assertThat(shortRun.reason()).contains("too few measured seconds");
    }

    private static double bandOf(RegressionCheck c) {
        String band = c.noise().replaceAll(".*±([0-9,.]+)/s.*", "$1").replace(",", "");
        return Double.parseDouble(band);
    }

    @Test
    void perSecondRatesLeaveOutWarmupTheFirstMeasuredSecondAndTheDrain() {
        Report r = report(spec().tokens(3000, 0, 10));
        double[] rates = RateNoise.perSecond(r.timeseries(), "output_tokens_per_s");
        assertThat(rates).hasSize(8).containsOnly(3000.0);
        assertThat(RateNoise.batchMeans(new double[] {1, 2, 3, 4, 5}, 2)).containsExactly(1.5, 3.5);
    }

    @Test
    void withRepeatsOnBothSidesTheRunsGiveTheNoiseBand() throws ThresholdSyntaxException {
        Report base = report(spec().repeats(repeats(3000, 3010, 2990)));
        Report steady = report(spec().tokens(2700, 0.02, 30).repeats(repeats(2700, 2710, 2690)));
        Report scattered = report(spec().tokens(2700, 0.02, 30).repeats(repeats(2000, 3400, 2700)));
        RegressionCheck c = check("output_tokens_per_s=5%", base, steady);
        assertThat(c.method()).isEqualTo("repeats_t");
        assertThat(c.status()).isEqualTo(RegressionCheck.FAILED);
        RegressionCheck wide = check("output_tokens_per_s=5%", base, scattered);
        assertThat(wide.method()).isEqualTo("repeats_t");
        assertThat(wide.status()).isEqualTo(RegressionCheck.PASSED);
        assertThat(wide.reason()).contains("within noise");
    }

    private static Repeats repeats(double... tokensPerS) {
        List<Summary> runs = Arrays.stream(tokensPerS).mapToObj(t -> new Summary(new RequestCounts(100, 100, 0, 0, 0, Map.of(), Map.of()),
                null, new Throughput(t / 64, t, t), null, Map.of(), List.of())).toList();
        return new Repeats(runs.size(), Map.of(), runs);
    }

    @Test
    void latencyChangesUnderHalfAMillisecondNeverCount() throws ThresholdSyntaxException {
        Report base = report(spec().ttft(1.0, 0.01));
        Report now = report(spec().ttft(1.3, 0.01));
        RegressionCheck c = check("ttft.p50=10%", base, now);
        assertThat(c.changePct()).isGreaterThan(20);
        assertThat(c.status()).isEqualTo(RegressionCheck.PASSED);
        assertThat(c.reason()).contains("too small to count");
    }

    @Test
    void aBaselineOfAnotherScenarioOrModelIsNoted() {
        Baseline b = BaselineCheck.compare("x.json", report(spec().named("nightly")), report(spec().named("ci")), List.of());
        assertThat(b.note()).contains("scenario 'nightly' vs 'ci'");
        assertThat(b.scenario()).isEqualTo("nightly");
    }

    @Test
    void aMetricMissingFromOneReportIsSkipped() throws ThresholdSyntaxException {
        Report none = report(spec().requests(10, 10)); // nothing succeeded: no latencies
        RegressionCheck c = check("ttft.p50=10%", none, report(spec()));
        assertThat(c.status()).isEqualTo(RegressionCheck.SKIPPED);
        assertThat(c.reason()).contains("no ttft.p50 in the baseline");
    }
}
