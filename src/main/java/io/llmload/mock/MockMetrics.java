package io.llmload.mock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.DoubleStream;

/**
 * The mock's own Prometheus metrics, served at {@code GET /metrics}. Queue and token metrics use
 * vLLM's names and labels ({@code vllm:num_requests_running}, {@code vllm:num_requests_waiting},
 * {@code vllm:prompt_tokens_total}, {@code vllm:generation_tokens_total},
 * {@code vllm:request_success_total}, {@code vllm:prefix_cache_queries_total},
 * {@code vllm:prefix_cache_hits_total}, {@code vllm:time_to_first_token_seconds} (with vLLM's
 * buckets) and {@code vllm:kv_cache_usage_perc} (here: running answers over the batch limit), all labelled {@code model_name} and {@code engine}), so
 * scraping the mock exercises the same code as scraping vLLM; the rest are
 * {@code llmload_mock_*}. One instance is shared by all of a server's verticles.
 *
 * <p>Thread contract: thread-safe; counters are incremented from any event loop, once per
 * request or per batch of tokens written, never per byte.
 */
public final class MockMetrics {
    private static final Tags VLLM = Tags.of("model_name", "mock", "engine", "0");
    /** vLLM's bucket bounds for vllm:time_to_first_token_seconds. */
    private static final Duration[] VLLM_TTFT_BUCKETS = DoubleStream.of(0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25,
            0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0)
            .mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);

    private static final Duration[] LATENESS_BUCKETS = DoubleStream.of(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
            0.5, 1.0, 2.5).mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter promptTokens = vllmCounter("vllm:prompt_tokens", "Number of prefill tokens processed.");
    private final Counter generationTokens = vllmCounter("vllm:generation_tokens", "Number of generation tokens processed.");
    private final Counter prefixQueries = vllmCounter("vllm:prefix_cache_queries", "Prefix cache queries, in terms of number of queried tokens.");
    private final Counter prefixHits = vllmCounter("vllm:prefix_cache_hits", "Prefix cache hits, in terms of number of cached tokens.");
    private final Timer ttft = Timer.builder("vllm:time_to_first_token").description("Histogram of time to first token in seconds.")
            .tags(VLLM).serviceLevelObjectives(VLLM_TTFT_BUCKETS).register(registry);
    /**
     * How late the mock writes a token against its own schedule: at a load where the mock cannot keep
     * up, a client's inter-token tail is the server's, and this says how much of it.
     */
    private final Timer lateness = Timer.builder("llmload_mock_token_lateness")
            .description("How late tokens were written against the mock's schedule (one sample per write).")
            .serviceLevelObjectives(LATENESS_BUCKETS).register(registry);
    private final Map<String, Counter> successes = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Counter> injected = new ConcurrentHashMap<>();

    MockMetrics(Supplier<Number> running, Supplier<Number> waiting, Supplier<Number> kvCacheUsage) {
        Gauge.builder("vllm:num_requests_running", running).description("Number of requests in model execution batches.")
                .tags(VLLM).register(registry);
        Gauge.builder("vllm:num_requests_waiting", waiting).description("Number of requests waiting to be processed.")
                .tags(VLLM).register(registry);
        Gauge.builder("vllm:kv_cache_usage_perc", kvCacheUsage)
                .description("KV-cache usage. 1 means 100 percent usage. (mock: running answers over the batch limit)")
                .tags(VLLM).register(registry);
        // Series that exist from the start, as in vLLM, so a first scrape already shows them at 0.
        successCounter("stop");
        successCounter("length");
        requestCounter(200);
    }

    private Counter vllmCounter(String name, String help) {
        return Counter.builder(name).description(help).tags(VLLM).register(registry);
    }

    /** A chat request was answered with {@code status} (200 counts once the stream starts). */
    public void request(int status) {
        requestCounter(status).increment();
    }

    /** A request whose answer was written to the end, with vLLM's finish reason (stop or length). */
    public void succeeded(String finishReason) {
        successCounter(finishReason).increment();
    }

    private Counter requestCounter(int status) {
        return requests.computeIfAbsent(status, s -> Counter.builder("llmload_mock_requests")
                .description("chat completion requests by HTTP status").tag("status", Integer.toString(s))
                .register(registry));
    }

    private Counter successCounter(String finishReason) {
        return successes.computeIfAbsent(finishReason, r -> Counter.builder("vllm:request_success")
                .description("Count of successfully processed requests.").tags(VLLM).tag("finished_reason", r)
                .register(registry));
    }

    void prompt(int tokens, int cachedTokens) {
        promptTokens.increment(tokens);
        prefixQueries.increment(tokens);
        prefixHits.increment(cachedTokens);
    }

    /** Time from the request's arrival (queue included, as vLLM measures it) to its first token. */
    void firstToken(long nanosSinceArrival) {
        ttft.record(Math.max(0, nanosSinceArrival), TimeUnit.NANOSECONDS);
    }

    /** A write of due tokens began {@code nanos} after the first of them was due. */
    void late(long nanos) {
        lateness.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    void generated(int tokens) {
        generationTokens.increment(tokens);
    }

    /** An error the mock was told to inject (fault injection), by kind. */
    public void injectedError(String kind) {
        injected.computeIfAbsent(kind, k -> Counter.builder("llmload_mock_injected_errors")
                .description("errors injected on purpose, by kind").tag("kind", k).register(registry)).increment();
    }

    /** The exposition text (format 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }
}
