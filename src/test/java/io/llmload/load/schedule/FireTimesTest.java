package io.llmload.load.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class FireTimesTest {
    private static final long S = 1_000_000_000L;

    static LoadProfile constantRate(double rate, long seconds) {
        return LoadProfile.of(0, List.of(new LoadProfile.Stage(seconds * S, rate, false)));
    }

    static List<Long> all(LoadProfile profile, ArrivalProcess process) {
        FireTimes f = new FireTimes(profile, process);
        List<Long> out = new ArrayList<>();
        for (long t = f.next(); t != FireTimes.END; t = f.next()) {
            out.add(t);
        }
        return out;
    }

    static double[] gapsSeconds(List<Long> times) {
        double[] gaps = new double[times.size() - 1];
        for (int i = 1; i < times.size(); i++) {
            gaps[i - 1] = (times.get(i) - times.get(i - 1)) / 1e9;
        }
        return gaps;
    }

    @Test
    void constantArrivalsAreExactlyEvenlySpacedFromTheStart() {
        List<Long> t = all(constantRate(20, 10), ArrivalProcess.constant());
        assertThat(t).hasSize(200);
        for (int i = 0; i < t.size(); i++) {
            assertThat(t.get(i)).isEqualTo(i * S / 20);
        }
    }

    @Test
    void poissonGapsAreExponentialWithTheRightMean() {
        double rate = 50;
        List<Long> t = all(constantRate(rate, 400), ArrivalProcess.poisson(42));
        double[] gaps = gapsSeconds(t);
        assertThat(gaps.length).isGreaterThan(10_000);
        SummaryStatistics stats = new SummaryStatistics();
        for (double g : gaps) {
            stats.addValue(g);
        }
        assertThat(stats.getMean()).isCloseTo(1 / rate, within(0.03 / rate));
        // Coefficient of variation of an exponential is 1.
        assertThat(stats.getStandardDeviation() / stats.getMean()).isCloseTo(1.0, within(0.05));
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new ExponentialDistribution(1 / rate), gaps);
        assertThat(p).as("KS p-value against Exp(rate)").isGreaterThan(0.01);
    }

    @Test
    void gammaGapsFollowTheBurstiness() {
        double rate = 50;
        double burstiness = 0.5;
        List<Long> t = all(constantRate(rate, 400), ArrivalProcess.gamma(burstiness, 7));
        double[] gaps = gapsSeconds(t);
        SummaryStatistics stats = new SummaryStatistics();
        for (double g : gaps) {
            stats.addValue(g);
        }
        assertThat(stats.getMean()).isCloseTo(1 / rate, within(0.04 / rate));
        // CV^2 = 1 / shape: burstier than Poisson.
        double cv2 = Math.pow(stats.getStandardDeviation() / stats.getMean(), 2);
        assertThat(cv2).isCloseTo(1 / burstiness, within(0.2));
        GammaDistribution expected = new GammaDistribution(burstiness, 1 / (rate * burstiness));
        assertThat(new KolmogorovSmirnovTest().kolmogorovSmirnovTest(expected, gaps)).isGreaterThan(0.01);
    }

    @Test
    void gammaWithBurstinessOneIsPoisson() {
        double[] gaps = gapsSeconds(all(constantRate(50, 400), ArrivalProcess.gamma(1.0, 3)));
        assertThat(new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new ExponentialDistribution(1 / 50.0), gaps)).isGreaterThan(0.01);
    }

    @Test
    void sameSeedSameTimesOtherSeedOtherTimes() {
        LoadProfile p = constantRate(100, 5);
        assertThat(all(p, ArrivalProcess.poisson(1))).isEqualTo(all(p, ArrivalProcess.poisson(1)));
        assertThat(all(p, ArrivalProcess.poisson(1))).isNotEqualTo(all(p, ArrivalProcess.poisson(2)));
    }

    @Test
    void linearRampFollowsTheIntegralOfTheRate() {
        // 0 -> 10 req/s over 10 s: 50 arrivals, the i-th at sqrt(2 i) seconds.
        LoadProfile ramp = LoadProfile.of(0, List.of(new LoadProfile.Stage(10 * S, 10, true)));
        List<Long> t = all(ramp, ArrivalProcess.constant());
        assertThat(t).hasSize(50);
        for (int i = 0; i < t.size(); i++) {
            assertThat(t.get(i) / 1e9).isCloseTo(Math.sqrt(2.0 * i), within(1e-6));
        }
    }

    @Test
    void stepStagesAndWarmup() {
        LoadProfile p = LoadProfile.of(2 * S, List.of(new LoadProfile.Stage(5 * S, 4, false), new LoadProfile.Stage(5 * S, 10, false)));
        List<Long> t = all(p, ArrivalProcess.constant());
        assertThat(t.stream().filter(x -> x < 2 * S).count()).as("warmup at the first stage's rate").isEqualTo(8);
        assertThat(t.stream().filter(x -> x >= 2 * S && x < 7 * S).count()).isEqualTo(20);
        assertThat(t.stream().filter(x -> x >= 7 * S).count()).isEqualTo(50);
        assertThat(p.stageAt(S)).isEqualTo(-1);
        assertThat(p.stageAt(3 * S)).isZero();
        assertThat(p.stageAt(8 * S)).isEqualTo(1);
        assertThat(p.stageAt(13 * S)).as("the drain after the last stage").isEqualTo(1);
        assertThat(p.areaBetween(2 * S, 12 * S)).isCloseTo(70, within(1e-9));
    }

    @Test
    void closedModelLevelsRampLinearly() {
        LoadProfile p = LoadProfile.of(0, List.of(new LoadProfile.Stage(10 * S, 20, true), new LoadProfile.Stage(10 * S, 20, false),
                new LoadProfile.Stage(10 * S, 0, true)));
        assertThat(p.levelAt(0)).isZero();
        assertThat(p.levelAt(5 * S)).isCloseTo(10, within(1e-9));
        assertThat(p.levelAt(15 * S)).isEqualTo(20);
        assertThat(p.levelAt(25 * S)).isCloseTo(10, within(1e-9));
        assertThat(p.maxLevel()).isEqualTo(20);
        assertThat(p.endNanos()).isEqualTo(30 * S);
    }

    @Test
    void gatedLanesShareTimeInAlternatingSlices() {
        LoadProfile p = constantRate(10, 8);
        List<Long> lane0 = all(p.gated(0, 2 * S, 0, 2), ArrivalProcess.constant());
        List<Long> lane1 = all(p.gated(0, 2 * S, 1, 2), ArrivalProcess.constant());
        assertThat(lane0).hasSize(40).allMatch(t -> (t / (2 * S)) % 2 == 0);
        assertThat(lane1).hasSize(40).allMatch(t -> (t / (2 * S)) % 2 == 1);
    }
}
