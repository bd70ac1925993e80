package io.llmload.stats;

import org.HdrHistogram.Histogram;

/**
 * Tells a real difference from sampling noise. A percentile from few samples moves a lot
 * between identical runs (a p99 of 200 requests is decided by two of them), so percentiles are
 * compared through their 95% confidence intervals, which a histogram gives without any
 * assumption about the distribution; error rates through a two-proportion test.
 */
public final class Noise {
    /** The two-sided 95% normal quantile. */
    static final double Z95 = 1.959964;
    /** Probability left in each tail of a 95% interval. */
    private static final double TAIL = 0.025;
    /** Below this binomial variance the normal approximation of ranks is poor; count exactly. */
    private static final double EXACT_BELOW_VARIANCE = 25;

    private Noise() {
    }

    /** The smallest change worth naming: {@code pct} percent, and {@code ms} milliseconds for latencies. */
    public record Threshold(double pct, double ms) {
        /** From a zero baseline any change counts (there is no percentage). */
        public boolean exceeded(String unit, Double deltaPct, double delta) {
            if ("ms".equals(unit) && Math.abs(delta) < ms) {
                return false;
            }
            return deltaPct == null ? delta != 0 : Math.abs(deltaPct) >= pct;
        }
    }

    /**
     * The 95% confidence interval of quantile {@code q} (0..1) in milliseconds, from a histogram
     * of microseconds: the order statistics at ranks {@code l} and {@code u} that hold the true
     * quantile with 95% probability (K, the number of samples at or below it, is binomial).
     * With too few samples on a side the bound is open: 0 below, infinity above (a p99 of 30
     * samples says nothing about how high the true p99 may be).
     */
    public static double[] quantileInterval(Histogram h, double q) {
        return quantileInterval(h, q, h.getTotalCount());
    }

    /**
     * As {@link #quantileInterval(Histogram, double)}, for samples that come in clusters (the
     * inter-token gaps of one request move together): the interval is that of {@code n}
     * independent samples, read at the same fractions of the histogram.
     */
    public static double[] quantileInterval(Histogram h, double q, long n) {
        if (n <= 0 || h.getTotalCount() == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        long lower = lowerRank(n, q);
        long upper = n + 1 - lowerRank(n, 1 - q); // the same question asked of the exceedances
        return new double[] {lower < 1 ? 0 : valueAtFraction(h, (double) lower / n),
            upper > n ? Double.POSITIVE_INFINITY : valueAtFraction(h, (double) upper / n)};
    }

    /**
     * The largest rank {@code l} with P(K ≤ l − 1) ≤ 2.5% for K ~ Binomial(n, q); 0 when even
     * P(K = 0) is larger (no lower bound).
     */
    static long lowerRank(long n, double q) {
        double variance = n * q * (1 - q);
        if (variance >= EXACT_BELOW_VARIANCE) {
            return (long) Math.floor(n * q - Z95 * Math.sqrt(variance));
        }
        // Exact: walk the binomial distribution up from K = 0 (its mean n·q is small here, or the variance would not be).
        double logPmf = n * Math.log1p(-q);
        double cumulative = Math.exp(logPmf);
        long k = 0;
        while (cumulative <= TAIL && k < n) {
            logPmf += Math.log((double) (n - k) / (k + 1)) + Math.log(q) - Math.log1p(-q);
            k++;
            cumulative += Math.exp(logPmf);
        }
        return k; // P(K ≤ k − 1) ≤ 2.5% < P(K ≤ k)
    }

    private static double valueAtFraction(Histogram h, double fraction) {
        return h.getValueAtPercentile(100.0 * fraction) / 1000.0;
    }

    /**
     * True when {@code n} samples give quantile {@code q} a 95% interval closed on both sides;
     * with fewer, {@link #quantileInterval} leaves a side open and no difference can be shown.
     */
    public static boolean boundedInterval(long n, double q) {
        return n > 0 && lowerRank(n, q) >= 1 && lowerRank(n, 1 - q) >= 1;
    }

    /** The fewest samples for which {@link #boundedInterval} holds (e.g. 368 for a p99). */
    public static long samplesForBoundedInterval(double q) {
        long lo = 1;
        long hi = 1;
        while (!boundedInterval(hi, q)) {
            lo = hi + 1;
            hi *= 2;
        }
        while (lo < hi) { // bounded grows with n: the first n that has it
            long mid = (lo + hi) >>> 1;
            if (boundedInterval(mid, q)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return hi;
    }

    /** True when the intervals of the same quantile in two histograms do not overlap. */
    public static boolean quantilesDiffer(Histogram a, Histogram b, double q) {
        double[] ia = quantileInterval(a, q);
        double[] ib = quantileInterval(b, q);
        if (Double.isNaN(ia[0]) || Double.isNaN(ib[0])) {
            return false;
        }
        return ia[1] < ib[0] || ib[1] < ia[0];
    }

    /** A two-proportion z-test at 95%: do {@code failedA/endedA} and {@code failedB/endedB} differ? */
    public static boolean ratesDiffer(long failedA, long endedA, long failedB, long endedB) {
        if (endedA == 0 || endedB == 0) {
            return false;
        }
        double pooled = (double) (failedA + failedB) / (endedA + endedB);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / endedA + 1.0 / endedB));
        if (se == 0) {
            return false; // both 0% or both 100%
        }
        double diff = (double) failedA / endedA - (double) failedB / endedB;
        return Math.abs(diff) / se > Z95;
    }
}
