package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Rates over the measured window (first measured send to last measured completion). For APIs that
 * answer with vectors or scores (embeddings, rerank) {@code input_tokens_per_s} and
 * {@code items_per_s} (vectors or documents per second) are set and {@code output_tokens_per_s}
 * means nothing (left out of the JSON report); both are absent for token APIs.
 */
public record Throughput(double requestsPerS, double outputTokensPerS, double totalTokensPerS,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Double inputTokensPerS,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Double itemsPerS) {

    public Throughput(double requestsPerS, double outputTokensPerS, double totalTokensPerS) {
        this(requestsPerS, outputTokensPerS, totalTokensPerS, null, null);
    }

    /** The rates of an API that answers with vectors or scores: no output tokens, input tokens and items per second. */
    public static Throughput ofItems(double requestsPerS, double inputTokensPerS, double itemsPerS) {
        return new Throughput(requestsPerS, 0, inputTokensPerS, inputTokensPerS, itemsPerS);
    }
}
