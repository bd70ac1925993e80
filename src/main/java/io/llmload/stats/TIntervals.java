package io.llmload.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Student-t confidence intervals: for the mean of repeated runs, and for the difference of two
 * means (Welch, unequal variances; or paired when runs were matched, as interleaved variants are).
 */
public final class TIntervals {
    private static final double LEVEL = 0.95;

    private TIntervals() {
    }

    /** The mean of {@code values} with its 95% interval (needs at least 2 values for a width). */
    public static Interval mean(double[] values) {
        int n = values.length;
        double mean = average(values);
        if (n < 2) {
            return new Interval(mean, Double.NaN, Double.NaN, n, "t");
        }
        double half = t(n - 1) * Math.sqrt(variance(values, mean) / n);
        return new Interval(mean, mean - half, mean + half, n, "t");
    }

    /** mean(b) - mean(a), Welch's interval. */
    public static Interval difference(double[] a, double[] b) {
        double ma = average(a);
        double mb = average(b);
        if (a.length < 2 || b.length < 2) {
            return new Interval(mb - ma, Double.NaN, Double.NaN, Math.min(a.length, b.length), "welch-t");
        }
        double va = variance(a, ma) / a.length;
        double vb = variance(b, mb) / b.length;
        double se = Math.sqrt(va + vb);
        double df = se == 0 ? a.length + b.length - 2
                : Math.pow(va + vb, 2) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        double half = t(Math.max(1, df)) * se;
        return new Interval(mb - ma, mb - ma - half, mb - ma + half, Math.min(a.length, b.length), "welch-t");
    }

    /** mean(b[i] - a[i]) for matched pairs. */
    public static Interval pairedDifference(double[] a, double[] b) {
        double[] d = new double[Math.min(a.length, b.length)];
        for (int i = 0; i < d.length; i++) {
            d[i] = b[i] - a[i];
        }
        Interval m = mean(d);
        return new Interval(m.estimate(), m.low(), m.high(), m.n(), "paired-t");
    }

    static double t(double df) {
        return new TDistribution(df).inverseCumulativeProbability(1 - (1 - LEVEL) / 2);
    }

    private static double average(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    private static double variance(double[] v, double mean) {
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return s / (v.length - 1);
    }
}
