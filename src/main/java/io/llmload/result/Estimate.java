package io.llmload.result;

/** A value with its 95% confidence interval ({@code low}/{@code high} null when there are too few samples). */
public record Estimate(double estimate, Double low, Double high, long n, String method) {
}
