package io.llmload.client;

/**
 * What one attempt's answer has said so far: when its first token of any kind and its first
 * answer token arrived, the gaps between token-carrying chunks, how many of them came (and how
 * many carried reasoning), the usage the server reported, the finish reason, whether
 * {@code [DONE]} was seen, and the raw answer and reasoning texts (for the tokenizer when no
 * usage comes, and for multi-turn replies). Reset for every attempt.
 *
 * <p>{@link #tokens} is the API-neutral entry: a parser of another wire format (a Responses
 * {@code response.reasoning_text.delta} event, an Anthropic {@code thinking} block) calls it for
 * each event that carries tokens, saying whether they are reasoning or answer, and appends the
 * texts to {@link #content} and {@link #reasoning}; {@link #chunk} does that for chat chunks.
 *
 * <p>Thread contract: owned by one {@link Exchange}, used on its event loop only.
 */
final class AnswerTally {
    final ItlBuffer itl = new ItlBuffer();
    final ContentBuffer content = new ContentBuffer();
    /** The reasoning text, kept apart so that the answer and the reasoning are counted apart. */
    final ContentBuffer reasoning = new ContentBuffer();
    /**
     * The tool calls' names and argument fragments, raw as they came, kept apart from the answer
     * text (which a conversation sends back) and counted with it when no usage comes.
     */
    final ContentBuffer tools = new ContentBuffer();
    /** Tool calls the answer carried (0: none). */
    int toolCalls;
    long firstTokenNanos;
    /** Arrival of the first chunk carrying answer tokens (content or tool calls), 0 while reasoning only. */
    long firstAnswerNanos;
    long lastTokenNanos;
    long doneNanos;
    int events;
    int contentChunks;
    /** Token-carrying chunks that carried reasoning. */
    int reasoningChunks;
    long usageCompletion;
    long usagePrompt;
    /** {@code usage.completion_tokens_details.reasoning_tokens}, or -1. */
    long usageReasoning;
    String finishReason;
    /** Vectors (embeddings) or scored documents (rerank) the answer carried. */
    int items;

    void reset() {
        firstTokenNanos = firstAnswerNanos = lastTokenNanos = doneNanos = 0;
        events = 0;
        contentChunks = reasoningChunks = 0;
        usageCompletion = usagePrompt = usageReasoning = -1;
        finishReason = null;
        items = 0;
        toolCalls = 0;
        itl.clear();
        content.reset();
        reasoning.reset();
        tools.reset();
    }

    void done(long arrivalNanos) {
        if (doneNanos == 0) {
            doneNanos = arrivalNanos;
        }
    }

    /** Counts a streamed chunk the scanner has just read from {@code data}, which arrived at {@code arrivalNanos}. */
    void chunk(ChunkScanner scanner, long arrivalNanos, byte[] data) {
        if (scanner.carriesToken()) {
            tokens(arrivalNanos, scanner.hasReasoning(), scanner.hasContent() || scanner.hasToolCalls());
            record(scanner, data);
        }
        usage(scanner);
        // vLLM and TGI send the last token in the same chunk as its finish_reason ("length" when
        // max_tokens cut the answer): a chunk with content can end the answer too. finishReason()
        // returns null without allocating when the chunk has none.
        if (finishReason == null) {
            finishReason = scanner.finishReason();
        }
    }

    /**
     * A chunk (or event) carrying tokens arrived at {@code arrivalNanos}: reasoning ones, answer
     * ones (content or tool calls), or both. The first of any kind is the first token (TTFT); the
     * first answer one is the first answer token (TTFAT); gaps between them all are the ITL.
     */
    void tokens(long arrivalNanos, boolean reasoningTokens, boolean answerTokens) {
        if (firstTokenNanos == 0) {
            firstTokenNanos = arrivalNanos;
        } else {
            itl.add(arrivalNanos - lastTokenNanos);
        }
        lastTokenNanos = arrivalNanos;
        contentChunks++;
        if (reasoningTokens) {
            reasoningChunks++;
        }
        if (answerTokens && firstAnswerNanos == 0) {
            firstAnswerNanos = arrivalNanos;
        }
    }

    /** Counts a whole (non-streamed) answer the scanner has just read: everything arrived at once. */
    void whole(ChunkScanner scanner, long arrivalNanos, byte[] bytes) {
        firstTokenNanos = lastTokenNanos = doneNanos = arrivalNanos;
        contentChunks = scanner.carriesToken() ? 1 : 0;
        reasoningChunks = scanner.hasReasoning() ? 1 : 0;
        firstAnswerNanos = scanner.hasContent() || scanner.hasToolCalls() ? arrivalNanos : 0;
        record(scanner, bytes);
        usage(scanner);
        finishReason = scanner.finishReason();
    }

    /** Keeps the texts the scanner found in {@code data}: content, reasoning, and tool-call names and arguments. */
    private void record(ChunkScanner scanner, byte[] data) {
        if (scanner.contentStart() >= 0) {
            content.append(data, scanner.contentStart(), scanner.contentEnd());
        }
        if (scanner.reasoningStart() >= 0) {
            reasoning.append(data, scanner.reasoningStart(), scanner.reasoningEnd());
        }
        if (scanner.hasToolCalls()) {
            toolCalls = Math.max(toolCalls, scanner.toolCalls());
            for (int i = 0; i < scanner.toolSpanCount(); i++) {
                tools.append(data, scanner.toolSpanStart(i), scanner.toolSpanEnd(i));
            }
            if (scanner.toolSpansOverflowed()) {
                tools.markOtherTokens(); // some of this chunk's tool text was not kept: count chunks instead
            }
        }
    }

    private void usage(ChunkScanner scanner) {
        if (scanner.hasUsage()) {
            usageCompletion = scanner.completionTokens();
            usagePrompt = scanner.promptTokens();
            usageReasoning = scanner.reasoningTokens();
        }
    }
}
