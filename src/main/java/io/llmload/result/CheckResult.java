package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One evaluated threshold or regression check. {@code value} is what was measured, in the check's
 * unit; {@code detail} explains when there is more to say (no samples, the run was stopped by it,
 * a baseline comparison). {@code skipped} is true for a check that could not be decided (too few
 * samples against a baseline); a skipped check has {@code passed} true, as it fails nothing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResult(String expr, Double value, boolean passed, String detail, Boolean skipped) {

    public CheckResult(String expr, Double value, boolean passed, String detail) {
        this(expr, value, passed, detail, null);
    }

    public boolean wasSkipped() {
        return Boolean.TRUE.equals(skipped);
    }
}
