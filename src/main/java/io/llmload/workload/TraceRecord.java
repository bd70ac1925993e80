package io.llmload.workload;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One request of a trace: its index among the trace's records (0-based, in file order), the line
 * it is on, its recorded time in milliseconds, and what to send — a synthetic prompt of
 * {@code inputTokens} (-1: none), the recorded {@code messages} (null: none), or, with neither,
 * the scenario's workload. {@code outputTokens} is sent as max_tokens (null: the usual).
 * {@code hashIds} (null: none) are a Mooncake record's prompt blocks: the prompt is one block of
 * text per id, the same text for the same id in every record, so records share prefixes as the
 * trace recorded them.
 */
public record TraceRecord(long index, long line, double timestampMs, int inputTokens, Integer outputTokens, List<Object> messages,
                          long[] hashIds) {

    public TraceRecord(long index, long line, double timestampMs, int inputTokens, Integer outputTokens, List<Object> messages) {
        this(index, line, timestampMs, inputTokens, outputTokens, messages, null);
    }

    public boolean hasLengths() {
        return inputTokens > 0;
    }

    public boolean hasMessages() {
        return messages != null;
    }

    public boolean hasHashIds() {
        return hashIds != null;
    }

    // a record's components compare by value, the hash ids too
    @Override
    public boolean equals(Object o) {
        return o instanceof TraceRecord r && index == r.index && line == r.line && Double.compare(timestampMs, r.timestampMs) == 0
                && inputTokens == r.inputTokens && Objects.equals(outputTokens, r.outputTokens) && Objects.equals(messages, r.messages)
                && Arrays.equals(hashIds, r.hashIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, line, timestampMs, inputTokens, outputTokens, messages) * 31 + Arrays.hashCode(hashIds);
    }

    @Override
    public String toString() {
        return "TraceRecord[index=" + index + ", line=" + line + ", timestampMs=" + timestampMs + ", inputTokens=" + inputTokens
                + ", outputTokens=" + outputTokens + ", messages=" + messages + ", hashIds=" + Arrays.toString(hashIds) + "]";
    }
}
