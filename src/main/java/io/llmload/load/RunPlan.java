package io.llmload.load;

import io.llmload.client.ClientConfig;
import io.llmload.mock.MockConfig;
import io.llmload.workload.RequestSource;
import java.time.Duration;

/**
 * Everything the {@link RunEngine} needs, resolved from a scenario and the command line.
 *
 * @param mock       the embedded mock to start, or null to use {@code client.endpoint()}
 * @param duration   measured duration, or null for "until the request budget is spent"
 * @param requests   measured request budget, or null for none
 * @param drivers    number of driver verticles (at most one per event loop is useful)
 */
public record RunPlan(String scenarioName, String model, ClientConfig client, MockConfig mock, RequestSource requests,
                      boolean stream, int concurrency, Duration warmup, Duration duration, Long requestsLimit,
                      Duration drain, int drivers) {
}
