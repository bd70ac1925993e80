package io.llmload.workload;

import io.llmload.client.ChatRequestBody;
import io.llmload.scenario.RequestSpec;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;

/**
 * The parts of a request body that every workload shares (model, stream, params, the output-length
 * fields); a workload supplies the messages and, when it has its own, the request's max_tokens.
 * Thread contract: immutable.
 */
public record BodyTemplate(String model, boolean stream, Integer maxTokens, boolean minTokens, boolean ignoreEos,
                           Map<String, Object> params) {

    public static BodyTemplate of(String model, RequestSpec request) {
        return new BodyTemplate(model, request.stream(), request.maxTokens(), request.minTokens(), request.ignoreEos(),
                request.params());
    }

    /** The encoded body; {@code maxTokens} null means {@code request.max_tokens}. */
    public Buffer encode(List<?> messages, Integer ownMaxTokens) {
        Integer max = ownMaxTokens != null ? ownMaxTokens : maxTokens;
        return ChatRequestBody.encode(ChatRequestBody.fields(model, messages, max, minTokens, ignoreEos, stream, params));
    }

    /**
     * The body of one user message whose text is {@code text[0..length)}, which must need no JSON
     * escaping (synthetic prompts are letters, spaces and punctuation). The small rest of the body is
     * encoded as usual with a stand-in for the messages, and the text is copied into its place:
     * a long prompt is copied twice instead of being turned into a String and escaped.
     */
    public Buffer encodeUserText(byte[] text, int length, Integer ownMaxTokens) {
        Integer max = ownMaxTokens != null ? ownMaxTokens : maxTokens;
        byte[] frame = ChatRequestBody.encode(ChatRequestBody.fields(model, STAND_IN, max, minTokens, ignoreEos, stream, params)).getBytes();
        int at = indexOf(frame, STAND_IN_JSON);
        if (at < 0) {
            // params replaced "messages" itself: nothing to splice into, the user's value wins as usual
            return Buffer.buffer(frame);
        }
        int tailStart = at + STAND_IN_JSON.length;
        return Buffer.buffer(frame.length + length + USER_HEAD.length + USER_TAIL.length)
                .appendBytes(frame, 0, at).appendBytes(USER_HEAD).appendBytes(text, 0, length).appendBytes(USER_TAIL)
                .appendBytes(frame, tailStart, frame.length - tailStart);
    }

    private static final List<String> STAND_IN = List.of("@@llmload-user-text@@");
    private static final byte[] STAND_IN_JSON = "[\"@@llmload-user-text@@\"]".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] USER_HEAD = "[{\"role\":\"user\",\"content\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] USER_TAIL = "\"}]".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

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
