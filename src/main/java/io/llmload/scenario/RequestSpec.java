package io.llmload.scenario;

import static io.llmload.scenario.Shape.bool;
import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.mapOf;
import static io.llmload.scenario.Shape.any;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;

import java.util.LinkedHashMap;
import java.util.Map;

/** What every request carries besides the messages. {@code params} are copied into the body as-is. */
public record RequestSpec(boolean stream, Integer maxTokens, Map<String, Object> params, RetrySpec retry) {

    public static final Shape.Obj SHAPE = obj(
            optional("stream", bool(), true, "stream the response (SSE); stream_options.include_usage is sent too"),
            optional("max_tokens", integer(1), null, "max_tokens sent in the body (not sent when unset)"),
            optional("params", mapOf(any()), Map.of(), "extra body fields copied as-is, e.g. temperature"),
            optional("retry", RetrySpec.SHAPE, Map.of(), "retry failed attempts (off by default): {max, backoff, on: [429, 503, reset]}"));

    @SuppressWarnings("unchecked")
    static RequestSpec from(ObjView v) {
        Long max = v.integerOrNull("max_tokens");
        Map<String, Object> params = new LinkedHashMap<>((Map<String, Object>) v.plain("params"));
        return new RequestSpec(v.bool("stream"), max == null ? null : Math.toIntExact(max), params, RetrySpec.from(v.obj("retry")));
    }
}
