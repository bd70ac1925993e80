package io.llmload.result;

import java.util.Map;

/**
 * Measured requests: {@code total = succeeded + failed + incomplete + cancelled}. {@code incomplete} are
 * requests still in flight when the run's drain time ran out; they are neither successes nor
 * server errors. {@code cancelled} are requests their simulated users abandoned
 * ({@code workload.cancel}), {@code cancelled_before_first_token} of them before any token came;
 * they are not errors either, and stay out of the latency figures. {@code dropped} are requests the open model could not start because of
 * {@code load.max_in_flight} (always 0 in the closed model). {@code errors} counts failures by kind; {@code error_samples} keeps one message
 * per kind (server text truncated, secrets removed). With {@code request.retry}, a request counts
 * once, by its final outcome; {@code retries} counts the failed attempts that were tried again and
 * {@code retries_by_kind} says what they failed with (the failed attempts of a request cut off
 * while it waited to retry included). {@code incomplete_retrying} are the incomplete requests that
 * were waiting to be retried (out a server's {@code Retry-After}, or a backoff) when they were cut
 * off, rather than waiting for an answer. {@code unstreamed} are succeeded requests that asked for a
 * stream and were answered with one JSON body (the server ignored {@code stream: true}): they are
 * measured as non-streaming, so they count in {@code e2e} and the tokens but have no TTFT.
 */
public record RequestCounts(long total, long succeeded, long failed, long incomplete, long dropped, Map<String, Long> errors,
                            Map<String, String> errorSamples, long retries, Map<String, Long> retriesByKind, long cancelled,
                            long cancelledBeforeFirstToken, long incompleteRetrying, long unstreamed) {

    /** Counts of a run in which every answer came as the request asked. */
    public RequestCounts(long total, long succeeded, long failed, long incomplete, long dropped, Map<String, Long> errors,
                         Map<String, String> errorSamples, long retries, Map<String, Long> retriesByKind, long cancelled,
                         long cancelledBeforeFirstToken, long incompleteRetrying) {
        this(total, succeeded, failed, incomplete, dropped, errors, errorSamples, retries, retriesByKind, cancelled,
                cancelledBeforeFirstToken, incompleteRetrying, 0);
    }

    /** Counts of a run in which no request was cut off while waiting to retry. */
    public RequestCounts(long total, long succeeded, long failed, long incomplete, long dropped, Map<String, Long> errors,
                         Map<String, String> errorSamples, long retries, Map<String, Long> retriesByKind, long cancelled,
                         long cancelledBeforeFirstToken) {
        this(total, succeeded, failed, incomplete, dropped, errors, errorSamples, retries, retriesByKind, cancelled,
                cancelledBeforeFirstToken, 0);
    }

    /** Counts of a run without cancellations. */
    public RequestCounts(long total, long succeeded, long failed, long incomplete, long dropped, Map<String, Long> errors,
                         Map<String, String> errorSamples, long retries, Map<String, Long> retriesByKind) {
        this(total, succeeded, failed, incomplete, dropped, errors, errorSamples, retries, retriesByKind, 0, 0);
    }

    /** Counts of a run without retries. */
    public RequestCounts(long total, long succeeded, long failed, long incomplete, long dropped, Map<String, Long> errors,
                         Map<String, String> errorSamples) {
        this(total, succeeded, failed, incomplete, dropped, errors, errorSamples, 0, Map.of());
    }

    public double errorRate() {
        long ended = succeeded + failed;
        return ended == 0 ? 0 : (double) failed / ended;
    }
}
