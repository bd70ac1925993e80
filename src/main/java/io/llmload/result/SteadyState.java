package io.llmload.result;

/**
 * Where measuring began. {@code mode} is fixed (a given warmup), default or auto; for auto, {@code reached}
 * says whether throughput and TTFT settled by the rule in {@code rule} before the maximum, and
 * {@code at_s} is when warmup ended; {@code default} is the warmup chosen for a scenario that set
 * none, {@code rule} saying how.
 */
public record SteadyState(String mode, boolean reached, double atS, String rule) {
}
