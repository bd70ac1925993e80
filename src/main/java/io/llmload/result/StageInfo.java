package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One load stage as it ran: seconds from the run's start, and its level (users or requests per second). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageInfo(int index, double startS, double endS, Double concurrency, Double rate, String ramp) {
}
