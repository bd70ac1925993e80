package io.llmload.load;

import static io.llmload.client.ScriptedServer.DONE;
import static io.llmload.client.ScriptedServer.ROLE;
import static io.llmload.client.ScriptedServer.content;
import static io.llmload.client.ScriptedServer.sse;
import static io.llmload.client.ScriptedServer.usage;
import static io.llmload.client.ScriptedServer.writeSpaced;
import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import io.llmload.client.ClientConfig;
import io.llmload.client.Endpoint;
import io.llmload.client.Redactor;
import io.llmload.client.ScriptedServer;
import io.llmload.load.schedule.LoadProfile;
import io.llmload.metrics.GoodputRule;
import io.llmload.metrics.Histograms;
import io.llmload.mock.MockConfig;
import io.llmload.result.Summary;
import io.llmload.scenario.DistSpec;
import io.llmload.workload.FixedMessages;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

/** Whole runs through {@link RunEngine}: the embedded mock or a scripted server, real sockets, real timers. */
@Isolated("it checks the measured latencies against the mock's: nothing else may run beside it")
@ExtendWith(VertxExtension.class)
class RunEngineTest {
    private static final String PROMPT = "Explain in two sentences what time to first token measures.";

    static ClientConfig client(String baseUrl) {
        return new ClientConfig(baseUrl == null ? null : Endpoint.fromBaseUrl(baseUrl), Map.of(), false, true, 0,
                Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30),
                ClientConfig.DEFAULT_MAX_RESPONSE_BYTES, ClientConfig.DEFAULT_MAX_EVENT_BYTES, Redactor.none());
    }

    static LanePlan closedLane(String baseUrl, MockConfig mock, int concurrency, Long requests, Duration warmup, Duration duration) {
        FixedMessages messages = new FixedMessages("m", List.of(Map.of("role", "user", "content", PROMPT)), 64, true, Map.of());
        Duration d = duration == null ? Duration.ofDays(1) : duration;
        LoadProfile profile = LoadProfile.of(warmup.toNanos(), List.of(new LoadProfile.Stage(d.toNanos(), concurrency, false)));
        return new LanePlan("test", client(baseUrl), mock, messages, true, profile, false, "poisson", 1, 1, 0, requests);
    }

    static LanePlan openLane(MockConfig mock, double rate, String arrival, int maxInFlight, Duration duration) {
        FixedMessages messages = new FixedMessages("m", List.of(Map.of("role", "user", "content", PROMPT)), 64, true, Map.of());
        LoadProfile profile = LoadProfile.of(0, List.of(new LoadProfile.Stage(duration.toNanos(), rate, false)));
        return new LanePlan("test", client(null), mock, messages, true, profile, true, arrival, 1, 42, maxInFlight, null);
    }

    static RunPlan plan(Duration warmup, Duration duration, Duration drain, LanePlan... lanes) {
        return new RunPlan("test", List.of(lanes), warmup, null, duration, drain, 2, GoodputRule.NONE);
    }

    static RunPlan plan(String baseUrl, MockConfig mock, int concurrency, Long requests, Duration duration, Duration drain) {
        return plan(Duration.ZERO, duration, drain, closedLane(baseUrl, mock, concurrency, requests, Duration.ZERO, duration));
    }

    static MockConfig mock(long ttftMs, long itlMs, int tokens) {
        return new MockConfig("127.0.0.1", 0, 1, DistSpec.fixed(ttftMs * 1e6), DistSpec.fixed(itlMs * 1e6), DistSpec.fixed(tokens), 1, null);
    }

    static RunResult run(Vertx vertx, RunPlan plan) throws Exception {
        return new RunEngine(vertx, plan, RunListener.NONE).run().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    void reportsTheMocksKnownLatenciesAndExactTokenTotals(Vertx vertx) throws Exception {
        // A second of warmup keeps JIT compilation of a fresh JVM out of the measured requests.
        RunResult r = run(vertx, plan(Duration.ofSeconds(1), null, Duration.ofSeconds(10),
                closedLane(null, mock(150, 10, 32), 4, 40L, Duration.ofSeconds(1), null)));
        Summary s = r.summary();
        assertThat(s.requests().succeeded()).isEqualTo(40);
        assertThat(s.requests().failed()).isZero();
        assertThat(s.requests().total()).isEqualTo(40);
        assertThat(s.tokens().output()).isEqualTo(40 * 32);
        int promptTokens = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE).countTokens(PROMPT);
        assertThat(s.tokens().input()).isEqualTo(40L * promptTokens);
        assertThat(s.tokens().outputSource()).isEqualTo("usage");
        // Never early (the mock never writes before its deadline); late by at most a few ms of timer and scheduling delay.
        assertThat(s.latency("ttft").p50()).isBetween(149.0, 160.0);
        assertThat(s.latency("itl").p50()).isBetween(9.0, 13.0);
        assertThat(s.latency("tpot").p50()).isBetween(9.0, 13.0);
        assertThat(s.latency("e2e").p50()).isBetween(150.0 + 31 * 10 - 5, 150.0 + 31 * 10 + 30);
        assertThat(s.latency("ttft").count()).isEqualTo(40);
        assertThat(s.latency("itl").count()).isEqualTo(40 * 31);
        assertThat(r.stopReason()).isEqualTo("requests");
        assertThat(r.failure()).isNull();
        // The encoded histograms decode to the same counts.
        assertThat(Histograms.decode(r.histograms().get("ttft")).getTotalCount()).isEqualTo(40);
        assertThat(Histograms.decode(r.histograms().get("itl")).getTotalCount()).isEqualTo(40 * 31);
        // Throughput: 4 users, each request ~460 ms: about 8.7/s, less on a machine busy with other work.
        assertThat(s.throughput().requestsPerS()).isBetween(3.0, 9.5);
    }

    @Test
    void countsErrorsByKindAndKeepsThemOutOfLatency(Vertx vertx) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> {
            switch (i % 4) {
                case 0 -> req.response().setStatusCode(429).putHeader("retry-after", "1").end("{\"error\":\"slow down\"}");
                case 1 -> {
                    sse(req).write(content("a"));
                    vertx.setTimer(20, id -> req.connection().close());
                }
                default -> writeSpaced(vertx, sse(req), 5, ROLE, content("a"), content("b"), usage(4, 2), DONE);
            }
        })) {
            RunResult r = run(vertx, plan(server.baseUrl(), null, 4, 40L, null, Duration.ofSeconds(10)));
            Summary s = r.summary();
            assertThat(server.requestCount()).isEqualTo(40);
            assertThat(s.requests().errors()).containsExactlyInAnyOrderEntriesOf(Map.of("http_429", 10L, "reset", 10L));
            assertThat(s.requests().succeeded()).isEqualTo(20);
            assertThat(s.requests().failed()).isEqualTo(20);
            assertThat(s.requests().errorRate()).isEqualTo(0.5);
            assertThat(s.requests().errorSamples().get("http_429")).contains("HTTP 429 (Retry-After: 1)").contains("slow down");
            assertThat(s.latency("ttft").count()).isEqualTo(20);
            assertThat(s.latency("e2e").count()).isEqualTo(20);
            assertThat(s.latency("itl").count()).isEqualTo(20);
            assertThat(s.tokens().output()).isEqualTo(40);
            assertThat(r.failure()).isNull();
        }
    }

    @Test
    void stopsEarlyAndExplainsWhenEveryRequestFails(Vertx vertx) throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        long t0 = System.nanoTime();
        RunResult r = run(vertx, plan("http://127.0.0.1:" + port + "/v1", null, 2, null, Duration.ofSeconds(30), Duration.ofSeconds(5)));
        assertThat(r.failure()).contains("connection refused: 127.0.0.1:" + port);
        assertThat(r.stopReason()).isEqualTo("all_failed");
        assertThat(r.summary().requests().succeeded()).isZero();
        assertThat((System.nanoTime() - t0) / 1e9).as("gave up long before the 30 s duration").isLessThan(15);
    }

    @Test
    void cutsOffRequestsStillRunningWhenTheDrainEnds(Vertx vertx) throws Exception {
        // Tokens every 100 ms for 10 s; a 1.5 s run with a 0.5 s drain must cut every request off.
        RunResult r = run(vertx, plan(null, mock(50, 100, 100), 3, null, Duration.ofMillis(1500), Duration.ofMillis(500)));
        assertThat(r.summary().requests().incomplete()).isEqualTo(3);
        assertThat(r.summary().requests().succeeded()).isZero();
        assertThat(r.summary().requests().failed()).isZero();
        assertThat(r.durationS()).isBetween(1.9, 6.0);
    }

    @Test
    void warmupRequestsAreNotMeasured(Vertx vertx) throws Exception {
        RunPlan withWarmup = plan(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5),
                closedLane(null, mock(20, 1, 4), 2, null, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        RunResult r = run(vertx, withWarmup);
        assertThat(r.warmupS()).isEqualTo(1.0);
        long warmupRequests = r.timeseries().stream().filter(p -> p.warmup()).mapToLong(p -> p.requests()).sum();
        assertThat(warmupRequests).isPositive();
        // ~2 users * 1 s / ~25 ms per request measured; warmup requests are not among them.
        assertThat(r.summary().requests().total()).isBetween(20L, 120L);
        assertThat(r.measuredS()).isBetween(0.9, 1.6);
    }
}
