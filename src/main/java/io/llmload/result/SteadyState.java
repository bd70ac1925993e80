package io.llmload.result;

/**
 * Where measuring began. {@code mode} is fixed (a given warmup) or auto; for auto, {@code reached}
 * says whether throughput and TTFT settled by the rule in {@code rule} before the maximum, and
 * {@code at_s} is when warmup ended.
 */
public record SteadyState(String mode, boolean reached, double atS, String rule) {
}
