package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One metric of this run compared with a baseline report ({@code --baseline}): it fails only when
 * it is worse than the baseline by more than its allowance and the difference is beyond the noise
 * band of the two measurements; it is skipped when there are too few samples to tell.
 *
 * @param metric    as thresholds name it: ttft.p99, error_rate, output_tokens_per_s
 * @param allowed   the allowance as given: "10%" (relative), "50ms" or "1pp" (absolute)
 * @param baseline  the baseline's value, in the metric's unit (ms, a fraction, per second)
 * @param value     this run's value
 * @param changePct the change against the baseline in percent (positive: larger), null from a zero baseline
 * @param status    {@code passed}, {@code failed} or {@code skipped}
 * @param reason    one line: why it passed, failed or was skipped
 * @param method    how noise was judged: quantile_ci, mean_ci, two_proportion, batch_means_t, repeats_t
 * @param noise     the noise band in words (the intervals compared), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegressionCheck(String metric, String allowed, Double baseline, Double value, Double changePct, String status,
                              String reason, String method, String noise) {
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
}
