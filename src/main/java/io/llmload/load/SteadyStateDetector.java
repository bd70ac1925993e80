package io.llmload.load;

import io.llmload.scenario.SteadyStateSpec;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * Decides when {@code warmup: auto} ends: once, over the last {@code window} seconds, per-second
 * throughput (requests ended per second) and TTFT p50 each have a coefficient of variation
 * (stddev / mean) at most {@code max_cv}, with requests ending in every second of the window.
 * A pure function of the samples fed in, so it is testable without a clock.
 */
public final class SteadyStateDetector {
    private final int windowSeconds;
    private final double maxCv;
    private final ArrayDeque<double[]> window = new ArrayDeque<>();

    public SteadyStateDetector(SteadyStateSpec spec) {
        this.windowSeconds = (int) Math.max(2, Math.round(spec.window().toMillis() / 1000.0));
        this.maxCv = spec.maxCv();
    }

    /** Feeds one second; returns true when the window shows a steady state. */
    public boolean offer(double requestsPerS, double ttftP50Ms) {
        window.addLast(new double[] {requestsPerS, ttftP50Ms});
        if (window.size() > windowSeconds) {
            window.removeFirst();
        }
        if (window.size() < windowSeconds) {
            return false;
        }
        for (double[] s : window) {
            if (s[0] <= 0 || s[1] <= 0) {
                return false;
            }
        }
        return cv(0) <= maxCv && cv(1) <= maxCv;
    }

    public String rule() {
        return String.format(Locale.ROOT, "throughput and TTFT p50 each with coefficient of variation <= %.2f over %d s", maxCv,
                windowSeconds);
    }

    private double cv(int column) {
        double sum = 0;
        for (double[] s : window) {
            sum += s[column];
        }
        double mean = sum / window.size();
        double sq = 0;
        for (double[] s : window) {
            sq += (s[column] - mean) * (s[column] - mean);
        }
        double sd = Math.sqrt(sq / (window.size() - 1));
        return mean == 0 ? Double.MAX_VALUE : sd / mean;
    }
}
