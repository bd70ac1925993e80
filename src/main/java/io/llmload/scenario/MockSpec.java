package io.llmload.scenario;

import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;

import java.util.Map;

/** How the built-in mock behaves when the target is {@code embedded}. */
public record MockSpec(DistSpec ttft, DistSpec itl, DistSpec outputTokens, long seed, int maxBatch, double itlPerSequence,
                       MockFaults faults, DistSpec reasoningTokens) {

    public static final Shape.Obj SHAPE = obj(
            optional("ttft", DistSpec.durationShape(), "200ms", "time to first token"),
            optional("itl", DistSpec.durationShape(), "20ms", "time between tokens"),
            optional("output_tokens", DistSpec.countShape(), 128L, "tokens per response (capped by the request's max_tokens)"),
            optional("reasoning_tokens", DistSpec.countShape(), 0L, "reasoning tokens streamed before the answer as reasoning_content "
                    + "deltas, one ITL apart (max_tokens caps reasoning and answer together); 0 = no reasoning phase"),
            optional("seed", Shape.longInteger(Long.MIN_VALUE), 7L, "seed for the mock's random draws and its choice of faulty requests"),
            optional("max_batch", integer(0), 0L, "sequences decoded at once; the rest queue (their TTFT includes the wait); 0 = no limit"),
            optional("itl_per_sequence", Shape.number(0), 0.0, "ITL grows by this fraction for each sequence beyond the first in the batch"),
            optional("faults", MockFaults.SHAPE, Map.of(), "faults to inject, each with a rate: http_429, reset, stall_first_token, ..."));

    public static MockSpec defaults() {
        return from(new ObjView(null, SHAPE, "mock"));
    }

    static MockSpec from(ObjView v) {
        return new MockSpec(DistSpec.from(v, "ttft", true), DistSpec.from(v, "itl", true),
                DistSpec.from(v, "output_tokens", false), v.integer("seed"), Math.toIntExact(v.integer("max_batch")),
                v.number("itl_per_sequence"), MockFaults.from(v.obj("faults")), DistSpec.from(v, "reasoning_tokens", false));
    }
}
