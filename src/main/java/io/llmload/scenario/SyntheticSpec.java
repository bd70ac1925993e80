package io.llmload.scenario;

import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.required;

/**
 * Generated prompts of given token lengths ({@code workload.synthetic}). {@code inputTokens} is
 * the length of each prompt under {@code workload.tokenizer}, its shared prefix included;
 * {@code outputTokens}, when set, is sent as each request's {@code max_tokens} (else
 * {@code request.max_tokens} applies); {@code prefixTokens} makes every prompt start with the
 * same text of that many tokens, for prefix-cache benchmarks (0: every prompt differs from its
 * first token on).
 */
public record SyntheticSpec(DistSpec inputTokens, DistSpec outputTokens, int prefixTokens) {

    /** Tokens of the marker that makes each prompt unique; prompts are never shorter than prefix + this. */
    public static final int MARKER_TOKENS = 4;

    public static final Shape.Obj SHAPE = obj(
            required("input_tokens", DistSpec.countShape(), "prompt length in tokens: 512, or {mean, stddev} or {min, max}"),
            optional("output_tokens", DistSpec.countShape(), null, "max_tokens per request (default: request.max_tokens)"),
            optional("prefix_tokens", integer(0), 0L, "length of a prefix shared by every prompt (prefix-cache benchmarks)"));

    static SyntheticSpec from(ObjView v) {
        DistSpec out = v.has("output_tokens") ? DistSpec.from(v, "output_tokens", false) : null;
        return new SyntheticSpec(DistSpec.from(v, "input_tokens", false), out, Math.toIntExact(v.integer("prefix_tokens")));
    }
}
