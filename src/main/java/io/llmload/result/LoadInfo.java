package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How load was applied: the model (closed, open, or trace), the arrival process, the planned and
 * achieved rates, and whether the client kept up. {@code client_saturated} is true when the
 * schedule lag p99 exceeded 5 ms or fewer than 99% of the scheduled arrivals went out in time; the
 * results are then a lower bound on what the server can do, and {@code saturation} says why.
 * {@code rate_of} says what the rates count: {@code requests}, or {@code conversations} when each
 * arrival opens a multi-turn conversation whose follow-up turns come on top. {@code trace}
 * describes a replayed trace. {@code client_pauses} are the client's own garbage-collection pauses
 * in the measured window.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadInfo(String model, String arrival, Double burstiness, Double targetRate, Double achievedRate,
                       Long scheduledArrivals, Integer maxInFlight, Integer maxConcurrency, boolean clientSaturated,
                       String saturation, String rateOf, TraceReplay trace, ClientPauses clientPauses) {

    public LoadInfo(String model, String arrival, Double burstiness, Double targetRate, Double achievedRate,
                    Long scheduledArrivals, Integer maxInFlight, Integer maxConcurrency, boolean clientSaturated,
                    String saturation, String rateOf, TraceReplay trace) {
        this(model, arrival, burstiness, targetRate, achievedRate, scheduledArrivals, maxInFlight, maxConcurrency, clientSaturated,
                saturation, rateOf, trace, null);
    }

    public LoadInfo(String model, String arrival, Double burstiness, Double targetRate, Double achievedRate, Long scheduledArrivals,
                    Integer maxInFlight, Integer maxConcurrency, boolean clientSaturated, String saturation) {
        this(model, arrival, burstiness, targetRate, achievedRate, scheduledArrivals, maxInFlight, maxConcurrency, clientSaturated,
                saturation, null, null);
    }

    public LoadInfo withClientPauses(ClientPauses pauses) {
        return new LoadInfo(model, arrival, burstiness, targetRate, achievedRate, scheduledArrivals, maxInFlight, maxConcurrency,
                clientSaturated, saturation, rateOf, trace, pauses);
    }

    /** A replayed trace: its file, how many records it holds, the time from its first to its last record (scaled), and the scale. */
    public record TraceReplay(String file, long records, double spanS, double timeScale) {
    }
}
