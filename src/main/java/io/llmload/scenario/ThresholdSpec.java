package io.llmload.scenario;

import static io.llmload.scenario.Shape.bool;
import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.oneOf;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.required;
import static io.llmload.scenario.Shape.str;

/**
 * A threshold as written, with where its expression was written (for column-precise parse
 * errors). Written either as a plain string ({@code "error_rate < 1%"}) or as a mapping that can
 * also stop the run early: {@code {expr: "error_rate < 1%", abort_on_fail: true, min_requests: 50}}.
 *
 * @param minRequests measured requests that must have ended before abort_on_fail may stop the run;
 *                    null for the metric's default
 */
public record ThresholdSpec(String expr, boolean abortOnFail, Long minRequests, Location location) {

    public static final Shape.Obj SHAPE = obj(
            required("expr", str(), "the check, e.g. 'error_rate < 1%'"),
            optional("abort_on_fail", bool(), false,
                    "stop the run as soon as the check can no longer pass; for error_rate (<, <=), dropped, failed, requests, "
                            + "succeeded (<, <=, ==), LATENCY.max (<, <=, ==) and LATENCY.min (>, >=, ==)"),
            optional("min_requests", Shape.longInteger(0), null,
                    "abort_on_fail waits until this many measured requests have ended (default: 100 for error_rate, else 0)"));

    /** A list item of {@code thresholds}: an expression, or a mapping with {@code expr} and abort settings. */
    public static final Shape ITEM = oneOf("a check such as 'ttft.p99 < 800ms', or {expr, abort_on_fail, min_requests}", str(), SHAPE);

    /** A plain expression that never aborts the run. */
    public ThresholdSpec(String expr, Location location) {
        this(expr, false, null, location);
    }

    /** Binds one validated list item (string or mapping). */
    static ThresholdSpec from(Node n, String path) {
        if (n instanceof Node.MapNode m) {
            ObjView v = new ObjView(m, SHAPE, path);
            Node expr = v.raw("expr");
            return new ThresholdSpec(v.str("expr"), v.bool("abort_on_fail"), v.integerOrNull("min_requests"), expr.location());
        }
        return new ThresholdSpec(String.valueOf(((Node.ScalarNode) n).value()), n.location());
    }
}
