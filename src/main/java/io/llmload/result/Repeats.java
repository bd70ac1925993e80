package io.llmload.result;

import java.util.List;
import java.util.Map;

/**
 * Repeated runs ({@code repeat: N}): each run's summary and, per metric, the mean across runs
 * with a 95% Student-t confidence interval. Metric keys are threshold names (ttft.p99, error_rate,
 * output_tokens_per_s, ...).
 */
public record Repeats(int n, Map<String, Estimate> metrics, List<Summary> runs) {
}
