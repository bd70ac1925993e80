package io.llmload.client;

import java.util.Locale;

/**
 * The HTTP API a target speaks ({@code target.api}): the path appended to the base URL, whether
 * its answer streams tokens, and whether it has conversation turns.
 *
 * <p>Sources of each shape, as a comment where they are read: {@link ApiRequestBody} (bodies),
 * {@link CompletionsReader}, {@link ResponsesReader}, {@link MessagesReader}, {@link VectorsReader}.
 */
public enum Api {
    /** OpenAI chat completions, {@code POST {base}/chat/completions}. */
    CHAT("chat", "/chat/completions", true, true),
    /** OpenAI legacy completions, {@code POST {base}/completions} with {@code prompt}; streams {@code choices[].text}. */
    COMPLETIONS("completions", "/completions", true, false),
    /** {@code POST {base}/embeddings} with {@code input}; never streams, answers with vectors. */
    EMBEDDINGS("embeddings", "/embeddings", false, false),
    /** {@code POST {base}/rerank} (vLLM, Cohere, Jina) with {@code query} and {@code documents}; answers with scores. */
    RERANK("rerank", "/rerank", false, false),
    /** OpenAI Responses API, {@code POST {base}/responses}; typed SSE events, no {@code [DONE]}. */
    RESPONSES("responses", "/responses", true, true),
    /** Anthropic Messages API, {@code POST {base}/messages}; named SSE events, no {@code [DONE]}. */
    MESSAGES("messages", "/messages", true, true);

    private final String key;
    private final String path;
    private final boolean tokens;
    private final boolean turns;

    Api(String key, String path, boolean tokens, boolean turns) {
        this.key = key;
        this.path = path;
        this.tokens = tokens;
        this.turns = turns;
    }

    /** The value of {@code target.api}. */
    public String key() {
        return key;
    }

    /** The path appended to {@code target.url}, such as {@code /chat/completions}. */
    public String path() {
        return path;
    }

    /** Whether the answer is a stream of output tokens (TTFT, ITL, TPOT, output tokens have a meaning). */
    public boolean streamsTokens() {
        return tokens;
    }

    /**
     * What an answer of a non-streaming API is counted in: {@code vectors} (embeddings),
     * {@code documents} (scored by rerank); null for the APIs that answer with tokens.
     */
    public String itemsLabel() {
        return switch (this) {
            case EMBEDDINGS -> "vectors";
            case RERANK -> "documents";
            default -> null;
        };
    }

    /** Whether a request carries a conversation (multi-turn workloads are possible). */
    public boolean hasTurns() {
        return turns;
    }

    /** The API of a {@code target.api} value; CHAT for null. */
    public static Api of(String key) {
        if (key == null) {
            return CHAT;
        }
        for (Api a : values()) {
            if (a.key.equals(key.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown api '" + key + "'");
    }

    /** Every {@code target.api} value, in order. */
    public static String[] keys() {
        String[] keys = new String[values().length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = values()[i].key;
        }
        return keys;
    }

    /** The API whose path a request path ends with ({@code /v1/messages} -> MESSAGES), or null. */
    public static Api ofPath(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        // chat first: "/chat/completions" also ends with "/completions"
        for (Api a : values()) {
            if (p.endsWith(a.path)) {
                return a;
            }
        }
        return null;
    }
}
