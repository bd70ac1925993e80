package io.llmload.workload;

import io.llmload.client.ContentBuffer;
import io.llmload.client.RequestOutcome;
import io.vertx.core.buffer.Buffer;

/**
 * What one simulated user sends, request after request. A user of a stateless workload sends
 * independent requests; a user in a conversation keeps its history, sends it back with the
 * assistant's real reply and its next message, and pauses for a think time in between.
 *
 * <p>The driver calls {@link #next}, sends the body, and once the request has ended calls
 * {@link #replied} with its outcome and answer text, before the exchange is reused.
 *
 * <p>Thread contract: confined to the event loop of the driver that owns the user.
 */
public interface UserWorkload {
    /** Returned by {@link #replied} when the user sends its next message at once. */
    long NO_THINK_TIME = 0;

    /**
     * The body of the user's next request, which has this per-run sequence number; it continues
     * the current conversation, or starts a new one when there is none.
     */
    Buffer next(long sequence);

    /** The turn (1-based) of the request last returned by {@link #next}: 1 unless in a conversation. */
    int turn();

    /**
     * The request last returned by {@link #next} has ended; {@code reply} holds its answer text
     * (raw, JSON-escaped) and is read only during this call. A failed or abandoned request ends its
     * conversation. Returns the think time in nanoseconds before the user's next message.
     */
    long replied(RequestOutcome outcome, ContentBuffer reply);

    /** True when the user is in a conversation with turns left (its next message is a follow-up). */
    boolean inConversation();

    /** The user goes away: its current conversation, if any, ends without further turns. */
    void leave();

    /** A user of a stateless workload: every request stands alone, with no think time. */
    static UserWorkload stateless(RequestSource source) {
        return new UserWorkload() {
            @Override
            public Buffer next(long sequence) {
                return source.body(sequence);
            }

            @Override
            public int turn() {
                return 1;
            }

            @Override
            public long replied(RequestOutcome outcome, ContentBuffer reply) {
                return NO_THINK_TIME;
            }

            @Override
            public boolean inConversation() {
                return false;
            }

            @Override
            public void leave() {
            }
        };
    }
}
