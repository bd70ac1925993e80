package io.llmload.metrics;

import io.llmload.result.TimePoint;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Everything measured in one sampling interval (about a second), for live consumers such as the
 * console view and Micrometer: the {@link TimePoint}, each latency metric's interval histogram
 * (microseconds; copies the consumer may keep), and the counter increments of the interval.
 * Warmup requests appear in {@code point} counts but not in histograms or token counters;
 * {@code warmupTtftP50Ms} is the TTFT p50 of warmup requests that ended in the interval (for the
 * steady-state detector). {@code reasoningTokens} is the part of {@code outputTokens} that was reasoning.
 */
public record IntervalSnapshot(TimePoint point, double elapsedS, Map<Metric, Histogram> histograms,
                               long succeeded, long failed, Map<String, Long> errors, long inputTokens, long outputTokens,
                               long dropped, int inFlight, double warmupTtftP50Ms, long reasoningTokens) {

    /** An interval without reasoning tokens. */
    public IntervalSnapshot(TimePoint point, double elapsedS, Map<Metric, Histogram> histograms, long succeeded, long failed,
                            Map<String, Long> errors, long inputTokens, long outputTokens, long dropped, int inFlight,
                            double warmupTtftP50Ms) {
        this(point, elapsedS, histograms, succeeded, failed, errors, inputTokens, outputTokens, dropped, inFlight, warmupTtftP50Ms, 0);
    }
}
