package io.llmload.mock;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.metrics.Dashboard;
import io.llmload.metrics.Exposition;
import io.llmload.metrics.ExpositionParser;
import io.llmload.metrics.PrometheusText;
import io.llmload.scenario.DistSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The mock's /metrics over real HTTP: vLLM's queue gauges under a batch limit, token and request counters. */
@ExtendWith(VertxExtension.class)
class MockMetricsTest {
    private static final Map<String, String> VLLM = Map.of("model_name", "mock", "engine", "0");
    private static final int TOKENS = 10;

    private static JsonObject chat(boolean stream, String prompt) {
        return new JsonObject().put("model", "m").put("stream", stream).put("max_tokens", 100)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", prompt)));
    }

    private static Exposition scrape(WebClient web, int port) throws Exception {
        String text = web.get(port, "127.0.0.1", "/metrics").send().map(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.getHeader("content-type")).startsWith("text/plain; version=0.0.4");
            return r.bodyAsString();
        }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return ExpositionParser.parse(text);
    }

    @Test
    void queueGaugesFollowTheBatchLimitAndCountersTheAnswers(Vertx vertx) throws Exception {
        MockConfig config = new MockConfig("127.0.0.1", 0, 1, DistSpec.fixed(150e6), DistSpec.fixed(10e6), DistSpec.fixed(TOKENS), 1, null)
                .withMaxBatch(2);
        MockServer server = MockServer.start(vertx, config).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        WebClient web = WebClient.create(vertx);
        // A prompt of 40 tokens or more: two full cache blocks that later requests hit.
        String prompt = "Explain in two sentences what time to first token measures, and why a queue in front of "
                + "the model makes it rise for everyone who arrives after the batch is full.";
        long t0 = System.nanoTime();
        List<Future<Long>> firstByteMs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            firstByteMs.add(web.request(HttpMethod.POST, server.port(), "127.0.0.1", "/v1/chat/completions")
                    .sendJsonObject(chat(true, prompt)).map(r -> {
                        assertThat(r.statusCode()).isEqualTo(200);
                        assertThat(r.bodyAsString()).endsWith("data: [DONE]\n\n");
                        return (System.nanoTime() - t0) / 1_000_000;
                    }));
        }
        Thread.sleep(80);
        // Its own client: the five answers hold all of the first client's connections.
        Exposition mid = scrape(WebClient.create(vertx), server.port());
        assertThat(PrometheusText.value(mid, "vllm:num_requests_running", VLLM)).isEqualTo(2);
        assertThat(PrometheusText.value(mid, "vllm:num_requests_waiting", VLLM)).isEqualTo(3);
        assertThat(PrometheusText.value(mid, "vllm:kv_cache_usage_perc", VLLM)).isEqualTo(1.0);
        List<Long> ends = new ArrayList<>();
        for (Future<Long> f : firstByteMs) {
            ends.add(f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
        // Three waves of about 240 ms each: the last answers end well after two answer times.
        assertThat(ends.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThanOrEqualTo(2 * 240);
        web.request(HttpMethod.POST, server.port(), "127.0.0.1", "/v1/chat/completions").sendBuffer(Buffer.buffer("not json"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        web.request(HttpMethod.POST, server.port(), "127.0.0.1", "/v1/chat/completions").sendJsonObject(chat(false, prompt))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        Exposition end = scrape(web, server.port());
        int promptTokens = PromptTokens.ids(new JsonArray().add(new JsonObject().put("role", "user").put("content", prompt))).length;
        assertThat(promptTokens).isGreaterThanOrEqualTo(2 * MockPrefixCache.BLOCK_TOKENS);
        assertThat(PrometheusText.value(end, "vllm:num_requests_running", VLLM)).isZero();
        assertThat(PrometheusText.value(end, "vllm:num_requests_waiting", VLLM)).isZero();
        assertThat(PrometheusText.value(end, "vllm:generation_tokens_total", VLLM)).isEqualTo(6 * TOKENS);
        assertThat(PrometheusText.value(end, "vllm:prompt_tokens_total", VLLM)).isEqualTo(6 * promptTokens);
        assertThat(PrometheusText.value(end, "vllm:request_success_total", Map.of("finished_reason", "stop"))).isEqualTo(6);
        assertThat(PrometheusText.value(end, "vllm:request_success_total", Map.of("finished_reason", "length"))).isZero();
        assertThat(PrometheusText.value(end, "llmload_mock_requests_total", Map.of("status", "200"))).isEqualTo(6);
        assertThat(PrometheusText.value(end, "llmload_mock_requests_total", Map.of("status", "400"))).isEqualTo(1);
        // The server's TTFT counts from arrival, queue included: only the first wave (and the lone
        // non-streaming request) get their first token within 250 ms; none within the 150 ms TTFT.
        assertThat(PrometheusText.value(end, "vllm:time_to_first_token_seconds_count", VLLM)).isEqualTo(6);
        List<double[]> ttft = PrometheusText.buckets(end, "vllm:time_to_first_token_seconds", VLLM);
        assertThat(ttft.stream().filter(b -> b[0] == 0.1).findFirst().orElseThrow()[1]).isZero();
        assertThat(ttft.stream().filter(b -> b[0] == 0.25).findFirst().orElseThrow()[1]).isLessThanOrEqualTo(3);
        // One lateness sample per write of due tokens: every streamed token in its own write when the
        // mock keeps up (10 ms apart), fewer when it fell behind; none of them seconds late on loopback.
        double writes = PrometheusText.value(end, "llmload_mock_token_lateness_seconds_count", Map.of());
        assertThat(writes).isBetween(5.0, 5.0 * TOKENS);
        List<double[]> late = PrometheusText.buckets(end, "llmload_mock_token_lateness_seconds", Map.of());
        assertThat(late.stream().filter(b -> b[0] == 2.5).findFirst().orElseThrow()[1]).isEqualTo(writes);
        assertThat(PrometheusText.value(end, "llmload_mock_token_lateness_seconds_sum", Map.of())).isBetween(0.0, writes * 0.25);
        // The first request misses every block; the other five hit every full block.
        int blocks = promptTokens / MockPrefixCache.BLOCK_TOKENS;
        assertThat(PrometheusText.value(end, "vllm:prefix_cache_queries_total", VLLM)).isEqualTo(6 * promptTokens);
        assertThat(PrometheusText.value(end, "vllm:prefix_cache_hits_total", VLLM)).isEqualTo(5 * blocks * MockPrefixCache.BLOCK_TOKENS);
        // Every server metric the shipped Grafana dashboard queries is one the mock serves.
        Set<String> exposed = Dashboard.sampleNames(end);
        assertThat(Dashboard.metricNames().stream().filter(n -> n.startsWith("vllm:")).toList()).isNotEmpty().allSatisfy(n ->
                assertThat(exposed).as("dashboard metric " + n).contains(n));
        server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aClientThatLeavesWhileQueuedGivesUpItsPlace(Vertx vertx) throws Exception {
        MockConfig config = new MockConfig("127.0.0.1", 0, 1, DistSpec.fixed(300e6), DistSpec.fixed(1e6), DistSpec.fixed(2), 1, null)
                .withMaxBatch(1);
        MockServer server = MockServer.start(vertx, config).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        WebClient web = WebClient.create(vertx);
        Future<?> first = web.request(HttpMethod.POST, server.port(), "127.0.0.1", "/v1/chat/completions").sendJsonObject(chat(true, "a"));
        // The second waits behind the first and gives up (its client resets it) after 100 ms.
        io.vertx.core.http.HttpClient raw = vertx.createHttpClient();
        io.vertx.core.http.HttpClientRequest second = raw.request(HttpMethod.POST, server.port(), "127.0.0.1", "/v1/chat/completions")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        second.putHeader("content-type", "application/json").end(chat(true, "b").encode());
        Thread.sleep(100);
        second.reset().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        first.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Thread.sleep(50);
        Exposition e = scrape(web, server.port());
        assertThat(PrometheusText.value(e, "vllm:num_requests_running", VLLM)).isZero();
        assertThat(PrometheusText.value(e, "vllm:num_requests_waiting", VLLM)).isZero();
        // A third request is served at once: the abandoned one did not keep the only slot.
        long t0 = System.nanoTime();
        web.request(HttpMethod.POST, server.port(), "127.0.0.1", "/v1/chat/completions").sendJsonObject(chat(true, "c"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(290 + 300);
        server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
