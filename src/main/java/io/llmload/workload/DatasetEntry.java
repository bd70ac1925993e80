package io.llmload.workload;

import java.util.List;

/**
 * One usable entry of a dataset: the messages to send, the reference answer when the file has one
 * (a trailing assistant message, or ShareGPT's reply to the first human turn), the entry's own
 * {@code max_tokens} when it gives one, and the 1-based line where it starts.
 */
record DatasetEntry(List<Object> messages, String reference, Integer maxTokens, long line) {
}
