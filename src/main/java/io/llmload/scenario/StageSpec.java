package io.llmload.scenario;

import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.number;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.required;
import static io.llmload.scenario.Shape.str;

import java.time.Duration;

/**
 * One stage of {@code load.stages}: for {@code duration}, run at {@code concurrency} users (closed
 * model) or {@code rate} requests per second (open model), reached at once ({@code step}) or by a
 * linear ramp from the previous stage's level.
 */
public record StageSpec(Duration duration, Integer concurrency, Double rate, String ramp) {

    public static final Shape.Obj SHAPE = obj(
            required("duration", Shape.duration(), "how long the stage lasts"),
            optional("concurrency", integer(0, LoadSpec.MAX_USERS_IN_CLUSTER), null, "users during the stage (closed model)"),
            optional("rate", number(0, LoadSpec.MAX_RATE_IN_CLUSTER), null, "requests per second during the stage (open model)"),
            optional("ramp", str("step", "linear"), "step", "step: jump to the level; linear: ramp from the previous stage's level"));

    static StageSpec from(ObjView v) {
        Long c = v.integerOrNull("concurrency");
        return new StageSpec(v.duration("duration"), c == null ? null : Math.toIntExact(c), v.numberOrNull("rate"), v.str("ramp"));
    }

    public double level() {
        return concurrency != null ? concurrency : rate;
    }

    public boolean linear() {
        return "linear".equals(ramp);
    }
}
