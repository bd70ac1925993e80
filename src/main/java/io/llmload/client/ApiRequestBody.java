package io.llmload.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the JSON body of one request for each {@link Api} from a workload's chat messages; chat
 * is {@link ChatRequestBody}'s. {@code params} are copied last everywhere, so a user's setting wins.
 * <ul>
 *   <li>completions: {@code prompt} is the messages' texts joined by blank lines; {@code max_tokens},
 *       {@code stream}, {@code stream_options} as chat (OpenAI legacy completions reference; vLLM v0.8
 *       {@code protocol.py} CompletionRequest, which also takes {@code min_tokens}/{@code ignore_eos}).</li>
 *   <li>embeddings: {@code input} is that text; never streams (OpenAI embeddings reference; vLLM EmbeddingCompletionRequest).</li>
 *   <li>rerank: {@code query} is that text, {@code documents} the documents (vLLM v0.8 {@code protocol.py}
 *       RerankRequest; vllm-project/recipes {@code Jina/Jina-reranker-m0.md}).</li>
 *   <li>responses: {@code input} is the messages (role and content, the Responses API's EasyInputMessage),
 *       {@code max_output_tokens}, {@code stream} (OpenAI API reference, "Create a model response").</li>
 *   <li>messages: {@code max_tokens} (required: {@link #ANTHROPIC_DEFAULT_MAX_TOKENS} when unset),
 *       {@code messages} without the system ones, whose texts go to the top-level {@code system}, {@code stream}
 *       (docs.anthropic.com/en/api/messages; @anthropic-ai/sdk 0.33.1 {@code MessageCreateParamsBase}).</li>
 * </ul>
 */
public final class ApiRequestBody {
    /** Anthropic requires max_tokens; sent when the scenario sets none. */
    public static final int ANTHROPIC_DEFAULT_MAX_TOKENS = 1024;

    private ApiRequestBody() {
    }

    public static Map<String, Object> fields(Api api, String model, List<?> messages, Integer maxTokens, boolean minTokens,
                                             boolean ignoreEos, boolean stream, Map<String, Object> params, List<String> documents) {
        if (api == Api.CHAT) {
            return ChatRequestBody.fields(model, messages, maxTokens, minTokens, ignoreEos, stream, params);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        switch (api) {
            case COMPLETIONS -> {
                body.put("prompt", promptText(messages));
                ChatRequestBody.generation(body, maxTokens, minTokens, ignoreEos, stream);
            }
            case EMBEDDINGS -> body.put("input", promptText(messages));
            case RERANK -> {
                body.put("query", promptText(messages));
                body.put("documents", documents);
            }
            case RESPONSES -> {
                body.put("input", messages);
                if (maxTokens != null) {
                    body.put("max_output_tokens", maxTokens);
                }
                body.put("stream", stream);
            }
            case MESSAGES -> {
                body.put("max_tokens", maxTokens != null ? maxTokens : ANTHROPIC_DEFAULT_MAX_TOKENS);
                List<Object> turns = new ArrayList<>();
                StringBuilder system = new StringBuilder();
                for (Object m : messages) {
                    if (m instanceof Map<?, ?> msg && "system".equals(msg.get("role"))) {
                        system.append(system.length() > 0 ? "\n\n" : "").append(text(msg.get("content")));
                    } else {
                        turns.add(m);
                    }
                }
                body.put("messages", turns);
                if (system.length() > 0) {
                    body.put("system", system.toString());
                }
                body.put("stream", stream);
            }
            default -> throw new IllegalStateException(api.key());
        }
        body.putAll(params);
        return body;
    }

    /** The messages' texts, joined by blank lines: a prompt for the APIs that take text, not turns. */
    public static String promptText(List<?> messages) {
        StringBuilder out = new StringBuilder();
        for (Object m : messages) {
            String t = m instanceof Map<?, ?> msg ? text(msg.get("content")) : String.valueOf(m);
            if (!t.isEmpty()) {
                out.append(out.length() > 0 ? "\n\n" : "").append(t);
            }
        }
        return out.toString();
    }

    /** A message content's text: the string, or its text parts joined. */
    private static String text(Object content) {
        if (content instanceof String s) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        if (content instanceof List<?> parts) {
            for (Object p : parts) {
                if (p instanceof Map<?, ?> part && part.get("text") instanceof String t) {
                    out.append(t);
                }
            }
        }
        return out.toString();
    }
}
