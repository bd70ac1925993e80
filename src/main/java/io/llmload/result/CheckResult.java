package io.llmload.result;

/** One evaluated threshold or regression check. {@code value} is what was measured, in the check's unit. */
public record CheckResult(String expr, Double value, boolean passed, String detail) {
}
