package io.llmload.load;

import io.llmload.client.ClientConfig;
import io.llmload.load.schedule.LoadProfile;
import io.llmload.mock.MockConfig;
import io.llmload.workload.CancelPlan;
import io.llmload.workload.RequestSource;
import io.llmload.workload.TraceRequests;

/**
 * One stream of load: a target (or an embedded mock to start), what to send, and the load
 * profile over time, read as concurrency (closed model) or as a rate with an arrival process
 * (open model), or the recorded times of a trace. A run has one lane, or one per variant when
 * variants are interleaved.
 *
 * @param mock          the embedded mock to start for this lane, or null to use {@code client.endpoint()}
 * @param profile       levels over time, warmup segment included (offsets from the run's start)
 * @param maxInFlight   open model: outstanding requests at most; arrivals beyond are dropped
 * @param requestsLimit measured requests at most, or null
 * @param cancels       which requests their users abandon, and when
 * @param trace         the trace whose records are the open model's arrivals and requests, or null
 */
public record LanePlan(String name, ClientConfig client, MockConfig mock, RequestSource requests, boolean stream,
                       LoadProfile profile, boolean open, String arrival, double burstiness, long seed, int maxInFlight,
                       Long requestsLimit, CancelPlan cancels, TraceRequests trace) {

    /** A lane whose users never give up and that replays no trace. */
    public LanePlan(String name, ClientConfig client, MockConfig mock, RequestSource requests, boolean stream, LoadProfile profile,
                    boolean open, String arrival, double burstiness, long seed, int maxInFlight, Long requestsLimit) {
        this(name, client, mock, requests, stream, profile, open, arrival, burstiness, seed, maxInFlight, requestsLimit, CancelPlan.NONE,
                null);
    }

    /** The most users (closed) or outstanding requests (open) this lane can have. */
    public int maxConcurrency() {
        return open ? maxInFlight : (int) Math.ceil(profile.maxLevel());
    }
}
