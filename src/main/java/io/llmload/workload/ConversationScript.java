package io.llmload.workload;

/**
 * The user's side of conversations for one kind of workload: the messages a conversation opens
 * with and each later user message, written as encoded JSON objects into a {@link JsonBytes}.
 * The assistant's side is the server's real replies, which {@link Conversations} adds in between.
 * A conversation is named by the sequence number of its first request.
 *
 * <p>Thread contract: immutable; called from any driver's event loop.
 */
interface ConversationScript {

    /** What a turn's user text is: its tokens under the workload's tokenizer, and its own max_tokens (null: request.max_tokens). */
    record Turn(int tokens, Integer maxTokens) {
    }

    /** The most turns this conversation can have ({@link Integer#MAX_VALUE}: as many as asked). */
    int turnsAvailable(long conversation);

    /** Writes the conversation's opening messages (its first request, number {@code sequence}). */
    Turn opening(long conversation, long sequence, JsonBytes out);

    /** Writes the user message of turn {@code turn} (2 or more), sent as request number {@code sequence}. */
    Turn userTurn(long conversation, int turn, long sequence, JsonBytes out);

    /** What the conversations say, for the console. */
    String description();
}
