package io.llmload.result;

import java.util.Map;

/**
 * Requests that succeeded and individually met every per-request SLO in {@code slo_ms}
 * (DistServe's goodput): how many, how many per second of the measured window, and what fraction
 * of the succeeded requests.
 */
public record Goodput(Map<String, Double> sloMs, long met, double requestsPerS, double fraction) {
}
