package io.llmload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.metrics.Dashboard;
import io.llmload.metrics.Exposition;
import io.llmload.metrics.ExpositionParser;
import io.llmload.metrics.PrometheusText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live Prometheus endpoint and the server-metrics scraping through the real CLI entry: a
 * run against the embedded mock is scraped over HTTP while it goes and after it ends, and what
 * Prometheus would read is compared with the JSON report.
 */
class ObservabilityCliTest {
    private static final Pattern URL = Pattern.compile("metrics: (http://127\\.0\\.0\\.1:\\d+/metrics)");
    private static final Map<String, String> LABELS = Map.of("scenario", "observed", "target", "embedded", "model", "mock-llm",
            "variant", "default", "point", "default");

    @TempDir
    Path tmp;

    /** A quiet {@code llmload run} through the real CLI entry on another thread, its output captured. */
    private record Background(CompletableFuture<Integer> code, ByteArrayOutputStream stdout, ByteArrayOutputStream stderr) {
        static Background run(Path scenario, Path out) {
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            Console console = new Console(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                    new PrintStream(stderr, true, StandardCharsets.UTF_8), Map.<String, String>of()::get, false, false);
            return new Background(CompletableFuture.supplyAsync(() -> Main.execute(
                    new String[] {"run", scenario.toString(), "--out", out.toString(), "--quiet"}, console)), stdout, stderr);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Exposition scrape(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        return ExpositionParser.parse(r.body());
    }

    private static double succeeded(Exposition e) {
        return PrometheusText.value(e, "llmload_requests_total", with("outcome", "succeeded"));
    }

    @Test
    void scrapedMetricsRiseDuringTheRunAndEqualTheReportAfterIt() throws Exception {
        Path file = tmp.resolve("observed.yaml");
        Files.writeString(file, """
                name: observed
                target: {url: embedded, model: mock-llm}
                request: {stream: true, max_tokens: 16}
                workload:
                  messages: [{role: user, content: "Explain in two sentences what time to first token measures, and why a queue in front of the model makes it rise."}]
                load: {concurrency: 6, duration: 4s}
                mock: {ttft: 60ms, itl: 5ms, output_tokens: 16, max_batch: 3}
                metrics: {port: 0, linger: 3s, vertx: true}
                server_metrics: {every: 250ms}
                """);
        Path out = tmp.resolve("out");
        Background bg = Background.run(file, out);
        ByteArrayOutputStream stdout = bg.stdout();
        ByteArrayOutputStream stderr = bg.stderr();
        CompletableFuture<Integer> run = bg.code();

        String url = null;
        for (int i = 0; i < 200 && url == null; i++) {
            Matcher m = URL.matcher(stderr.toString(StandardCharsets.UTF_8));
            url = m.find() ? m.group(1) : null;
            Thread.sleep(50);
        }
        assertThat(url).as(stderr.toString(StandardCharsets.UTF_8)).isNotNull();

        // During the run (meters are fed once a second): the counters rise between two scrapes,
        // and the Vert.x client's metrics are there.
        Exposition first = scrape(url);
        for (int i = 0; i < 100 && !(succeeded(first) > 0); i++) {
            Thread.sleep(100);
            first = scrape(url);
        }
        assertThat(succeeded(first)).isPositive();
        Thread.sleep(1100);
        Exposition second = scrape(url);
        assertThat(succeeded(second)).isGreaterThan(succeeded(first));
        assertThat(PrometheusText.value(second, "llmload_run_finished", LABELS)).isZero();
        assertThat(PrometheusText.value(second, "llmload_in_flight_requests", LABELS)).isBetween(1.0, 6.0);
        assertThat(PrometheusText.value(second, "llmload_target_concurrency_users", LABELS)).isEqualTo(6);
        assertThat(PrometheusText.value(second, "vertx_http_client_active_connections", Map.of())).isPositive();
        assertThat(PrometheusText.value(second, "vertx_http_client_bytes_read_total", Map.of())).isPositive();
        assertThat(second.family("vertx_pool_queue_pending")).isNotNull();
        assertThat(second.family("vertx_pool_queue_time_seconds")).isNotNull();
        // Vert.x's per-request client meters are left out: too costly for a load generator.
        assertThat(second.family("vertx_http_client_requests_total")).isNull();
        assertThat(second.family("vertx_http_client_response_time_seconds")).isNull();

        // After the run, while the endpoint lingers: the final values.
        Exposition last = null;
        for (int i = 0; i < 100; i++) {
            Exposition e = scrape(url);
            if (PrometheusText.value(e, "llmload_run_finished", LABELS) == 1) {
                last = e;
                break;
            }
            Thread.sleep(100);
        }
        assertThat(last).as("the endpoint shows the finished run while it lingers").isNotNull();
        // Every client-side metric the shipped Grafana dashboard queries is exposed (errors by kind
        // appear with the first error, GC pauses with the first pause: this short run may have neither).
        Set<String> exposed = Dashboard.sampleNames(last);
        Set<String> onFirstEvent = Set.of("llmload_request_errors_total", "jvm_gc_pause_seconds_sum");
        assertThat(Dashboard.metricNames().stream().filter(n -> !n.startsWith("vllm:") && !onFirstEvent.contains(n)).toList()).isNotEmpty().allSatisfy(n ->
                assertThat(exposed).as("dashboard metric " + n).contains(n));
        int code = run.get(60, TimeUnit.SECONDS);
        assertThat(code).as(stdout + "\n" + stderr).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("serving final values at " + url).doesNotContain("WARNING");

        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode requests = report.at("/summary/requests");
        assertThat(succeeded(last)).isEqualTo(requests.get("succeeded").asDouble()).isPositive();
        assertThat(PrometheusText.value(last, "llmload_requests_total", with("outcome", "failed"))).isEqualTo(requests.get("failed").asDouble());
        assertThat(PrometheusText.value(last, "llmload_requests_total", with("outcome", "incomplete")))
                .isEqualTo(requests.get("incomplete").asDouble());
        assertThat(PrometheusText.value(last, "llmload_input_tokens_total", LABELS)).isEqualTo(report.at("/summary/tokens/input").asDouble());
        assertThat(PrometheusText.value(last, "llmload_output_tokens_total", LABELS)).isEqualTo(report.at("/summary/tokens/output").asDouble())
                .isEqualTo(16 * requests.get("succeeded").asDouble());
        assertThat(PrometheusText.value(last, "llmload_in_flight_requests", LABELS)).isZero();
        for (String metric : List.of("ttft", "itl", "tpot", "e2e", "schedule_lag")) {
            String name = "llmload_" + metric + "_seconds";
            JsonNode stats = report.at("/summary/latency_ms/" + metric);
            assertThat(PrometheusText.value(last, name + "_count", LABELS)).as(name).isEqualTo(stats.get("count").asDouble());
            List<double[]> buckets = PrometheusText.buckets(last, name, LABELS);
            for (int i = 1; i < buckets.size(); i++) {
                assertThat(buckets.get(i)[1]).as(name + " buckets are cumulative").isGreaterThanOrEqualTo(buckets.get(i - 1)[1]);
            }
            for (String p : List.of("p50", "p90", "p99")) {
                double[] q = PrometheusText.quantile(Double.parseDouble(p.substring(1)) / 100, buckets);
                assertThat(stats.get(p).asDouble() / 1000).as(name + " " + p + " within the bucket histogram_quantile reads")
                        .isBetween(q[1], q[2]);
            }
        }

        // The server's queue beside the client's view, in the report.
        JsonNode server = report.get("server_metrics");
        assertThat(server.get("url").asText()).matches("http://127\\.0\\.0\\.1:\\d+/metrics");
        assertThat(server.get("scrapes").asLong()).isGreaterThanOrEqualTo(8);
        assertThat(server.get("failed_scrapes").asLong()).isZero();
        assertThat(server.get("prefix_cache_hit_rate").asDouble()).isBetween(0.5, 1.0);
        double maxWaiting = 0;
        double maxRunning = 0;
        for (JsonNode s : server.get("series")) {
            for (JsonNode p : s.get("points")) {
                if (s.get("name").asText().equals("vllm:num_requests_waiting")) {
                    maxWaiting = Math.max(maxWaiting, p.get(1).asDouble());
                } else if (s.get("name").asText().equals("vllm:num_requests_running")) {
                    maxRunning = Math.max(maxRunning, p.get(1).asDouble());
                }
            }
        }
        assertThat(maxRunning).isEqualTo(3);
        assertThat(maxWaiting).isEqualTo(3);
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<h2>Server metrics</h2>").contains("vllm:num_requests_waiting").contains("<svg");
    }

    @Test
    void byDefaultTheEndpointLeavesVertxMetersOutAndKeepsLlmloadsAndTheJvms() throws Exception {
        Path file = tmp.resolve("lean.yaml");
        Files.writeString(file, """
                name: observed
                target: {url: embedded, model: mock-llm}
                request: {stream: true, max_tokens: 4}
                load: {concurrency: 2, requests: 20}
                mock: {ttft: 5ms, itl: 1ms, output_tokens: 4}
                metrics: {port: 0, linger: 5s}
                """);
        Background bg = Background.run(file, tmp.resolve("lean-out"));
        ByteArrayOutputStream stderr = bg.stderr();
        CompletableFuture<Integer> run = bg.code();
        Exposition last = null;
        // a deadline, not a count of polls: a child starting on a loaded machine takes its time
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); last == null && System.nanoTime() < end; ) {
            Matcher m = URL.matcher(stderr.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                Exposition e = scrape(m.group(1));
                if (PrometheusText.value(e, "llmload_run_finished", LABELS) == 1) {
                    last = e;
                }
            }
            Thread.sleep(50);
        }
        assertThat(last).as(stderr.toString(StandardCharsets.UTF_8)).isNotNull();
        assertThat(succeeded(last)).isEqualTo(20);
        assertThat(last.family("jvm_memory_used_bytes")).isNotNull();
        assertThat(last.families()).extracting(Exposition.Family::name).noneMatch(n -> n.startsWith("vertx_"));
        assertThat(run.get(60, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aPortInUseIsAUsageErrorAndNothingRuns() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path file = tmp.resolve("s.yaml");
            Files.writeString(file, "target: {url: embedded, model: m}\nload: {requests: 2}\n");
            CliTest.Outcome o = CliTest.llmload("run", file.toString(), "--out", tmp.resolve("o").toString(),
                    "--metrics-port", Integer.toString(busy.getLocalPort()));
            assertThat(o.code()).as(o.all()).isEqualTo(2);
            assertThat(o.err()).startsWith("error: cannot serve metrics on 127.0.0.1:" + busy.getLocalPort() + ": ");
            assertThat(o.all()).doesNotContain("running against").doesNotContain("\tat ");
        }
    }

