package io.llmload.mock;

/** The APIs the mock speaks, by the path they are posted to (the client's {@code Api}, seen from the server). */
enum MockApi {
    CHAT(true, true, false),
    COMPLETIONS(true, false, false),
    EMBEDDINGS(false, false, false),
    RERANK(false, false, false),
    RESPONSES(true, true, true),
    MESSAGES(true, true, true);

    private final boolean tokens;
    private final boolean reasons;
    private final boolean alwaysUsage;

    MockApi(boolean tokens, boolean reasons, boolean alwaysUsage) {
        this.tokens = tokens;
        this.reasons = reasons;
        this.alwaysUsage = alwaysUsage;
    }

    /** Whether the answer is output tokens (else vectors or scores, never streamed). */
    boolean tokens() {
        return tokens;
    }

    /** Whether the API has a reasoning channel for the mock's reasoning phase. */
    boolean reasons() {
        return reasons;
    }

    /** Whether a stream always ends with usage (Responses, Messages) rather than only when asked (stream_options). */
    boolean alwaysUsage() {
        return alwaysUsage;
    }
}
