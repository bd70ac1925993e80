package io.llmload.mock;

import io.llmload.scenario.DistSpec;
import io.llmload.scenario.MockSpec;

/**
 * How the mock behaves: where it listens, how long until the first token, between tokens, and
 * how many tokens it answers with (each drawn per request; the request's max_tokens caps it).
 * {@code instances} is the number of server verticles (one per event loop is fastest).
 * {@code requiredApiKey}, when set, makes the mock answer 401 to any other Bearer key, echoing
 * the key it got back the way some providers do. {@code maxRunning} limits the answers generated
 * at once (0: no limit); the rest wait in a queue, as on a server at its batch limit.
 */
public record MockConfig(String host, int port, int instances, DistSpec ttftNanos, DistSpec itlNanos,
                         DistSpec outputTokens, long seed, String requiredApiKey, int maxRunning) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    /** Without a batch limit. */
    public MockConfig(String host, int port, int instances, DistSpec ttftNanos, DistSpec itlNanos, DistSpec outputTokens,
                      long seed, String requiredApiKey) {
        this(host, port, instances, ttftNanos, itlNanos, outputTokens, seed, requiredApiKey, 0);
    }

    public static MockConfig from(MockSpec spec, String host, int port, int instances) {
        return new MockConfig(host, port, instances, spec.ttft(), spec.itl(), spec.outputTokens(), spec.seed(), null,
                spec.maxRunning());
    }

    public MockConfig withPort(int p) {
        return new MockConfig(host, p, instances, ttftNanos, itlNanos, outputTokens, seed, requiredApiKey, maxRunning);
    }

    public MockConfig withRequiredApiKey(String key) {
        return new MockConfig(host, port, instances, ttftNanos, itlNanos, outputTokens, seed, key, maxRunning);
    }

    public MockConfig withMaxRunning(int n) {
        return new MockConfig(host, port, instances, ttftNanos, itlNanos, outputTokens, seed, requiredApiKey, n);
    }
}
