package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One metric of a variant against the first (baseline) variant: both values, the difference and
 * its 95% confidence interval, and whether the interval excludes zero.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Comparison(String metric, String baseline, String variant, double baselineValue, double value, double diff,
                         Double diffPct, Double ciLow, Double ciHigh, String method, boolean significant) {
}
