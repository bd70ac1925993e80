package io.llmload.client;

/**
 * What one attempt's answer has said so far: when its first and last content tokens arrived,
 * the gaps between them, how many content chunks and events came, the usage the server reported,
 * the finish reason, whether {@code [DONE]} was seen, and the raw answer text (for the tokenizer
 * when no usage comes, and for multi-turn replies). Reset for every attempt.
 *
 * <p>Thread contract: owned by one {@link Exchange}, used on its event loop only.
 */
final class AnswerTally {
    final ItlBuffer itl = new ItlBuffer();
    final ContentBuffer content = new ContentBuffer();
    long firstTokenNanos;
    long lastTokenNanos;
    long doneNanos;
    int events;
    int contentChunks;
    long usageCompletion;
    long usagePrompt;
    String finishReason;

    void reset() {
        firstTokenNanos = lastTokenNanos = doneNanos = 0;
        events = 0;
        contentChunks = 0;
        usageCompletion = usagePrompt = -1;
        finishReason = null;
        itl.clear();
        content.reset();
    }

    void done(long arrivalNanos) {
        if (doneNanos == 0) {
            doneNanos = arrivalNanos;
        }
    }

    /** Counts a streamed chunk the scanner has just read from {@code data}, which arrived at {@code arrivalNanos}. */
    void chunk(ChunkScanner scanner, long arrivalNanos, byte[] data) {
        if (scanner.carriesToken()) {
            if (firstTokenNanos == 0) {
                firstTokenNanos = arrivalNanos;
            } else {
                itl.add(arrivalNanos - lastTokenNanos);
            }
            lastTokenNanos = arrivalNanos;
            contentChunks++;
            content.record(scanner, data);
        }
        usage(scanner);
        // vLLM and TGI send the last token in the same chunk as its finish_reason ("length" when
        // max_tokens cut the answer): a chunk with content can end the answer too. finishReason()
        // returns null without allocating when the chunk has none.
        if (finishReason == null) {
            finishReason = scanner.finishReason();
        }
    }

    /** Counts a whole (non-streamed) answer the scanner has just read: everything arrived at once. */
    void whole(ChunkScanner scanner, long arrivalNanos, byte[] bytes) {
        firstTokenNanos = lastTokenNanos = doneNanos = arrivalNanos;
        contentChunks = scanner.carriesToken() ? 1 : 0;
        content.record(scanner, bytes);
        usage(scanner);
        finishReason = scanner.finishReason();
    }

    private void usage(ChunkScanner scanner) {
        if (scanner.hasUsage()) {
            usageCompletion = scanner.completionTokens();
            usagePrompt = scanner.promptTokens();
        }
    }
}
