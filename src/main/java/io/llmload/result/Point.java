package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One sweep point (or SLO-search probe): the settings it ran with and its summary. {@code pareto}
 * marks points on the throughput/latency Pareto front; {@code passed} says whether a search
 * probe met every SLO; {@code repeats} is present with {@code repeat: N}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Point(Map<String, Object> settings, Summary summary, Boolean pareto, Boolean passed, Repeats repeats) {
}
