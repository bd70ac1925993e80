package io.llmload.result;

/**
 * One second of the run. {@code t} is seconds since the run started at the end of the interval
 * (warmup included; {@code warmup} marks intervals that began during warmup); counts are of requests that ended in that second
 * ({@code requests} includes those their users abandoned, {@code cancelled}); latency percentiles are of
 * the succeeded measured requests that ended in it (0 when there were none). {@code stage} is the
 * load stage at the end of the interval (-1 during warmup) and {@code target} the planned level
 * there (users, or requests per second in the open model), so charts can mark stage boundaries.
 */
public record TimePoint(double t, boolean warmup, int stage, double target, long requests, long succeeded, long errors,
                        long cancelled, long dropped, long outputTokens, int inFlight, double ttftP50Ms, double ttftP99Ms, double itlP50Ms,
                        double itlP99Ms, double e2eP50Ms, double e2eP99Ms) {

    /** A second in which no request was abandoned by its user. */
    public TimePoint(double t, boolean warmup, int stage, double target, long requests, long succeeded, long errors, long dropped,
                     long outputTokens, int inFlight, double ttftP50Ms, double ttftP99Ms, double itlP50Ms, double itlP99Ms,
                     double e2eP50Ms, double e2eP99Ms) {
        this(t, warmup, stage, target, requests, succeeded, errors, 0, dropped, outputTokens, inFlight, ttftP50Ms, ttftP99Ms, itlP50Ms,
                itlP99Ms, e2eP50Ms, e2eP99Ms);
    }
}
