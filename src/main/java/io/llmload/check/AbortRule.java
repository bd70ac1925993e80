package io.llmload.check;

import io.llmload.result.LatencyStats;
import io.llmload.result.Summary;
import java.util.List;

/**
 * Which thresholds may stop a run early ({@code abort_on_fail}) and whether the measured results
 * so far already decide that one fails. A run is stopped only when the final value can no longer
 * pass, which holds for values that move one way only:
 * <ul>
 *   <li>the counters {@code dropped}, {@code failed}, {@code requests}, {@code succeeded}, and the
 *       token counts {@code reasoning_tokens} and {@code answer_tokens} only
 *       grow, so an upper limit ({@code <}, {@code <=}, {@code ==}) broken now stays broken;</li>
 *   <li>{@code LATENCY.max} only grows ({@code <}, {@code <=}, {@code ==}) and {@code LATENCY.min}
 *       only falls ({@code >}, {@code >=}, {@code ==});</li>
 *   <li>{@code error_rate} is the one judged value: it can still fall, so it is taken on the
 *       requests so far once {@code min_requests} of them have ended (k6's abortOnFail rule with a
 *       sample floor instead of a delay).</li>
 * </ul>
 * Percentiles, means and rates can move either way until the last request, so they cannot abort,
 * and {@code incomplete} is only known at the end. Pure functions.
 */
public final class AbortRule {
    static final List<String> GROWING_COUNTERS = List.of("dropped", "failed", "requests", "succeeded", "reasoning_tokens",
            "answer_tokens");
    private static final String WHAT_WORKS = "abort_on_fail works with error_rate (<, <=), dropped/failed/requests/succeeded "
            + "and reasoning_tokens/answer_tokens "
            + "(<, <=, ==), LATENCY.max (<, <=, ==) and LATENCY.min (>, >=, ==)";

    private AbortRule() {
    }

    /** Null when {@code t} may abort a run, else a one-line reason why it cannot. */
    public static String unsupported(Threshold t) {
        String name = "'" + t.expr() + "' cannot stop a run early: ";
        Threshold.Op op = t.op();
        boolean upper = op == Threshold.Op.LT || op == Threshold.Op.LE || op == Threshold.Op.EQ;
        boolean lower = op == Threshold.Op.GT || op == Threshold.Op.GE || op == Threshold.Op.EQ;
        if (ThresholdParser.ERROR_RATE.equals(t.metric())) {
            return op == Threshold.Op.LT || op == Threshold.Op.LE ? null
                    : name + "only an upper limit on error_rate (<, <=) can abort; " + WHAT_WORKS;
        }
        if (GROWING_COUNTERS.contains(t.metric())) {
            return upper ? null : name + t.metric() + " only grows, so only an upper limit can fail before the end; " + WHAT_WORKS;
        }
        if ("max".equals(t.stat())) {
            return upper ? null : name + "a maximum only grows, so only an upper limit can fail before the end; " + WHAT_WORKS;
        }
        if ("min".equals(t.stat())) {
            return lower ? null : name + "a minimum only falls, so only a lower limit can fail before the end; " + WHAT_WORKS;
        }
        if (t.stat() != null) {
            return name + "a " + (t.stat().equals("mean") ? "mean" : "percentile") + " can still move either way until the last "
                    + "request; " + WHAT_WORKS;
        }
        if ("incomplete".equals(t.metric())) {
            return name + "requests cut off at the end are only known when the run ends; " + WHAT_WORKS;
        }
        return name + "a rate per second can still change until the run ends; " + WHAT_WORKS;
    }

    /**
     * The measured value when the results so far already decide that {@code t} fails, else null.
     * Only for thresholds {@link #unsupported} accepts; others never decide.
     */
    public static Double failing(Threshold t, Summary soFar) {
        if (unsupported(t) != null || soFar == null) {
            return null;
        }
        long ended = soFar.requests().succeeded() + soFar.requests().failed();
        if (ended < t.minRequests()) {
            return null;
        }
        if (ThresholdParser.ERROR_RATE.equals(t.metric())) {
            double rate = soFar.requests().errorRate();
            return ended > 0 && !t.op().test(rate, t.value()) ? rate : null;
        }
        double v;
        boolean growing;
        if (GROWING_COUNTERS.contains(t.metric())) {
            v = ThresholdEvaluator.measure(t, soFar);
            growing = true;
        } else {
            LatencyStats l = soFar.latency(t.metric());
            if (l.count() == 0) {
                return null;
            }
            v = l.stat(t.stat());
            growing = "max".equals(t.stat());
        }
        // Failing now and on the side the value moves towards: it cannot come back.
        boolean decided = !t.op().test(v, t.value()) && (growing ? v > t.value() || v == t.value() && t.op() != Threshold.Op.EQ
                : v < t.value() || v == t.value() && t.op() != Threshold.Op.EQ);
        return decided ? v : null;
    }
}
