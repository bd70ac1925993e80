package io.llmload.report;

import io.llmload.result.LatencyStats;
import io.llmload.text.Format;

/**
 * A latency figure as every renderer shows it: milliseconds, or {@code –} when the metric has no
 * samples (no request succeeded, or none had that phase), never a 0 that reads as "instant".
 */
final class LatencyText {
    static final String NONE = "–";

    private LatencyText() {
    }

    /** {@code v}, one of {@code l}'s figures, in milliseconds; {@link #NONE} when {@code l} has no samples. */
    static String ms(LatencyStats l, double v) {
        return l == null || l.count() == 0 ? NONE : Format.ms(v);
    }
}
