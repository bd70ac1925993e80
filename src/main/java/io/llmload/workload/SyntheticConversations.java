package io.llmload.workload;

import io.llmload.scenario.DistSpec;

/**
 * Conversations of synthetic prompts: each opens with a synthetic prompt (shared prefix included)
 * and every later turn is a new synthetic user message of {@code user_tokens} (default: the
 * prompts' own lengths), distinct like every prompt. Thread contract: immutable.
 */
final class SyntheticConversations implements ConversationScript {
    private final SyntheticPrompts prompts;
    private final DistSpec userTokens;

    /** @param userTokens lengths of later user messages, or null for the prompts' input lengths */
    SyntheticConversations(SyntheticPrompts prompts, DistSpec userTokens) {
        this.prompts = prompts;
        this.userTokens = userTokens != null ? userTokens : prompts.inputLengths();
    }

    @Override
    public int turnsAvailable(long conversation) {
        return Integer.MAX_VALUE;
    }

    @Override
    public Turn opening(long conversation, long sequence, JsonBytes out) {
        return prompts.writeUserMessage(sequence, prompts.inputLengths(), true, out);
    }

    @Override
    public Turn userTurn(long conversation, int turn, long sequence, JsonBytes out) {
        return prompts.writeUserMessage(sequence, userTokens, false, out);
    }

    @Override
    public String description() {
        return prompts.description() + ", later user messages " + describe(userTokens) + " tokens";
    }

    private static String describe(DistSpec d) {
        if (DistSpec.FIXED.equals(d.kind())) {
            return Long.toString(Math.round(d.mean()));
        }
        if (DistSpec.UNIFORM.equals(d.kind())) {
            return Math.round(d.min()) + "-" + Math.round(d.max());
        }
        return "mean " + Math.round(d.mean());
    }
}
