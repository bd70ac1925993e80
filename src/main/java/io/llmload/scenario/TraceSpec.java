package io.llmload.scenario;

import static io.llmload.scenario.Shape.number;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.required;

import java.nio.file.Path;

/**
 * Trace replay ({@code load.trace}): requests sent at the times recorded in a JSON Lines file,
 * like production traffic captured from logs. {@code path} is resolved against the directory of
 * the scenario file that names it; {@code timeScale} multiplies every recorded time (0.5 replays
 * twice as fast).
 */
public record TraceSpec(Path path, double timeScale) {

    public static final Shape.Obj SHAPE = obj(
            required("path", Shape.str(), "JSONL of {timestamp_ms, input_tokens?, output_tokens?, messages?}, relative to the scenario file"),
            optional("time_scale", number(0.001), 1.0, "multiplies the recorded times: 0.5 replays twice as fast, 2 half as fast"));

    static TraceSpec from(ObjView v) {
        return new TraceSpec(DatasetSpec.resolve(v.str("path"), v.location("path")), v.number("time_scale"));
    }
}
