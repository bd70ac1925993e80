package io.llmload.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmload.metrics.Histograms;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class IntervalsTest {

    @Test
    void tIntervalOfKnownData() {
        // mean 3, sd sqrt(2.5), t(0.975, 4) = 2.7764: 3 +- 1.9632
        Interval i = TIntervals.mean(new double[] {1, 2, 3, 4, 5});
        assertThat(i.estimate()).isEqualTo(3.0);
        assertThat(i.low()).isCloseTo(1.0368, within(1e-3));
        assertThat(i.high()).isCloseTo(4.9632, within(1e-3));
    }

    @Test
    void welchIntervalOfKnownData() {
        // Welch: a = {1,2,3,4}, b = {3,5,7,9}: diff 3.5, se = 1.4434, df = 4.4118; scipy: half-width 3.864167
        Interval i = TIntervals.difference(new double[] {1, 2, 3, 4}, new double[] {3, 5, 7, 9});
        assertThat(i.estimate()).isEqualTo(3.5);
        assertThat(i.high() - i.estimate()).isCloseTo(3.864167, within(1e-4));
        assertThat(i.excludesZero()).as("[-0.36, 7.36]: four samples are not enough").isFalse();
    }

    @Test
    void pairedIntervalRemovesSharedDrift() {
        double[] a = {100, 200, 300, 400};
        double[] b = {110, 209, 311, 410};
        assertThat(TIntervals.pairedDifference(a, b).excludesZero()).isTrue();
        assertThat(TIntervals.difference(a, b).excludesZero()).as("unpaired, the drift hides the difference").isFalse();
    }

    @Test
    void tooFewRunsGiveNoWidth() {
        assertThat(TIntervals.mean(new double[] {4}).low()).isNaN();
    }

    static Histogram normal(double meanMicros, double sdMicros, int n, long seed) {
        Histogram h = Histograms.create();
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            h.recordValue(Math.max(0, Math.round(meanMicros + sdMicros * r.nextGaussian())));
        }
        return h;
    }

    @Test
    void bootstrapFindsARealShiftAndNoFakeOne() {
        Histogram a = normal(100_000, 10_000, 5000, 1);
        Histogram same = normal(100_000, 10_000, 5000, 2);
        Histogram shifted = normal(110_000, 10_000, 5000, 3);
        Interval none = HistogramBootstrap.percentileDifference(a, same, 50, 7);
        assertThat(none.excludesZero()).isFalse();
        Interval shift = HistogramBootstrap.percentileDifference(a, shifted, 50, 7);
        assertThat(shift.excludesZero()).isTrue();
        assertThat(shift.low()).isLessThan(10_000);
        assertThat(shift.high()).isGreaterThan(10_000);
        Interval mean = HistogramBootstrap.meanDifference(a, shifted);
        assertThat(mean.low()).isLessThan(10_000).isGreaterThan(9_000);
    }

    @Test
    void aTailPercentileOfAFewSamplesHasNoIntervalSoNoSignificance() {
        // 3 and 2 samples far apart: a p99 of so few is just each maximum, and says nothing.
        Histogram few = normal(100_000, 1_000, 3, 4);
        Histogram fewer = normal(200_000, 1_000, 2, 5);
        Interval p99 = HistogramBootstrap.percentileDifference(few, fewer, 99, 7);
        assertThat(p99.low()).isNaN();
        assertThat(p99.excludesZero()).isFalse();
        // The median of 400 vs 400 is bounded, and the shift shows.
        Interval p50 = HistogramBootstrap.percentileDifference(normal(100_000, 1_000, 400, 6), normal(200_000, 1_000, 400, 7), 50, 7);
        assertThat(p50.excludesZero()).isTrue();
    }
}
