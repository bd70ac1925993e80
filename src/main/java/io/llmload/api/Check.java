package io.llmload.api;

/**
 * One check of a run (a threshold, or a comparison with the baseline) and what it measured.
 *
 * @param expr     the check as written, e.g. {@code ttft.p99 < 500ms}
 * @param measured the measured value in the metric's unit (milliseconds, a fraction, per second), or null when nothing was measured
 * @param passed   whether it held
 * @param detail   the measured value as the report words it, unit included (e.g. {@code 52.2 ms})
 */
public record Check(String expr, Double measured, boolean passed, String detail) {

    /** One line for an assertion message: the check, the verdict and the measured value. */
    public String describe() {
        return expr + ": " + (passed ? "passed" : "FAILED") + ", measured " + (detail != null ? detail : measured);
    }
}
