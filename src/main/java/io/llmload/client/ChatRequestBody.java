package io.llmload.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the JSON body of {@code POST /chat/completions}: {@code model}, {@code messages},
 * {@code max_tokens} (when set), {@code stream} and, when streaming,
 * {@code stream_options: {include_usage: true}} so the server reports exact token counts.
 * {@code params} are copied last, so a user's explicit setting wins.
 */
public final class ChatRequestBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatRequestBody() {
    }

    public static Map<String, Object> fields(String model, List<?> messages, Integer maxTokens, boolean stream,
                                             Map<String, Object> params) {
        return fields(model, messages, maxTokens, false, false, stream, params);
    }

    /**
     * As above; {@code minTokens} adds {@code min_tokens} equal to {@code maxTokens} and
     * {@code ignoreEos} adds {@code ignore_eos: true} (vLLM/SGLang extensions for exact output lengths).
     */
    public static Map<String, Object> fields(String model, List<?> messages, Integer maxTokens, boolean minTokens,
                                             boolean ignoreEos, boolean stream, Map<String, Object> params) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("messages", messages);
        generation(body, maxTokens, minTokens, ignoreEos, stream);
        body.putAll(params);
        return body;
    }

    /** The OpenAI-style generation fields chat and completions share: token limits, ignore_eos, stream with usage. */
    static void generation(Map<String, Object> body, Integer maxTokens, boolean minTokens, boolean ignoreEos, boolean stream) {
        if (maxTokens != null) {
            body.put("max_tokens", maxTokens);
            if (minTokens) {
                body.put("min_tokens", maxTokens);
            }
        }
        if (ignoreEos) {
            body.put("ignore_eos", true);
        }
        body.put("stream", stream);
        if (stream) {
            body.put("stream_options", Map.of("include_usage", true));
        }
    }

    /** The body as a buffer; safe to send many times (Vert.x writes a duplicate of it). */
    public static Buffer encode(Map<String, Object> fields) {
        try {
            return Buffer.buffer(JSON.writeValueAsBytes(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode request body: " + e.getOriginalMessage(), e);
        }
    }
}
