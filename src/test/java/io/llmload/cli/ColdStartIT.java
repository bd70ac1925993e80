package io.llmload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.mock.MockConfig;
import io.llmload.mock.MockServer;
import io.llmload.scenario.DistSpec;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Locale;
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
        // The machine is shared: a second fresh process is allowed when the first misses the bounds.
        // The cold start misses both by an order of magnitude (TTFT p99 320-700 ms, lag 240-580 ms).
        Attempt first = attempt(scenario, 1);
        Attempt verdict = first.withinBounds() ? first : attempt(scenario, 2);
        assertThat(verdict.withinBounds())
                .as("TTFT p99 within %s ms of what an independent client saw of the same server at the same time, and schedule lag p99 < %s ms:%n%s%n%s",
                        TTFT_MARGIN_MS, LAG_BOUND_MS, first, verdict == first ? "" : verdict)
                .isTrue();
        JsonNode report = verdict.report();
        // The report says which warmup it chose, and the connections were opened before the clock.
        assertThat(report.at("/run/steady_state/mode").asText()).isEqualTo("default");
        assertThat(report.at("/run/warmup_s").asDouble()).isEqualTo(1.0);
        assertThat(verdict.console()).containsPattern("opened \\d+ connections before the clock started");
    }

    private static final double TTFT_MARGIN_MS = 10;
    private static final double LAG_BOUND_MS = 5;

    /** One fresh llmload process, with the independent client measuring the server beside it. */
    private Attempt attempt(Path scenario, int n) throws Exception {
        Path out = tmp.resolve("out" + n);
        Path consoleFile = tmp.resolve("console" + n + ".txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (IndependentClient independent = IndependentClient.start(server.baseUrl())) {
            Process p = new ProcessBuilder(java, "-jar", JAR.toString(), "run", scenario.toString(), "--out", out.toString(), "--format", "json")
                    .redirectErrorStream(true).redirectOutput(consoleFile.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the run ended").isTrue();
            String console = Files.readString(consoleFile);
            assertThat(p.exitValue()).as(console).isZero();
            JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
            assertThat(report.at("/summary/requests/failed").asLong()).as(console).isZero();
            assertThat(console).doesNotContain("saturated");
            JsonNode latency = report.at("/summary/latency_ms");
            return new Attempt(n, latency.at("/ttft/p99").asDouble(), latency.at("/schedule_lag/p99").asDouble(),
                    independent.ttftP99Ms(), independent.samples(), report, console);
        }
    }

    private record Attempt(int n, double ttftP99, double lagP99, double independentP99, int independentSamples, JsonNode report,
                           String console) {
        boolean withinBounds() {
            return ttftP99 >= SERVER_TTFT_MS && ttftP99 <= independentP99 + TTFT_MARGIN_MS && lagP99 < LAG_BOUND_MS;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "attempt %d: llmload TTFT p99 %.1f ms, schedule lag p99 %.2f ms; independent client TTFT p99 %.1f ms"
                    + " (%d requests)%n%s", n, ttftP99, lagP99, independentP99, independentSamples, console);
        }
    }

    /**
     * The server as another client sees it, side by side with llmload: blocking sockets on their own
     * threads, one request at a time each, the time from writing the request to the first content
     * chunk. The server (this JVM's mock, with timers and a JIT of its own) is slower than its 20 ms
     * setting by a few ms at the tail (e.g. 22.0 ms p50, 26.7 ms p99 on this machine), so that, not
     * the setting, is what llmload's numbers are held to.
     */
    private static final class IndependentClient implements AutoCloseable {
        private static final int THREADS = 3;
        private final List<Double> ttfts = Collections.synchronizedList(new ArrayList<>());
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean stop;

        static IndependentClient start(String baseUrl) {
            IndependentClient c = new IndependentClient();
            URI uri = URI.create(baseUrl);
            for (int i = 0; i < THREADS; i++) {
                Thread t = new Thread(() -> c.loop(uri), "independent-client-" + i);
                t.setDaemon(true);
                c.threads.add(t);
                t.start();
            }
            return c;
        }

        private void loop(URI base) {
            byte[] body = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST " + base.getPath() + "/chat/completions HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\ncontent-type: application/json\r\ncontent-length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.setTcpNoDelay(true);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                byte[] buf = new byte[65536];
                int seen = 0;
                while (!stop) {
                    long start = System.nanoTime();
                    out.write(head);
                    out.write(body);
                    out.flush();
                    long first = 0;
                    StringBuilder text = new StringBuilder();
                    while (true) {
                        int n = in.read(buf);
                        if (n < 0) {
                            return;
                        }
                        text.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                        if (first == 0 && text.indexOf("\"content\"") >= 0) {
                            first = System.nanoTime();
                        }
                        if (text.indexOf("[DONE]") >= 0 && text.toString().endsWith("0\r\n\r\n")) {
                            break;
                        }
                    }
                    if (++seen > 5) { // its own first requests warm this client, not the server
                        ttfts.add((first - start) / 1e6);
                    }
                }
            } catch (IOException e) {
                // the server closes with the test; the samples so far stand
            }
        }

        double ttftP99Ms() {
            List<Double> sorted;
            synchronized (ttfts) {
                sorted = new ArrayList<>(ttfts);
            }
            assertThat(sorted).as("the independent client's samples").hasSizeGreaterThan(50);
            Collections.sort(sorted);
            return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
        }

        int samples() {
            return ttfts.size();
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            for (Thread t : threads) {
                t.join(5000);
            }
        }
    }
}
