package io.llmload.report;

import io.llmload.metrics.IntervalSnapshot;
import io.llmload.result.TimePoint;

/**
 * What the live view shows after one sampling interval: progress towards the planned end,
 * rates over the last interval, in-flight requests, errors so far and the last interval's TTFT
 * percentiles. A value computed from a snapshot and running totals, so the line rendering is a
 * pure function of it ({@link StatusLine}).
 *
 * @param fraction   progress 0..1, or NaN when neither a duration nor a request budget is known
 * @param plannedS   planned run length in seconds (warmup included), 0 when unknown
 * @param done       measured requests ended so far; {@code plannedRequests} 0 when there is no budget
 * @param draining   issuing has stopped; in-flight requests are finishing
 * @param ttftP50Ms  NaN when no measured request succeeded in the interval
 * @param tokens     the API streams tokens; when not (embeddings, rerank) the line shows end-to-end
 *                   latency and input tokens/s instead of TTFT and output tokens/s, which it has not
 * @param e2eP50Ms   NaN when no measured request succeeded in the interval
 */
public record LiveStatus(double elapsedS, double plannedS, double fraction, long done, long plannedRequests, boolean warmup,
                         boolean draining, double requestsPerS, double outputTokensPerS, int inFlight, long errors, long intervalErrors,
                         double ttftP50Ms, double ttftP99Ms, boolean tokens, double e2eP50Ms, double e2eP99Ms, double inputTokensPerS) {

    /** The same status once issuing has stopped. */
    public LiveStatus asDraining() {
        return new LiveStatus(elapsedS, plannedS, fraction, done, plannedRequests, warmup, true, requestsPerS, outputTokensPerS, inFlight,
                errors, intervalErrors, ttftP50Ms, ttftP99Ms, tokens, e2eP50Ms, e2eP99Ms, inputTokensPerS);
    }

    /** The status of an API that streams tokens. */
    public static LiveStatus of(IntervalSnapshot snapshot, double previousElapsedS, long done, long errors, double plannedS,
                                long plannedRequests, double warmupS) {
        return of(snapshot, previousElapsedS, done, errors, plannedS, plannedRequests, warmupS, true);
    }

    /**
     * @param previousElapsedS the elapsed time at the previous snapshot (0 for the first), for the interval's length
     * @param done             measured requests ended so far, this interval included
     * @param errors           failed requests so far, this interval included
     * @param warmupS          the warmup: a planned length no longer than it says nothing about the end
     * @param tokens           the API streams tokens (not embeddings or rerank)
     */
    public static LiveStatus of(IntervalSnapshot snapshot, double previousElapsedS, long done, long errors, double plannedS,
                                long plannedRequests, double warmupS, boolean tokens) {
        TimePoint p = snapshot.point();
        double dt = snapshot.elapsedS() - previousElapsedS;
        double perS = dt > 1e-3 ? 1 / dt : 0;
        boolean timeKnown = plannedS > warmupS && plannedS > 0;
        double fraction = Double.NaN;
        if (timeKnown) {
            fraction = snapshot.elapsedS() / plannedS;
        }
        if (plannedRequests > 0) {
            double byRequests = (double) done / plannedRequests;
            fraction = Double.isNaN(fraction) ? byRequests : Math.max(fraction, byRequests); // whichever ends the run first
        }
        if (!Double.isNaN(fraction)) {
            fraction = Math.max(0, Math.min(1, fraction));
        }
        boolean hasTtft = snapshot.succeeded() > 0 && snapshot.histograms() != null;
        return new LiveStatus(snapshot.elapsedS(), timeKnown ? plannedS : 0, fraction, done, plannedRequests, p.warmup(), false,
                p.requests() * perS, p.outputTokens() * perS, snapshot.inFlight(), errors, p.errors(),
                hasTtft ? p.ttftP50Ms() : Double.NaN, hasTtft ? p.ttftP99Ms() : Double.NaN, tokens,
                hasTtft ? p.e2eP50Ms() : Double.NaN, hasTtft ? p.e2eP99Ms() : Double.NaN, snapshot.inputTokens() * perS);
    }
}
