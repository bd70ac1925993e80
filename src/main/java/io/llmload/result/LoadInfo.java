package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How load was applied: the model (closed or open), the arrival process, the planned and achieved
 * rates, and whether the client kept up. {@code client_saturated} is true when the schedule lag
 * p99 exceeded 5 ms or fewer than 99% of the scheduled arrivals went out in time; the results are
 * then a lower bound on what the server can do, and {@code saturation} says why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadInfo(String model, String arrival, Double burstiness, Double targetRate, Double achievedRate,
                       Long scheduledArrivals, Integer maxInFlight, Integer maxConcurrency, boolean clientSaturated,
                       String saturation) {
}
