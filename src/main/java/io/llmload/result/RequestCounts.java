package io.llmload.result;

import java.util.Map;

/**
 * Measured requests: {@code total = succeeded + failed + incomplete}. {@code incomplete} are
 * requests still in flight when the run's drain time ran out; they are neither successes nor
 * server errors. {@code dropped} are requests the open model could not start because of
 * {@code load.max_in_flight} (always 0 in the closed model). {@code errors} counts failures by kind; {@code error_samples} keeps one message
 * per kind (server text truncated, secrets removed).
 */
public record RequestCounts(long total, long succeeded, long failed, long incomplete, long dropped, Map<String, Long> errors,
                            Map<String, String> errorSamples) {

    public double errorRate() {
        long ended = succeeded + failed;
        return ended == 0 ? 0 : (double) failed / ended;
    }
}
