package io.llmload.stats;

import java.util.Arrays;
import org.HdrHistogram.Histogram;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Bootstrap confidence intervals for the difference of a percentile between two latency
 * histograms, without materialising resamples: the k-th smallest of n draws from a distribution
 * is its inverse CDF at a Beta(k, n - k + 1) variate, so one bootstrap replicate of a percentile
 * costs two histogram lookups. Samples are treated as independent; inter-token gaps of one request
 * are not, so ITL intervals come out somewhat too narrow.
 */
public final class HistogramBootstrap {
    private static final int REPLICATES = 2000;

    private HistogramBootstrap() {
    }

    /** percentile(b) - percentile(a), values in the histograms' unit, with a 95% percentile-bootstrap interval. */
    public static Interval percentileDifference(Histogram a, Histogram b, double percentile, long seed) {
        double estimate = b.getValueAtPercentile(percentile) - a.getValueAtPercentile(percentile);
        long n = Math.min(a.getTotalCount(), b.getTotalCount());
        double q = percentile / 100;
        if (!Noise.boundedInterval(a.getTotalCount(), q) || !Noise.boundedInterval(b.getTotalCount(), q)) {
            // Too few samples to bound this quantile (a p99 needs 368): resampling would only
            // compare the two maxima and call any difference between them significant.
            return new Interval(estimate, Double.NaN, Double.NaN, n, "bootstrap");
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ChengBetaSampler betaA = order(rng, a.getTotalCount(), percentile);
        ChengBetaSampler betaB = order(rng, b.getTotalCount(), percentile);
        double[] d = new double[REPLICATES];
        for (int i = 0; i < REPLICATES; i++) {
            d[i] = b.getValueAtPercentile(100 * betaB.sample()) - a.getValueAtPercentile(100 * betaA.sample());
        }
        Arrays.sort(d);
        return new Interval(estimate, d[(int) (0.025 * REPLICATES)], d[(int) Math.ceil(0.975 * REPLICATES) - 1], n, "bootstrap");
    }

    /** mean(b) - mean(a) with a normal-approximation 95% interval (the bootstrap of a mean converges to it). */
    public static Interval meanDifference(Histogram a, Histogram b) {
        double estimate = b.getMean() - a.getMean();
        long n = Math.min(a.getTotalCount(), b.getTotalCount());
        if (a.getTotalCount() < 2 || b.getTotalCount() < 2) {
            return new Interval(estimate, Double.NaN, Double.NaN, n, "normal");
        }
        double se = Math.sqrt(Math.pow(a.getStdDeviation(), 2) / a.getTotalCount() + Math.pow(b.getStdDeviation(), 2) / b.getTotalCount());
        return new Interval(estimate, estimate - 1.96 * se, estimate + 1.96 * se, n, "normal");
    }

    private static ChengBetaSampler order(UniformRandomProvider rng, long n, double percentile) {
        long k = Math.max(1, Math.min(n, (long) Math.ceil(percentile / 100 * n)));
        return new ChengBetaSampler(rng, k, n - k + 1);
    }
}
