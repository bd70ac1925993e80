package io.llmload.workload;

import com.knuddels.jtokkit.api.Encoding;
import java.util.List;
import java.util.Map;

/**
 * Counts a prompt's tokens the way llmload states them: the tokens of every message's text
 * (string content, or the text of {@code {type: text}} parts), summed, without the chat template
 * a server adds around them.
 */
final class PromptTokens {
    private PromptTokens() {
    }

    static int count(List<?> messages, Encoding encoding) {
        int total = 0;
        for (Object m : messages) {
            if (m instanceof Map<?, ?> message) {
                Object content = message.get("content");
                if (content instanceof String text) {
                    total += encoding.countTokensOrdinary(text);
                } else if (content instanceof List<?> parts) {
                    for (Object part : parts) {
                        if (part instanceof Map<?, ?> p && p.get("text") instanceof String text) {
                            total += encoding.countTokensOrdinary(text);
                        }
                    }
                }
            }
        }
        return total;
    }
}
