package io.llmload.scenario;

/** A threshold expression as written, with where it was written (for column-precise parse errors). */
public record ThresholdSpec(String expr, Location location) {
}
