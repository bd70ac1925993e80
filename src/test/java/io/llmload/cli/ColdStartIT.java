package io.llmload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.mock.MockConfig;
import io.llmload.mock.MockServer;
import io.llmload.scenario.DistSpec;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first seconds of a new llmload process are not reported as the server's latency: a fresh
 * {@code java -jar target/llmload.jar run} (run by failsafe after the jar is built), the scenario a
 * new user writes (Poisson 40 req/s for 10 s, no warmup), against a server with a fixed 20 ms TTFT.
 * Before the client warmed its own request path and opened its connections ahead of the clock,
 * this read TTFT p99 ≈ 570 ms, schedule lag p99 ≈ 460 ms and "the client was saturated".
 */
@Isolated("it measures the client's own first second: nothing else may run beside it")
class ColdStartIT {
    private static final Path JAR = Path.of("target", "llmload.jar");
    private static final long SERVER_TTFT_MS = 20;

    @TempDir
    Path tmp;
    private Vertx vertx;
    private MockServer server;

    @BeforeEach
    void startServer() throws Exception {
        vertx = Vertx.vertx();
        MockConfig config = new MockConfig("127.0.0.1", 0, 2, DistSpec.fixed(SERVER_TTFT_MS * 1e6), DistSpec.fixed(5e6),
                DistSpec.fixed(32), 1, null);
        server = MockServer.start(vertx, config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        warmServer(server.baseUrl());
    }

    @AfterEach
    void stopServer() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** The server is this test's JVM: its own cold start would be the server's latency, which is not what is tested. */
    private static void warmServer(String baseUrl) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
        for (int round = 0; round < 8; round++) {
            List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                batch.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> f : batch) {
                assertThat(f.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void aNewProcessReportsTheServersTtftAndNoSaturation() throws Exception {
        Path scenario = tmp.resolve("cold.yaml");
        Files.writeString(scenario, """
                name: cold-start
                target: {url: %s, model: m}
                load: {rate: 40, arrival: poisson, duration: 10s}
                """.formatted(server.baseUrl()));
        Path out = tmp.resolve("out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-jar", JAR.toString(), "run", scenario.toString(), "--out", out.toString(), "--format", "json")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("console.txt").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the run ended").isTrue();
        String console = Files.readString(tmp.resolve("console.txt"));
        assertThat(p.exitValue()).as(console).isZero();

        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode latency = report.at("/summary/latency_ms");
        double ttftP99 = latency.at("/ttft/p99").asDouble();
        double lagP99 = latency.at("/schedule_lag/p99").asDouble();
        assertThat(report.at("/summary/requests/failed").asLong()).as(console).isZero();
        // The bounds are wider than the (TTFT p99 within 10 ms, lag p99 < 5 ms), which a quiet
        // machine meets (docs/PERFORMANCE.md: 24-29 ms, 2.5-3.7 ms) but a CI run at the edge did not
        // (30.0 ms once): they still fail the cold start by an order of magnitude (p99 320-700 ms, lag 240-580 ms).
        assertThat(ttftP99).as("TTFT p99 of a fresh process against a %d ms server\n%s", SERVER_TTFT_MS, console)
                .isBetween((double) SERVER_TTFT_MS, SERVER_TTFT_MS + 25.0);
        assertThat(lagP99).as("schedule lag p99\n%s", console).isLessThan(25.0);
        // The report says which warmup it chose, and the connections were opened before the clock.
        assertThat(report.at("/run/steady_state/mode").asText()).isEqualTo("default");
        assertThat(report.at("/run/warmup_s").asDouble()).isEqualTo(1.0);
        assertThat(console).containsPattern("opened \\d+ connections before the clock started");
    }
}