    @Test
    void badMetricsSettingsAreScenarioErrors() throws IOException {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, """
                target: {url: embedded, model: m}
                metrics: {port: 70000}
                """);
        CliTest.Outcome o = CliTest.llmload("validate", file.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(file + ":2:17: metrics.port: expected an integer from 0 to 65535, got 70000");
        Path server = tmp.resolve("server.yaml");
        Files.writeString(server, """
                target: {url: embedded, model: m}
                server_metrics: {url: "ftp://host/metrics", every: 10ms}
                """);
        CliTest.Outcome s = CliTest.llmload("validate", server.toString());
        assertThat(s.code()).isEqualTo(2);
        assertThat(s.err()).contains(server + ":2:23: server_metrics.url: expected an http:// or https:// URL such as "
                        + "http://127.0.0.1:8000/metrics; got 'ftp://host/metrics'")
                .contains(server + ":2:52: server_metrics.every: must be at least 100ms");
        CliTest.Outcome flag = CliTest.llmload("run", file.toString(), "--metrics-port", "many");
        assertThat(flag.code()).isEqualTo(2);
        assertThat(flag.err()).contains("--metrics-port many").contains("expected an integer from 0 to 65535");
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> m = new HashMap<>(LABELS);
        m.put(key, value);
        return m;
    }
}
