package io.llmload.workload;

import java.util.List;

/**
 * One request of a trace: its index among the trace's records (0-based, in file order), the line
 * it is on, its recorded time in milliseconds, and what to send — a synthetic prompt of
 * {@code inputTokens} (-1: none), the recorded {@code messages} (null: none), or, with neither,
 * the scenario's workload. {@code outputTokens} is sent as max_tokens (null: the usual).
 */
public record TraceRecord(long index, long line, double timestampMs, int inputTokens, Integer outputTokens, List<Object> messages) {

    public boolean hasLengths() {
        return inputTokens > 0;
    }

    public boolean hasMessages() {
        return messages != null;
    }
}
