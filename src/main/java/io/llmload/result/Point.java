package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One sweep point (or SLO-search probe): the settings it ran with and its summary. {@code pareto}
 * marks points on the throughput/latency Pareto front; {@code passed} says whether a search
 * probe met every SLO; {@code repeats} is present with {@code repeat: N}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Point(Map<String, Object> settings, Summary summary, Boolean pareto, Boolean passed, Repeats repeats) {

    /** Sweep or variant settings as one short label, e.g. "concurrency=16"; "" when there are none. */
    public static String settingsLabel(Map<String, Object> settings) {
        if (settings == null || settings.isEmpty()) {
            return "";
        }
        return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
