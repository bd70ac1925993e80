package io.llmload.cluster;

import static io.llmload.cluster.ClusterHarness.awaitLine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.cluster.ClusterHarness.Run;
import io.llmload.metrics.Exposition;
import io.llmload.metrics.ExpositionParser;
import io.llmload.metrics.Histograms;
import io.llmload.metrics.Metric;
import io.llmload.metrics.MetricsCollector;
import io.llmload.metrics.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distributed runs with real processes (run by failsafe after the jar is built): three
 * {@code llmload agent} JVMs and coordinator JVMs ({@code llmload run --agents N}) form a
 * Hazelcast cluster on 127.0.0.1 ({@link ClusterHarness}) and load the built-in mock, which runs
 * in this JVM so it can count what it served. The agents live through all tests, as agents do;
 * {@link ClusterLifecycleIT} kills one and interrupts a run on a cluster of its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRICS_URL = Pattern.compile("metrics: (http://127\\.0\\.0\\.1:\\d+/metrics)");

    @TempDir
    static Path tmp;
    private static ClusterHarness c;

    @BeforeAll
    static void startMockAndAgents() throws Exception {
        c = new ClusterHarness(tmp, true);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (c != null) {
            c.close();
        }
    }

    @Test
    @Order(1)
    void threeAgentsSplitTheLoadAndTheMergedReportIsExact() throws Exception {
        long servedBefore = c.mock.chatRequests();
        Path out = tmp.resolve("exact");
        Run run = c.coordinate("exact", """
                load: {concurrency: 6, requests: 300}
                """, out, "--agents", "3");
        assertThat(run.code()).as(run.output()).isZero();
        JsonNode r = JSON.readTree(out.resolve("report.json").toFile());
        long served = c.mock.chatRequests() - servedBefore;

        // ground truth: the mock served exactly the budget, and the report counts exactly that
        assertThat(served).isEqualTo(300);
        assertThat(r.at("/summary/requests/total").asLong()).isEqualTo(300);
        assertThat(r.at("/summary/requests/succeeded").asLong()).isEqualTo(300);
        assertThat(r.at("/summary/tokens/output").asLong()).isEqualTo(300 * 8);
        long seriesTotal = 0;
        for (JsonNode p : r.get("timeseries")) {
            seriesTotal += p.get("requests").asLong();
        }
        assertThat(seriesTotal).as("the merged time series adds up too").isEqualTo(300);

        // each agent did its share: the budget split 100/100/100, 2 users each, as the agents themselves say
        JsonNode agentsJson = r.at("/cluster/agents");
        assertThat(agentsJson).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode a = agentsJson.get(i);
            assertThat(a.get("status").asText()).isEqualTo("finished");
            assertThat(a.at("/summary/requests/total").asLong()).isEqualTo(100);
            assertThat(Math.abs(a.get("clock_offset_ms").asDouble())).as("same machine, same clock").isLessThan(50);
            assertThat(Files.readString(c.agentLogs.get(Integer.parseInt(a.get("name").asText().substring(6)) - 1)))
                    .contains("share " + (i + 1) + "/3: 2 users").contains("done — 100 requests (100 succeeded, 0 failed), 800 output tokens");
        }

        // every request is on record in the coordinator's requests.jsonl, each with the agent that sent it
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("requests.jsonl"))) {
            lines.add(JSON.readTree(line));
        }
        List<JsonNode> measured = lines.stream().filter(l -> !l.path("warmup").asBoolean()).toList();
        assertThat(measured).hasSize(300).allSatisfy(l -> assertThat(l.get("outcome").asText()).isEqualTo("ok"));
        assertThat(measured.stream().collect(java.util.stream.Collectors.groupingBy(l -> l.path("agent").asText(),
                java.util.stream.Collectors.counting()))).isEqualTo(Map.of("agent-1", 100L, "agent-2", 100L, "agent-3", 100L));
        assertThat(lines.stream().map(l -> l.get("id").asLong()).distinct().count()).as("ids unique in the file").isEqualTo(lines.size());
        assertThat(measured.stream().mapToLong(l -> l.get("output_tokens").asLong()).sum()).isEqualTo(300 * 8);
        assertThat(r.at("/run/request_records/written").asLong()).isEqualTo(lines.size());
        assertThat(r.at("/run/request_records/dropped").asLong()).isZero();

        // the merged histograms are the agents' histograms added, and the percentiles theirs
        for (Metric m : Metric.values()) {
            Histogram oracle = Histograms.create();
            for (JsonNode a : agentsJson) {
                oracle.add(Histograms.decode(a.at("/histograms/" + m.key()).asText()));
            }
            Histogram merged = Histograms.decode(r.at("/histograms/" + m.key()).asText());
            assertThat(merged).as(m.key()).isEqualTo(oracle);
            assertThat(r.at("/summary/latency_ms/" + m.key() + "/p99").asDouble()).isEqualTo(MetricsCollector.stats(oracle).p99());
            assertThat(r.at("/summary/latency_ms/" + m.key() + "/p50").asDouble()).isEqualTo(MetricsCollector.stats(oracle).p50());
        }
        assertThat(r.at("/summary/latency_ms/ttft/count").asLong()).isEqualTo(300);
        assertThat(r.at("/run/target").asText()).contains("from 3 agents");

        // the key stayed with the agents: the coordinator never had it, and nothing shows it
        assertThat(run.output()).doesNotContain(ClusterHarness.API_KEY);
        assertThat(Files.readString(out.resolve("report.json"))).doesNotContain(ClusterHarness.API_KEY);
        assertThat(run.output()).contains("agent-1").contains("clock offset");

        // Hazelcast and Vert.x's cluster manager keep to themselves on every console
        assertQuiet(run.output());
        for (Path log : c.agentLogs) {
            assertQuiet(Files.readString(log));
        }
    }

    private static void assertQuiet(String console) {
        assertThat(console).as(console).doesNotContain("SEVERE").doesNotContain("WARNING").doesNotContain("INFO:")
                .doesNotContain("com.hazelcast").doesNotContain("io.vertx");
    }

    @Test
    @Order(2)
    void theCoordinatorServesTheClustersMetricsAndScrapesTheSharedTarget() throws Exception {
        Path out = tmp.resolve("observed");
        Run run = c.coordinate("observed", """
                load: {concurrency: 6, requests: 240}
                metrics: {port: 0, linger: 3s}
                server_metrics: {every: 250ms}
                """, out, "--agents", "3", "--wait-for-start");
        awaitLine(run.stderr(), "serving final values at", 120);
        Matcher url = METRICS_URL.matcher(Files.readString(run.stderr()));
        assertThat(url.find()).as(Files.readString(run.stderr())).isTrue();
        HttpResponse<String> scraped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.group(1)))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(scraped.statusCode()).isEqualTo(200);
        Exposition metrics = ExpositionParser.parse(scraped.body());
        assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).as("the coordinator ends after lingering:\n%s", c.logs(run)).isTrue();
        run = run.finished();
        assertThat(run.code()).as(run.output()).isZero();

        // the endpoint shows the whole cluster's merged counts, equal to the report's
        Map<String, String> labels = Map.of("scenario", "observed", "target", c.mock.baseUrl(), "model", "m",
                "variant", "default", "point", "default");
        JsonNode r = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(r.at("/summary/requests/succeeded").asLong()).isEqualTo(240);
        assertThat(PrometheusText.value(metrics, "llmload_run_finished", labels)).isEqualTo(1);
        Map<String, String> succeeded = new HashMap<>(labels);
        succeeded.put("outcome", "succeeded");
        assertThat(PrometheusText.value(metrics, "llmload_requests_total", succeeded)).isEqualTo(240);
        assertThat(PrometheusText.value(metrics, "llmload_output_tokens_total", labels)).isEqualTo(240 * 8);
        assertThat(PrometheusText.value(metrics, "llmload_ttft_seconds_count", labels)).isEqualTo(240);

        // the shared target's own /metrics was scraped by the coordinator, into the report
        JsonNode server = r.get("server_metrics");
        assertThat(server).as("server_metrics in the report").isNotNull();
        assertThat(server.get("scrapes").asLong()).isPositive();
        assertThat(server.get("failed_scrapes").asLong()).isZero();
    }

    @Test
    @Order(3)
    void anAbortOnFailThresholdStopsEveryAgentEarly() throws Exception {
        Path out = tmp.resolve("aborted");
        long began = System.nanoTime();
        // every answer takes ~22 ms, so the first merged second already decides that e2e.max < 1ms fails
        Run run = c.coordinate("aborted", """
                load: {concurrency: 6, duration: 60s, warmup: 0s}
                thresholds:
                  - {expr: "e2e.max < 1ms", abort_on_fail: true}
                """, out, "--agents", "3");
        double tookS = (System.nanoTime() - began) / 1e9;
        assertThat(run.code()).as(run.output()).isEqualTo(1);
        assertThat(tookS).as("stopped long before the 60 s planned").isLessThan(40);
        assertThat(run.err()).contains("stopped early (abort_on_fail): 'e2e.max < 1ms' can no longer pass");
        JsonNode r = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(r.at("/run/stop_reason").asText()).isEqualTo("threshold");
        assertThat(r.at("/run/aborted_by/expr").asText()).isEqualTo("e2e.max < 1ms");
        assertThat(r.at("/run/measured_s").asDouble()).isLessThan(30);
        assertThat(r.at("/summary/requests/succeeded").asLong()).isPositive();
        for (JsonNode a : r.at("/cluster/agents")) {
            assertThat(a.get("status").asText()).isEqualTo("finished");
        }
    }

    @Test
    @Order(4)
    void aTraceIsReplayedOnceAcrossTheAgentsAtItsRecordedTimes() throws Exception {
        StringBuilder trace = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            trace.append("{\"timestamp_ms\": ").append(1000 + i * 10).append(", \"input_tokens\": 16, \"output_tokens\": 4}\n");
        }
        Files.writeString(tmp.resolve("replay.jsonl"), trace);
        long servedBefore = c.mock.chatRequests();
        Path out = tmp.resolve("replay");
        Run run = c.coordinate("replay", "load: {trace: {path: replay.jsonl}}\n", out, "--agents", "3");
        assertThat(run.code()).as(run.output()).isZero();
        JsonNode r = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(c.mock.chatRequests() - servedBefore).as("every record sent once, by one agent").isEqualTo(60);
        assertThat(r.at("/summary/requests/succeeded").asLong()).isEqualTo(60);
        for (JsonNode a : r.at("/cluster/agents")) {
            assertThat(a.at("/summary/requests/total").asLong()).as(a.get("name").asText()).isEqualTo(20);
        }
        for (Path log : c.agentLogs) {
            assertThat(Files.readString(log)).contains("this share: every 3rd record from the");
        }
    }
}
