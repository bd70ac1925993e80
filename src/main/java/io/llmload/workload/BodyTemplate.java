package io.llmload.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.client.Api;
import io.llmload.client.ApiRequestBody;
import io.llmload.client.ChatRequestBody;
import io.llmload.scenario.RequestSpec;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The parts of a request body that every workload shares (model, stream, params, the output-length
 * fields); a workload supplies the messages and, when it has its own, the request's max_tokens.
 * The body takes the shape of the target's {@link Api} ({@link ApiRequestBody}); {@code documents}
 * are what a rerank request scores. Thread contract: immutable.
 */
public record BodyTemplate(String model, boolean stream, Integer maxTokens, boolean minTokens, boolean ignoreEos,
                           Map<String, Object> params, Api api, List<String> documents) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A chat completions template. */
    public BodyTemplate(String model, boolean stream, Integer maxTokens, boolean minTokens, boolean ignoreEos,
                        Map<String, Object> params) {
        this(model, stream, maxTokens, minTokens, ignoreEos, params, Api.CHAT, List.of());
    }

    public static BodyTemplate of(String model, RequestSpec request, Api api, List<String> documents) {
        // embeddings and rerank never stream: their answers are one JSON body
        return new BodyTemplate(model, request.stream() && api.streamsTokens(), request.maxTokens(), request.minTokens(),
                request.ignoreEos(), request.params(), api, documents);
    }

    /** The encoded body; {@code maxTokens} null means {@code request.max_tokens}. */
    public Buffer encode(List<?> messages, Integer ownMaxTokens) {
        Integer max = ownMaxTokens != null ? ownMaxTokens : maxTokens;
        return ChatRequestBody.encode(ApiRequestBody.fields(api, model, messages, max, minTokens, ignoreEos, stream, params, documents));
    }

    /**
     * The body of one user message whose text is {@code text[0..length)}, which must need no JSON
     * escaping (synthetic prompts are letters, spaces and punctuation). The small rest of the body is
     * encoded as usual with a stand-in for the messages, and the text is copied into its place:
     * a long prompt is copied twice instead of being turned into a String and escaped.
     */
    public Buffer encodeUserText(byte[] text, int length, Integer ownMaxTokens) {
        if (api != Api.CHAT && api != Api.RESPONSES) {
            return encode(List.of(Map.of("role", "user", "content", new String(text, 0, length, StandardCharsets.UTF_8))), ownMaxTokens);
        }
        return splice(USER_HEAD, text, length, USER_TAIL, ownMaxTokens);
    }

    /**
     * The body whose {@code messages} are the JSON objects {@code json[0..length)}, comma-separated
     * and already encoded (a conversation's history): copied into place, never parsed again.
     */
    public Buffer encodeMessages(byte[] json, int length, Integer ownMaxTokens) {
        if (api != Api.CHAT && api != Api.RESPONSES) {
            // the Messages API takes its system text apart: decode the history once and build the body
            try {
                List<?> messages = JSON.readValue(("[" + new String(json, 0, length, StandardCharsets.UTF_8) + "]"), List.class);
                return encode(messages, ownMaxTokens);
            } catch (IOException e) {
                throw new IllegalStateException("history is not JSON: " + e.getMessage(), e);
            }
        }
        return splice(OPEN, json, length, CLOSE, ownMaxTokens);
    }

    private Buffer splice(byte[] head, byte[] middle, int length, byte[] tail, Integer ownMaxTokens) {
        Integer max = ownMaxTokens != null ? ownMaxTokens : maxTokens;
        byte[] frame = ChatRequestBody.encode(ApiRequestBody.fields(api, model, STAND_IN, max, minTokens, ignoreEos, stream, params,
                documents)).getBytes();
        int at = indexOf(frame, STAND_IN_JSON);
        if (at < 0) {
            // params replaced "messages" itself: nothing to splice into, the user's value wins as usual
            return Buffer.buffer(frame);
        }
        int tailStart = at + STAND_IN_JSON.length;
        return Buffer.buffer(frame.length + length + head.length + tail.length)
                .appendBytes(frame, 0, at).appendBytes(head).appendBytes(middle, 0, length).appendBytes(tail)
                .appendBytes(frame, tailStart, frame.length - tailStart);
    }

    private static final List<String> STAND_IN = List.of("@@llmload-user-text@@");
    private static final byte[] STAND_IN_JSON = "[\"@@llmload-user-text@@\"]".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] USER_HEAD = "[{\"role\":\"user\",\"content\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] USER_TAIL = "\"}]".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] OPEN = {'['};
    private static final byte[] CLOSE = {']'};

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
