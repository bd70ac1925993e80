package io.llmload.result;

/** Rates over the measured window (first measured send to last measured completion). */
public record Throughput(double requestsPerS, double outputTokensPerS, double totalTokensPerS) {
}
