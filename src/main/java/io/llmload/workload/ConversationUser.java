package io.llmload.workload;

import io.llmload.client.ContentBuffer;
import io.llmload.client.RequestOutcome;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * One simulated user of {@link Conversations}: its history is kept as the encoded JSON of the
 * messages so far, and each assistant reply is copied into it from the answer's raw, still
 * JSON-escaped bytes, so a turn costs a copy of the history, never a parse or an escape. A failed
 * or abandoned turn ends the conversation (the user starts over), and so does a history beyond
 * {@link #MAX_HISTORY_BYTES}.
 *
 * <p>Thread contract: confined to the driver event loop that owns the user.
 */
final class ConversationUser implements UserWorkload {
    /** A conversation whose history would grow beyond this ends: about eight million tokens of text. */
    static final int MAX_HISTORY_BYTES = 32 << 20;
    private static final byte[] COMMA = {','};
    private static final byte[] ASSISTANT_HEAD = ",{\"role\":\"assistant\",\"content\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ASSISTANT_TAIL = "\"}".getBytes(StandardCharsets.US_ASCII);

    private final Conversations owner;
    private final JsonBytes history = new JsonBytes();
    /** The current conversation's name (its first request's sequence), or -1 between conversations. */
    private long conversation = -1;
    private int turns;
    private int turn;
    /** Tokens of the history as sent, by the workload's tokenizer (replies by the server's count). */
    private long historyTokens;

    ConversationUser(Conversations owner) {
        this.owner = owner;
    }

    @Override
    public Buffer next(long sequence) {
        ConversationScript.Turn t;
        int turnStart = 0;
        if (conversation < 0) {
            conversation = sequence;
            turns = owner.turns(sequence);
            turn = 1;
            history.reset();
            t = owner.script().opening(conversation, sequence, history);
            historyTokens = t.tokens();
        } else {
            turn++;
            history.append(COMMA);
            turnStart = history.length();
            t = owner.script().userTurn(conversation, turn, sequence, history);
            historyTokens += t.tokens();
        }
        owner.tally().add((int) Math.min(Integer.MAX_VALUE, historyTokens));
        return owner.template().encodeMessages(history.bytes(), history.length(), turnStart, t.maxTokens());
    }

    @Override
    public int turn() {
        return turn;
    }

    @Override
    public long replied(RequestOutcome outcome, ContentBuffer reply) {
        if (conversation < 0) {
            return NO_THINK_TIME;
        }
        long think = owner.thinkNanos(conversation, turn);
        if (!outcome.succeeded() || turn >= turns
                || (long) history.length() + reply.length() + ASSISTANT_HEAD.length + ASSISTANT_TAIL.length > MAX_HISTORY_BYTES) {
            conversation = -1;
            return think;
        }
        // The raw bytes of the answer's content strings are valid JSON string contents as they are.
        history.append(ASSISTANT_HEAD).append(reply.rawBytes(), 0, reply.length()).append(ASSISTANT_TAIL);
        historyTokens += Math.max(0, outcome.outputTokens());
        return think;
    }

    @Override
    public boolean inConversation() {
        return conversation >= 0;
    }

    @Override
    public void leave() {
        conversation = -1;
    }
}
