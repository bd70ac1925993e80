package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The comparison of this run with an earlier report ({@code --baseline}): which report, and one
 * {@link RegressionCheck} per metric. {@code note} warns when the two runs differ in scenario or
 * model, which makes the comparison doubtful.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Baseline(String file, String scenario, String model, String startedAt, String note, List<RegressionCheck> checks) {

    public long failed() {
        return checks.stream().filter(c -> RegressionCheck.FAILED.equals(c.status())).count();
    }

    public long skipped() {
        return checks.stream().filter(c -> RegressionCheck.SKIPPED.equals(c.status())).count();
    }
}
