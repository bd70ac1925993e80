package io.llmload.scenario;

import static io.llmload.scenario.Shape.bool;
import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.mapOf;
import static io.llmload.scenario.Shape.any;
import static io.llmload.scenario.Shape.listOf;
import static io.llmload.scenario.Shape.str;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.oneOf;
import static io.llmload.scenario.Shape.optional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every request carries besides the messages. {@code params} are copied into the body as-is.
 * {@code minTokens} sends {@code min_tokens} equal to each request's {@code max_tokens} and
 * {@code ignoreEos} sends {@code ignore_eos: true}, so servers that support them (vLLM, SGLang)
 * answer with exactly {@code max_tokens} tokens. {@code retry} is the retry policy (off by default).
 * {@code documents} are what a rerank request ({@code target.api: rerank}) scores against its query;
 * without them each request carries {@code documentCount} synthetic documents of {@code documentWords} words.
 * {@code images} and {@code audio} (null when unset) are media parts added to each request's user message;
 * {@code tools}, {@code toolChoice} and {@code responseFormat} (empty or null when unset) are copied into
 * the body under the field the target's API names them by ({@link InputRules} checks their shape).
 */
public record RequestSpec(boolean stream, Integer maxTokens, boolean minTokens, boolean ignoreEos, Map<String, Object> params,
                          RetrySpec retry, List<String> documents, int documentCount, int documentWords, ImageInputs images,
                          AudioInputs audio, List<Object> tools, Object toolChoice, Object responseFormat) {

    /** The settings without media, tools or structured output (as before they existed). */
    public RequestSpec(boolean stream, Integer maxTokens, boolean minTokens, boolean ignoreEos, Map<String, Object> params,
                       RetrySpec retry, List<String> documents, int documentCount, int documentWords) {
        this(stream, maxTokens, minTokens, ignoreEos, params, retry, documents, documentCount, documentWords, null, null, List.of(),
                null, null);
    }

    public static final Shape.Obj SHAPE = obj(
            optional("stream", bool(), true, "stream the response (SSE); stream_options.include_usage is sent too"),
            optional("max_tokens", integer(1), null, "max_tokens sent in the body (not sent when unset)"),
            optional("min_tokens", bool(), false, "also send min_tokens equal to each request's max_tokens (vLLM, SGLang)"),
            optional("ignore_eos", bool(), false, "send ignore_eos: true so the model writes max_tokens tokens (vLLM, SGLang)"),
            optional("params", mapOf(any()), Map.of(), "extra body fields copied as-is, e.g. temperature"),
            optional("retry", RetrySpec.SHAPE, Map.of(), "retry failed attempts (off by default): {max, backoff, on: [429, 503, reset]}"),
            optional("documents", listOf(str()), List.of(), "api: rerank: the documents every request scores against its query"),
            optional("document_count", integer(1), 4, "api: rerank without documents: synthetic documents per request"),
            optional("document_words", integer(1), 32, "api: rerank without documents: words per synthetic document"),
            optional("images", ImageInputs.SHAPE, null, "api chat, responses, messages: images in every user message, "
                    + "{count, width, height} synthetic PNGs (generated once) or {urls: [...]}"),
            optional("audio", AudioInputs.SHAPE, null, "api chat: audio clips in every user message (input_audio parts), "
                    + "{count, seconds} synthetic WAVs (generated once) or {files: [...]}"),
            optional("tools", listOf(mapOf(any())), List.of(), "tool definitions copied as-is into the body's tools "
                    + "(chat/responses: {type: function, ...}; messages: {name, description, input_schema})"),
            optional("tool_choice", oneOf("a string such as auto, or a mapping", str(), mapOf(any())), null,
                    "copied as-is into the body's tool_choice (messages: {type: auto|any|tool|none})"),
            optional("response_format", mapOf(any()), null, "structured output, copied as-is: chat's response_format, "
                    + "the Responses API's text.format; not on messages"));

    @SuppressWarnings("unchecked")
    static RequestSpec from(ObjView v) {
        Long max = v.integerOrNull("max_tokens");
        Map<String, Object> params = new LinkedHashMap<>((Map<String, Object>) v.plain("params"));
        List<String> documents = new ArrayList<>();
        for (Object d : (List<Object>) v.plain("documents")) {
            documents.add(String.valueOf(d));
        }
        return new RequestSpec(v.bool("stream"), max == null ? null : Math.toIntExact(max), v.bool("min_tokens"),
                v.bool("ignore_eos"), params, RetrySpec.from(v.obj("retry")), List.copyOf(documents),
                Math.toIntExact(v.integer("document_count")), Math.toIntExact(v.integer("document_words")),
                ImageInputs.from(v.objOrNull("images")), AudioInputs.from(v.objOrNull("audio")),
                List.copyOf((List<Object>) v.plain("tools")), v.plain("tool_choice"), v.plain("response_format"));
    }
}
