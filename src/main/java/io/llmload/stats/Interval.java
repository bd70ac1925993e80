package io.llmload.stats;

/** An estimate with a 95% confidence interval, the number of samples behind it, and how it was computed. */
public record Interval(double estimate, double low, double high, long n, String method) {

    public boolean excludesZero() {
        return low > 0 || high < 0;
    }
}
