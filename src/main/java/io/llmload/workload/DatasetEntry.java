package io.llmload.workload;

import java.util.List;

/**
 * One usable entry of a dataset: the messages to send, the reference answer when the file has one
 * (a trailing assistant message, or ShareGPT's reply to the first human turn), the entry's own
 * {@code max_tokens} when it gives one, and the 1-based line where it starts. For conversations,
 * {@code openingSize} is how many of the messages open one (up to the first user message) and
 * {@code laterUserTurns} are the user messages after that (empty unless asked for).
 */
record DatasetEntry(List<Object> messages, String reference, Integer maxTokens, long line, int openingSize,
                    List<Object> laterUserTurns) {

    DatasetEntry(List<Object> messages, String reference, Integer maxTokens, long line) {
        this(messages, reference, maxTokens, line, messages.size(), List.of());
    }
}
