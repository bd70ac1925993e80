package io.llmload.scenario;

import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.number;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.required;

import java.nio.file.Path;

/**
 * Trace replay ({@code load.trace}): requests sent at the times recorded in a JSON Lines file,
 * like production traffic captured from logs. {@code path} is resolved against the directory of
 * the scenario file that names it; {@code timeScale} multiplies every recorded time (0.5 replays
 * twice as fast). {@code blockSize} is how many prompt tokens each entry of a record's
 * {@code hash_ids} stands for (Mooncake traces: 512), so records that share hash ids share that
 * much of their prompt.
 */
public record TraceSpec(Path path, double timeScale, int blockSize) {
    /** Tokens per hash id in the Mooncake traces (kvcache-ai/Mooncake, FAST25-release/traces) and AIPerf's default. */
    public static final int MOONCAKE_BLOCK_TOKENS = 512;

    public static final Shape.Obj SHAPE = obj(
            required("path", Shape.str(), "JSONL of {timestamp_ms, input_tokens?, output_tokens?, messages?} or Mooncake {timestamp, input_length, output_length, hash_ids}, relative to the scenario file"),
            optional("time_scale", number(0.001), 1.0, "multiplies the recorded times: 0.5 replays twice as fast, 2 half as fast"),
            optional("block_size", integer(1, 1 << 20), (long) MOONCAKE_BLOCK_TOKENS,
                    "prompt tokens per entry of a record's hash_ids (Mooncake traces: 512); records sharing hash ids share those blocks"));

    static TraceSpec from(ObjView v) {
        return new TraceSpec(DatasetSpec.resolve(v.str("path"), v.location("path")), v.number("time_scale"), (int) v.integer("block_size"));
    }
}
