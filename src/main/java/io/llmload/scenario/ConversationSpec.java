package io.llmload.scenario;

import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.required;

/**
 * Multi-turn conversations ({@code workload.conversation}): each simulated user keeps its
 * history, sends it back with the assistant's real reply and its next message, and waits
 * {@code thinkTime} between a reply and its next message. {@code turns} is the number of requests
 * per conversation (drawn per conversation, at most {@link #maxTurns()}); {@code userTokens}, for
 * synthetic workloads, is the length of each later user message (null: the synthetic
 * {@code input_tokens}). Durations are in nanoseconds.
 */
public record ConversationSpec(DistSpec turns, DistSpec thinkTime, DistSpec userTokens) {

    /** Per-turn statistics are kept for at most this many turns. */
    public static final int TURNS_LIMIT = 1000;

    public static final Shape.Obj SHAPE = obj(
            required("turns", DistSpec.countShape(), "requests per conversation, drawn for each one"),
            optional("think_time", DistSpec.durationShape(), "0s",
                    "pause between a reply and the user's next message"),
            optional("user_tokens", DistSpec.countShape(), null,
                    "synthetic workloads: length of each later user message (default: synthetic.input_tokens)"));

    static ConversationSpec from(ObjView v) {
        return new ConversationSpec(DistSpec.from(v, "turns", false), DistSpec.from(v, "think_time", true),
                v.has("user_tokens") ? DistSpec.from(v, "user_tokens", false) : null);
    }

    /** The most turns a conversation can have: the fixed value or the upper bound. */
    public int maxTurns() {
        double most = DistSpec.FIXED.equals(turns.kind()) ? turns.mean() : turns.max();
        return (int) Math.max(1, Math.min(TURNS_LIMIT, Math.round(most)));
    }
}
