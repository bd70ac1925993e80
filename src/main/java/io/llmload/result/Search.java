package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The outcome of {@code sweep.find_max}: the highest rate that met every SLO in {@code until}
 * (null when none did), how the search ended, and its bounds. The probes are the report's points.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Search(Double maxRate, String outcome, List<String> until, double rateFrom, double rateTo, double precision,
                     int probes) {
}
