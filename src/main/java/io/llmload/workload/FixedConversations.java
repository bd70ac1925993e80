package io.llmload.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.api.Encoding;
import java.util.List;
import java.util.Map;

/**
 * Conversations of fixed messages: each opens with the scenario's messages, and every later turn
 * asks the last user message again (so the history grows by the real reply and that message).
 * Everything is encoded once. Thread contract: immutable.
 */
final class FixedConversations implements ConversationScript {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] opening;
    private final int openingTokens;
    private final byte[] followUp;
    private final int followUpTokens;

    FixedConversations(List<Object> messages, Encoding encoding) {
        this.opening = objects(messages);
        this.openingTokens = PromptTokens.count(messages, encoding);
        Object last = messages.get(messages.size() - 1);
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof Map<?, ?> m && "user".equals(m.get("role"))) {
                last = m;
                break;
            }
        }
        this.followUp = objects(List.of(last));
        this.followUpTokens = PromptTokens.count(List.of(last), encoding);
    }

    /** The JSON of a list's elements, comma-separated, without the brackets. */
    static byte[] objects(List<?> list) {
        try {
            byte[] array = JSON.writeValueAsBytes(list);
            return java.util.Arrays.copyOfRange(array, 1, array.length - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode messages: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public int turnsAvailable(long conversation) {
        return Integer.MAX_VALUE;
    }

    @Override
    public Turn opening(long conversation, long sequence, JsonBytes out) {
        out.append(opening);
        return new Turn(openingTokens, null);
    }

    @Override
    public Turn userTurn(long conversation, int turn, long sequence, JsonBytes out) {
        out.append(followUp);
        return new Turn(followUpTokens, null);
    }

    @Override
    public String description() {
        return "fixed messages (" + openingTokens + " prompt tokens), then the last user message again (" + followUpTokens + " tokens) each turn";
    }
}
