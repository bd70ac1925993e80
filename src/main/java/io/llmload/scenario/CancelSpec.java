package io.llmload.scenario;

import static io.llmload.scenario.Shape.number;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.required;

/**
 * Users who give up ({@code workload.cancel}): a seeded {@code fraction} of requests is abandoned
 * mid-stream, the connection reset as when a browser tab is closed, at the point {@code after}
 * says. Abandoned requests are counted apart ({@code requests.cancelled}), not as errors, and kept
 * out of the latency figures.
 */
public record CancelSpec(double fraction, CancelAfter after) {

    public static final Shape.Obj SHAPE = obj(
            required("fraction", number(0, 1), "share of requests abandoned by their user: 0.1 = 10%"),
            required("after", CancelAfter.SHAPE, "when the user gives up: {tokens: 20} or {time: 2s}, each also as a distribution"));

    static CancelSpec from(ObjView v) {
        return new CancelSpec(v.number("fraction"), CancelAfter.from(v.obj("after")));
    }
}
