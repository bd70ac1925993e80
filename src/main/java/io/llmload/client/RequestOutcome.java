package io.llmload.client;

import java.util.List;

/**
 * What happened to one request: its timings (all {@code System.nanoTime()} values), token counts
 * and, when it failed, the error kind and a short message. Created once per request when it ends.
 * A request that was retried is still one outcome: its latencies count from the intended start of
 * its first attempt, its tokens are those of its last attempt, and {@code retries} names the error
 * kind of each failed attempt before it.
 *
 * @param intendedStartNanos the request's start per the load model (latencies are taken from here)
 * @param sendNanos          when the first attempt was handed to the connection
 * @param firstTokenNanos    arrival of the first content-carrying chunk, or 0
 * @param endNanos           arrival of {@code [DONE]} or of the end of the body
 * @param inputTokens        {@code usage.prompt_tokens}, or -1 when the server did not say
 * @param retries            error kinds of the failed attempts that were retried, in order (empty: none)
 * @param phases             where the last attempt's time went before its answer began
 * @param unstreamed         the request asked for a stream and the server answered with one JSON
 *                           body: measured as non-streaming, with no first-token time ({@code firstTokenNanos} 0)
 * @param split              how the output divides into reasoning and answer, and when the answer began
 * @param items              vectors (embeddings) or scored documents (rerank) returned; -1 for APIs that answer with tokens
 */
