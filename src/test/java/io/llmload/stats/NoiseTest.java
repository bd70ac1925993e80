package io.llmload.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.metrics.Histograms;
import io.llmload.report.TestReports;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoiseTest {

    @Test
    void theQuantileIntervalNarrowsWithMoreSamplesAndHoldsTheEstimate() {
        Histogram few = TestReports.draw(new Random(1), 100, 100, 0.5);
        Histogram many = TestReports.draw(new Random(1), 100_000, 100, 0.5);
        double[] a = Noise.quantileInterval(few, 0.99);
        double[] b = Noise.quantileInterval(many, 0.99);
        assertThat(a[0]).isLessThanOrEqualTo(few.getValueAtPercentile(99) / 1000.0);
        assertThat(a[1]).isGreaterThanOrEqualTo(few.getValueAtPercentile(99) / 1000.0);
        assertThat(b[1] - b[0]).isLessThan(a[1] - a[0]);
        // Uniform 50..150 ms: the true p99 is 149 ms, inside the interval of the big sample.
        assertThat(b[0]).isLessThanOrEqualTo(149.0);
        assertThat(b[1]).isGreaterThanOrEqualTo(149.0);
    }

    @Test
    void aShiftIsRealWithManySamplesAndNoiseWithFew() {
        Histogram baseMany = TestReports.draw(new Random(1), 20_000, 100, 0.2);
        Histogram slowerMany = TestReports.draw(new Random(2), 20_000, 110, 0.2);
        assertThat(Noise.quantilesDiffer(baseMany, slowerMany, 0.5)).isTrue();
        assertThat(Noise.quantilesDiffer(baseMany, TestReports.draw(new Random(3), 20_000, 100, 0.2), 0.5)).isFalse();
        // 30 samples: the p99 is the maximum of either run; a 10% shift cannot be told from chance.
        Histogram baseFew = TestReports.draw(new Random(1), 30, 100, 0.2);
        Histogram slowerFew = TestReports.draw(new Random(2), 30, 110, 0.2);
        assertThat(Noise.quantilesDiffer(baseFew, slowerFew, 0.99)).isFalse();
        assertThat(Noise.quantilesDiffer(Histograms.create(), slowerFew, 0.99)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "0, 10000, 1, 10000, false",      // one failure in ten thousand is chance
        "0, 1000, 30, 1000, true",        // 0% against 3%
        "10, 1000, 12, 1000, false",      // 1.0% against 1.2%
        "100, 10000, 200, 10000, true",   // 1% against 2% over many requests
        "0, 0, 5, 100, false",            // nothing to compare with
        "0, 100, 0, 100, false"})
    void errorRatesAreComparedWithATwoProportionTest(long failedA, long endedA, long failedB, long endedB, boolean differ) {
        assertThat(Noise.ratesDiffer(failedA, endedA, failedB, endedB)).isEqualTo(differ);
    }
}
