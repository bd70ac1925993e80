package io.llmload.scenario;

import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;

import java.time.Duration;

/**
 * Per-request service levels for goodput: a request counts towards goodput when it succeeded and
 * met every limit given here (DistServe's definition, as in vLLM's benchmark).
 */
public record GoodputSpec(Duration ttft, Duration tpot, Duration itl, Duration e2e) {

    public static final Shape.Obj SHAPE = obj(
            optional("ttft", Shape.duration(), null, "time to first token at most"),
            optional("tpot", Shape.duration(), null, "time per output token at most"),
            optional("itl", Shape.duration(), null, "every inter-token gap at most"),
            optional("e2e", Shape.duration(), null, "end-to-end latency at most"));

    static GoodputSpec from(ObjView v) {
        return new GoodputSpec(v.duration("ttft"), v.duration("tpot"), v.duration("itl"), v.duration("e2e"));
    }

    public boolean any() {
        return ttft != null || tpot != null || itl != null || e2e != null;
    }
}