public record RequestOutcome(String errorKind, String errorMessage, int httpStatus,
                             long intendedStartNanos, long sendNanos, long firstTokenNanos, long endNanos,
                             long outputTokens, long inputTokens, TokenSource outputSource, int contentChunks,
                             String finishReason, List<String> retries, Phases phases, boolean unstreamed, AnswerSplit split,
                             long items) {

    /** An outcome of an API that answers with tokens. */
    public RequestOutcome(String errorKind, String errorMessage, int httpStatus, long intendedStartNanos, long sendNanos,
                          long firstTokenNanos, long endNanos, long outputTokens, long inputTokens, TokenSource outputSource,
                          int contentChunks, String finishReason, List<String> retries, Phases phases, boolean unstreamed,
                          AnswerSplit split) {
        this(errorKind, errorMessage, httpStatus, intendedStartNanos, sendNanos, firstTokenNanos, endNanos, outputTokens,
                inputTokens, outputSource, contentChunks, finishReason, retries, phases, unstreamed, split, -1);
    }

    /** An outcome without reasoning: its answer began with its first token. */
    public RequestOutcome(String errorKind, String errorMessage, int httpStatus, long intendedStartNanos, long sendNanos,
                          long firstTokenNanos, long endNanos, long outputTokens, long inputTokens, TokenSource outputSource,
                          int contentChunks, String finishReason, List<String> retries, Phases phases, boolean unstreamed) {
        this(errorKind, errorMessage, httpStatus, intendedStartNanos, sendNanos, firstTokenNanos, endNanos, outputTokens,
                inputTokens, outputSource, contentChunks, finishReason, retries, phases, unstreamed, AnswerSplit.noReasoning(firstTokenNanos));
    }

    /** An outcome of an answer read as the request asked for it (a stream, or one JSON body). */
    public RequestOutcome(String errorKind, String errorMessage, int httpStatus, long intendedStartNanos, long sendNanos,
                          long firstTokenNanos, long endNanos, long outputTokens, long inputTokens, TokenSource outputSource,
                          int contentChunks, String finishReason, List<String> retries, Phases phases) {
        this(errorKind, errorMessage, httpStatus, intendedStartNanos, sendNanos, firstTokenNanos, endNanos, outputTokens,
                inputTokens, outputSource, contentChunks, finishReason, retries, phases, false);
    }

    /**
     * How a request's output divides into reasoning and answer tokens (DESIGN.md "reasoning tokens").
     *
     * @param firstAnswerNanos arrival of the first chunk carrying answer tokens (content or tool
     *                         calls), or 0 when none came; equals the first token's without reasoning
     * @param reasoningTokens  reasoning tokens among the output tokens (0: none)
     * @param reasoningSource  where {@code reasoningTokens} came from: {@code usage} (the server's
     *                         {@code completion_tokens_details.reasoning_tokens}), the tokenizer
     *                         over the reasoning text, or the count of reasoning chunks; null when none came
     * @param toolCalls        tool calls the answer carried (0: none; its answer tokens are then all text)
     */
    public record AnswerSplit(long firstAnswerNanos, long reasoningTokens, TokenSource reasoningSource, int toolCalls) {
        public AnswerSplit(long firstAnswerNanos, long reasoningTokens, TokenSource reasoningSource) {
            this(firstAnswerNanos, reasoningTokens, reasoningSource, 0);
        }

        public static AnswerSplit noReasoning(long firstTokenNanos) {
            return new AnswerSplit(firstTokenNanos, 0, null);
        }
    }

    /**
     * The last attempt's phases, each -1 when not reached.
     *
     * @param connectionNanos from the attempt's start until it had a connection: the wait in the
     *                        pool for a busy one, or the opening of a new one (TCP connect, TLS handshake)
     * @param newConnection   whether the connection was opened for this request
     * @param headersNanos    from having the connection (the request is sent then) to the response headers
     */
    public record Phases(long connectionNanos, boolean newConnection, long headersNanos) {
        public static final Phases NONE = new Phases(-1, false, -1);
    }

    /** An outcome without phase timings. */
    public RequestOutcome(String errorKind, String errorMessage, int httpStatus, long intendedStartNanos, long sendNanos,
                          long firstTokenNanos, long endNanos, long outputTokens, long inputTokens, TokenSource outputSource,
                          int contentChunks, String finishReason, List<String> retries) {
        this(errorKind, errorMessage, httpStatus, intendedStartNanos, sendNanos, firstTokenNanos, endNanos, outputTokens,
                inputTokens, outputSource, contentChunks, finishReason, retries, Phases.NONE);
    }

    /** An outcome without retries. */
    public RequestOutcome(String errorKind, String errorMessage, int httpStatus, long intendedStartNanos, long sendNanos,
                          long firstTokenNanos, long endNanos, long outputTokens, long inputTokens, TokenSource outputSource,
                          int contentChunks, String finishReason) {
        this(errorKind, errorMessage, httpStatus, intendedStartNanos, sendNanos, firstTokenNanos, endNanos, outputTokens,
                inputTokens, outputSource, contentChunks, finishReason, List.of());
    }

    public boolean succeeded() {
        return errorKind == null;
    }

    public long ttftNanos() {
        return firstTokenNanos - intendedStartNanos;
    }

    /** Arrival of the first answer token (0: none came); {@link #firstTokenNanos} when the answer did not reason first. */
    public long firstAnswerNanos() {
        return split.firstAnswerNanos();
    }

    /** Time to first answer token: from the start to the first chunk with content or tool calls, past any reasoning. */
    public long ttfatNanos() {
        return split.firstAnswerNanos() - intendedStartNanos;
    }

    public long reasoningTokens() {
        return split.reasoningTokens();
    }

    /** Tool calls in the answer (0: none): an answer that calls tools is a success like a text one. */
    public int toolCalls() {
        return split.toolCalls();
    }

    /** Output tokens that are not reasoning. */
    public long answerTokens() {
        return Math.max(0, outputTokens - split.reasoningTokens());
    }

    public long e2eNanos() {
        return endNanos - intendedStartNanos;
    }

    public long scheduleLagNanos() {
        return sendNanos - intendedStartNanos;
    }

    /**
     * Time per output token after the first, or -1 when there are fewer than two tokens or the
     * answer came in one piece (non-streaming, or one chunk): then the tokens did not arrive over
     * time, and a TPOT of 0 would pass every TPOT threshold without measuring anything.
     */
    public long tpotNanos() {
        return outputTokens > 1 && contentChunks > 1 ? (endNanos - firstTokenNanos) / (outputTokens - 1) : -1;
    }
}
