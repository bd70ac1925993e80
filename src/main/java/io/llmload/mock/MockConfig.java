package io.llmload.mock;

import io.llmload.scenario.DistSpec;
import io.llmload.scenario.MockFaults;
import io.llmload.scenario.MockSpec;

/**
 * How the mock behaves: where it listens, how long until the first token, between tokens, and
 * how many tokens it answers with (each drawn per request; the request's max_tokens caps it),
 * and which faults it injects. {@code instances} is the number of server verticles (one per event
 * loop is fastest). {@code requiredApiKey}, when set, makes the mock answer 401 to any other
 * Bearer key, echoing the key it got back the way some providers do. {@code maxBatch} and
 * {@code itlPerSequence} are the capacity model ({@link BatchScheduler}). {@code reasoningTokens} is
 * the length of a reasoning phase streamed before the answer ({@code reasoning_content} deltas, one
 * ITL apart, counted in {@code usage.completion_tokens_details.reasoning_tokens}); 0 for none.
 */
public record MockConfig(String host, int port, int instances, DistSpec ttftNanos, DistSpec itlNanos,
                         DistSpec outputTokens, long seed, String requiredApiKey, int maxBatch, double itlPerSequence,
                         MockFaults faults, DistSpec reasoningTokens) {

    /** No reasoning phase. */
    public MockConfig(String host, int port, int instances, DistSpec ttftNanos, DistSpec itlNanos, DistSpec outputTokens, long seed,
                      String requiredApiKey, int maxBatch, double itlPerSequence, MockFaults faults) {
        this(host, port, instances, ttftNanos, itlNanos, outputTokens, seed, requiredApiKey, maxBatch, itlPerSequence, faults,
                DistSpec.fixed(0));
    }

    /** No capacity limit and no faults. */
    public MockConfig(String host, int port, int instances, DistSpec ttftNanos, DistSpec itlNanos, DistSpec outputTokens, long seed,
                      String requiredApiKey) {
        this(host, port, instances, ttftNanos, itlNanos, outputTokens, seed, requiredApiKey, 0, 0, MockFaults.none());
    }

    public static final String DEFAULT_HOST = "127.0.0.1";

    public static MockConfig from(MockSpec spec, String host, int port, int instances) {
        return new MockConfig(host, port, instances, spec.ttft(), spec.itl(), spec.outputTokens(), spec.seed(), null,
                spec.maxBatch(), spec.itlPerSequence(), spec.faults(), spec.reasoningTokens());
    }

    public MockConfig withPort(int p) {
        return new MockConfig(host, p, instances, ttftNanos, itlNanos, outputTokens, seed, requiredApiKey, maxBatch, itlPerSequence, faults, reasoningTokens);
    }

    public MockConfig withRequiredApiKey(String key) {
        return new MockConfig(host, port, instances, ttftNanos, itlNanos, outputTokens, seed, key, maxBatch, itlPerSequence, faults, reasoningTokens);
    }

    public MockConfig withMaxBatch(int max) {
        return new MockConfig(host, port, instances, ttftNanos, itlNanos, outputTokens, seed, requiredApiKey, max, itlPerSequence, faults, reasoningTokens);
    }

    public MockConfig withFaults(MockFaults f) {
        return new MockConfig(host, port, instances, ttftNanos, itlNanos, outputTokens, seed, requiredApiKey, maxBatch, itlPerSequence, f, reasoningTokens);
    }

    public MockConfig withReasoningTokens(DistSpec tokens) {
        return new MockConfig(host, port, instances, ttftNanos, itlNanos, outputTokens, seed, requiredApiKey, maxBatch, itlPerSequence,
                faults, tokens);
    }
}
