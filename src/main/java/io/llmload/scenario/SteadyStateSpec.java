package io.llmload.scenario;

import static io.llmload.scenario.Shape.number;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;

import java.time.Duration;

/**
 * The rule for {@code warmup: auto}: warmup ends once per-second throughput and TTFT p50 each have
 * a coefficient of variation below {@code max_cv} over the last {@code window}, or at {@code max}.
 */
public record SteadyStateSpec(Duration window, double maxCv, Duration max) {

    public static final Shape.Obj SHAPE = obj(
            optional("window", Shape.duration(), "5s", "sliding window the variation is measured over"),
            optional("max_cv", number(0), 0.1, "largest coefficient of variation (stddev / mean) counted as settled"),
            optional("max", Shape.duration(), "60s", "warmup ends here even if the load never settled"));

    static SteadyStateSpec from(ObjView v) {
        return new SteadyStateSpec(v.duration("window"), v.number("max_cv"), v.duration("max"));
    }
}
