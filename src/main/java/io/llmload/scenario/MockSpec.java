package io.llmload.scenario;

import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;

/** How the built-in mock behaves when the target is {@code embedded}. */
public record MockSpec(DistSpec ttft, DistSpec itl, DistSpec outputTokens, long seed, int maxRunning) {

    public static final Shape.Obj SHAPE = obj(
            optional("ttft", DistSpec.durationShape(), "200ms", "time to first token"),
            optional("itl", DistSpec.durationShape(), "20ms", "time between tokens"),
            optional("output_tokens", DistSpec.countShape(), 128L, "tokens per response (capped by the request's max_tokens)"),
            optional("seed", integer(Long.MIN_VALUE), 7L, "seed for the mock's random draws"),
            optional("max_running", integer(0, Integer.MAX_VALUE), 0L, "answers generated at once, like vLLM's max_num_seqs; the rest queue (0: no limit)"));

    public static MockSpec defaults() {
        return from(new ObjView(null, SHAPE, "mock"));
    }

    static MockSpec from(ObjView v) {
        return new MockSpec(DistSpec.from(v, "ttft", true), DistSpec.from(v, "itl", true),
                DistSpec.from(v, "output_tokens", false), v.integer("seed"), Math.toIntExact(v.integer("max_running")));
    }
}
