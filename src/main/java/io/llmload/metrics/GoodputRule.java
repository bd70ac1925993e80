package io.llmload.metrics;

import io.llmload.client.ItlBuffer;
import io.llmload.client.RequestOutcome;

/**
 * Per-request service levels for goodput, in nanoseconds (-1 for "no limit"): a succeeded request
 * counts towards goodput when it met every limit set.
 */
public record GoodputRule(long ttftNanos, long tpotNanos, long itlNanos, long e2eNanos) {

    public static final GoodputRule NONE = new GoodputRule(-1, -1, -1, -1);

    public boolean active() {
        return ttftNanos >= 0 || tpotNanos >= 0 || itlNanos >= 0 || e2eNanos >= 0;
    }

    public boolean met(RequestOutcome o, ItlBuffer itl) {
        if (ttftNanos >= 0 && (o.firstTokenNanos() == 0 || o.ttftNanos() > ttftNanos)) {
            return false;
        }
        if (tpotNanos >= 0 && o.tpotNanos() > tpotNanos) {
            return false;
        }
        if (e2eNanos >= 0 && o.e2eNanos() > e2eNanos) {
            return false;
        }
        if (itlNanos >= 0) {
            long limitMicros = itlNanos / 1000;
            for (int i = 0; i < itl.size(); i++) {
                if (itl.micros(i) > limitMicros) {
                    return false;
                }
            }
        }
        return true;
    }
}
