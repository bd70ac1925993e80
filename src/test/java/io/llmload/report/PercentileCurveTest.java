package io.llmload.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmload.metrics.Histograms;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PercentileCurveTest {

    @Test
    void followsTheHistogramOnTheNinesAxis() {
        Histogram h = Histograms.create();
        for (int ms = 1; ms <= 10_000; ms++) {
            h.recordValue(ms * 1000L); // 1 ms .. 10 s, uniform
        }
        PercentileCurve c = PercentileCurve.of(h);
        assertThat(c.nines()).isNotEmpty().hasSameSizeAs(c.ms());
        assertThat(c.nines().get(0)).isEqualTo(1.0);
        for (int i = 0; i < c.nines().size(); i++) {
            double percentile = 100 - 100 / c.nines().get(i);
            // Uniform 1..10,000 ms: the value at p% is about p% of 10 s (three significant digits).
            assertThat(c.ms().get(i)).as("at %s%%", percentile).isCloseTo(Math.max(1, percentile * 100), within(percentile * 100 * 0.002 + 1));
            if (i > 0) {
                assertThat(c.nines().get(i)).isGreaterThan(c.nines().get(i - 1));
                assertThat(c.ms().get(i)).isGreaterThanOrEqualTo(c.ms().get(i - 1));
            }
        }
        // Reaches past 99.9% (10,000 samples) and never claims the infinite 100%.
        assertThat(c.nines().get(c.nines().size() - 1)).isGreaterThan(1000).isFinite();
    }

    @Test
    void encodedAndEmptyHistograms() {
        Histogram h = Histograms.create();
        h.recordValue(150_000);
        assertThat(PercentileCurve.ofEncoded(Histograms.encode(h)).ms()).containsOnly(h.highestEquivalentValue(150_000) / 1000.0);
        assertThat(PercentileCurve.ofEncoded(null)).isEqualTo(PercentileCurve.EMPTY);
        assertThat(PercentileCurve.of(Histograms.create())).isEqualTo(PercentileCurve.EMPTY);
    }
}
