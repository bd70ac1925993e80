package io.llmload.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.metrics.Exposition;
import io.llmload.metrics.ExpositionParser;
import io.llmload.metrics.Histograms;
import io.llmload.metrics.Metric;
import io.llmload.metrics.MetricsCollector;
import io.llmload.metrics.PrometheusText;
import io.llmload.mock.MockConfig;
import io.llmload.mock.MockServer;
import io.llmload.scenario.DistSpec;
import io.llmload.testkit.ForkedJvm;
import io.vertx.core.Vertx;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.UUID;
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
 * Hazelcast cluster on 127.0.0.1 and load the built-in mock, which runs in this JVM so it can
 * count what it served. The agents live through all tests, as agents do; the last tests kill one
 * and interrupt a run. Ports are free ones and the cluster name is unique, so parallel builds on
 * one machine never meet.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final Path JAR = Path.of("target", "llmload.jar").toAbsolutePath();
    private static final String SECRET = "it-secret-" + UUID.randomUUID();
    private static final String API_KEY = "sk-agent-only-" + UUID.randomUUID();
    private static final String CLUSTER = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRICS_URL = Pattern.compile("metrics: (http://127\\.0\\.0\\.1:\\d+/metrics)");

    @TempDir
    static Path tmp;
    private static Vertx vertx;
    private static MockServer mock;
    private static final List<Process> processes = new ArrayList<>();
    private static final List<Path> agentLogs = new ArrayList<>();
    private static final List<Process> agents = new ArrayList<>();
    private static String join;

    @BeforeAll
    static void startMockAndAgents() throws Exception {
        vertx = Vertx.vertx();
        MockConfig config = new MockConfig("127.0.0.1", 0, 2, DistSpec.fixed(15e6), DistSpec.fixed(1e6), DistSpec.fixed(8), 1, API_KEY);
        mock = MockServer.start(vertx, config).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        int[] ports = {freePort(), freePort(), freePort()};
        join = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
        for (int i = 0; i < 3; i++) {
            Path log = tmp.resolve("agent-" + (i + 1) + ".log");
            // agent-1 warms its request path as agents do (and its console stays quiet through it); the other two
            // skip it: three warmups at once only keep a 2-core machine busy for what one of them shows.
            Map<String, String> env = i == 0 ? Map.of("OPENAI_API_KEY", API_KEY)
                    : Map.of("OPENAI_API_KEY", API_KEY, ForkedJvm.NO_WARMUP, "off");
            agents.add(start(log, env, List.of(), "agent", "--name", "agent-" + (i + 1),
                    "--cluster-port", Integer.toString(ports[i]), "--join", join, "--cluster-name", CLUSTER));
            agentLogs.add(log);
        }
        for (Path log : agentLogs) {
            awaitLine(log, "waiting for work", 90);
        }
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (Process p : processes) {
            if (p.isAlive()) {
                p.destroy();
            }
        }
        for (Process p : processes) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void threeAgentsSplitTheLoadAndTheMergedReportIsExact() throws Exception {
        long servedBefore = mock.chatRequests();
        Path out = tmp.resolve("exact");
        Run run = coordinate("exact", """
                load: {concurrency: 6, requests: 300}
                """, out, "--agents", "3");
        assertThat(run.code).as(run.output()).isZero();
        JsonNode r = JSON.readTree(out.resolve("report.json").toFile());
        long served = mock.chatRequests() - servedBefore;

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
            assertThat(Files.readString(agentLogs.get(Integer.parseInt(a.get("name").asText().substring(6)) - 1)))
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
        assertThat(run.output()).doesNotContain(API_KEY);
        assertThat(Files.readString(out.resolve("report.json"))).doesNotContain(API_KEY);
        assertThat(run.output()).contains("agent-1").contains("clock offset");

        // Hazelcast and Vert.x's cluster manager keep to themselves on every console
        assertQuiet(run.output());
        for (Path log : agentLogs) {
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
        Run run = coordinate("observed", """
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
        assertThat(run.process.waitFor(60, TimeUnit.SECONDS)).as("the coordinator ends after lingering:\n%s", logs(run)).isTrue();
        run = run.finished();
        assertThat(run.code).as(run.output()).isZero();

        // the endpoint shows the whole cluster's merged counts, equal to the report's
        Map<String, String> labels = Map.of("scenario", "observed", "target", mock.baseUrl(), "model", "m",
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
        Run run = coordinate("aborted", """
                load: {concurrency: 6, duration: 60s, warmup: 0s}
                thresholds:
                  - {expr: "e2e.max < 1ms", abort_on_fail: true}
                """, out, "--agents", "3");
        double tookS = (System.nanoTime() - began) / 1e9;
        assertThat(run.code).as(run.output()).isEqualTo(1);
        assertThat(tookS).as("stopped long before the 60 s planned").isLessThan(40);
        assertThat(run.err).contains("stopped early (abort_on_fail): 'e2e.max < 1ms' can no longer pass");
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
        long servedBefore = mock.chatRequests();
        Path out = tmp.resolve("replay");
        Run run = coordinate("replay", "load: {trace: {path: replay.jsonl}}\n", out, "--agents", "3");
        assertThat(run.code).as(run.output()).isZero();
        JsonNode r = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(mock.chatRequests() - servedBefore).as("every record sent once, by one agent").isEqualTo(60);
        assertThat(r.at("/summary/requests/succeeded").asLong()).isEqualTo(60);
        for (JsonNode a : r.at("/cluster/agents")) {
            assertThat(a.at("/summary/requests/total").asLong()).as(a.get("name").asText()).isEqualTo(20);
        }
        for (Path log : agentLogs) {
            assertThat(Files.readString(log)).contains("this share: every 3rd record from the");
        }
    }

    @Test
    @Order(5)
    void anAgentOfAnotherVersionIsRefusedAndMissingAgentsAreNamed() throws Exception {
        Path classes = tmp.resolve("other-version");
        Files.createDirectories(classes.resolve("io/llmload"));
        Files.writeString(classes.resolve("io/llmload/version.properties"), "version=0.0.1-other\ncommit=\n");
        int port = freePort();
        Path log = tmp.resolve("agent-old.log");
        // Refused before any work: warming its request path first would only add seconds to the test.
        Process old = start(log, Map.of(ForkedJvm.NO_WARMUP, "off"), List.of(classes.toString()), "agent", "--name", "old-agent", "--cluster-port",
                Integer.toString(port), "--join", join, "--cluster-name", CLUSTER);
        awaitLine(log, "waiting for work", 90);

        Run run = coordinate("refused", "load: {concurrency: 4, requests: 40}\n", tmp.resolve("refused"), "--agents", "4",
                "--join-timeout", "4s");
        assertThat(run.code).as(run.output()).isEqualTo(3);
        assertThat(run.err).contains("refused agent old-agent").contains("llmload 0.0.1-other").contains("waited 4 s for 4 agent(s)")
                .contains("3 joined").contains("missing: refused old-agent");
        awaitLine(log, "refused by the coordinator", 10);
        old.destroy();
        assertThat(old.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @Order(6)
    void aKilledAgentLeavesAMarkedGapAndTheRunGoesOn() throws Exception {
        long servedBefore = mock.chatRequests();
        Path out = tmp.resolve("killed");
        Run run = coordinate("killed", "load: {concurrency: 6, duration: 7s, warmup: 0s}\n", out, "--agents", "3", "--wait-for-start");
        awaitCount(agentLogs.get(2), "starting —", 5, 60);
        Thread.sleep(2000); // a few seconds streamed, then the agent dies

        agents.get(2).destroyForcibly();
        assertThat(run.process.waitFor(60, TimeUnit.SECONDS)).as("the coordinator ends:\n%s", logs(run)).isTrue();
        run = run.finished();
        assertThat(run.code).as("a lost agent alone does not fail the run: " + run.output()).isZero();
        JsonNode r = JSON.readTree(out.resolve("report.json").toFile());
        JsonNode gaps = r.at("/cluster/gaps");
        assertThat(gaps).hasSize(1);
        assertThat(gaps.get(0).get("agent").asText()).isEqualTo("agent-3");
        assertThat(gaps.get(0).get("t_s").asDouble()).as("its data stops about when it was killed").isBetween(0.5, 7.0);
        assertThat(gaps.get(0).get("detected_s").asDouble()).isGreaterThanOrEqualTo(gaps.get(0).get("t_s").asDouble());
        JsonNode killed = null;
        for (JsonNode a : r.at("/cluster/agents")) {
            assertThat(a.get("status").asText()).as(a.get("name").asText()).isEqualTo(a.get("name").asText().equals("agent-3") ? "lost" : "finished");
            if (a.get("name").asText().equals("agent-3")) {
                killed = a;
            }
        }
        assertThat(killed).isNotNull();
        long total = r.at("/summary/requests/total").asLong();
        long sumOfAgents = 0;
        for (JsonNode a : r.at("/cluster/agents")) {
            sumOfAgents += a.at("/summary/requests/total").asLong();
        }
        assertThat(total).isEqualTo(sumOfAgents);
        assertThat(killed.at("/summary/requests/total").asLong()).as("the lost agent's data before the gap").isPositive();
        assertThat(total).as("requests the killed agent had in flight were served but never reported")
                .isLessThanOrEqualTo(mock.chatRequests() - servedBefore);
        assertThat(run.out).contains("GAP: agent agent-3 lost");
        assertThat(Files.readString(out.resolve("report.html"))).contains("agent-3").contains("lost from");
    }

    @Test
    @Order(7)
    void interruptingTheCoordinatorStopsEveryAgentAndStillWritesTheReport() throws Exception {
        Path out = tmp.resolve("interrupted");
        Run run = coordinate("interrupted", "load: {concurrency: 4, duration: 120s, warmup: 0s}\n", out, "--agents", "2", "--wait-for-start");
        awaitCount(agentLogs.get(0), "starting —", 6, 60);
        Thread.sleep(2000);
        run.process.destroy(); // SIGTERM, handled like Ctrl-C
        assertThat(run.process.waitFor(40, TimeUnit.SECONDS)).as("the agents drain and report within the bound:\n%s", logs(run)).isTrue();
        run = run.finished();
        assertThat(run.code).as(run.output()).isEqualTo(143);
        JsonNode r = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(r.at("/run/interrupted").asBoolean()).isTrue();
        assertThat(r.at("/summary/requests/succeeded").asLong()).isPositive();
        assertThat(r.at("/cluster/agents")).hasSize(2);
        for (JsonNode a : r.at("/cluster/agents")) {
            assertThat(a.get("status").asText()).isEqualTo("finished");
        }
        for (int i = 0; i < 2; i++) {
            assertThat(countOf(Files.readString(agentLogs.get(i)), "released by the coordinator")).isEqualTo(7);
        }
    }

    // ---- helpers ----

    private record Run(Process process, int code, String out, String err, Path stdout, Path stderr) {
        String output() {
            return out + err;
        }

        Run finished() throws IOException {
            return new Run(process, process.exitValue(), Files.readString(stdout), Files.readString(stderr), stdout, stderr);
        }
    }

    /** Starts a coordinator against the mock; waits for it unless {@code --wait-for-start} (a marker of this helper) is given. */
    private static Run coordinate(String name, String load, Path out, String... flags) throws Exception {
        Path scenario = tmp.resolve(name + ".yaml");
        Files.writeString(scenario, """
                name: %s
                target: {url: "%s", model: m, api_key_env: OPENAI_API_KEY}
                request: {max_tokens: 8}
                report: {formats: [json, html]}
                """.formatted(name, mock.baseUrl()) + load);
        List<String> args = new ArrayList<>(List.of("run", scenario.toString(), "--out", out.toString(), "--cluster-port",
                Integer.toString(freePort()), "--join", join, "--cluster-name", CLUSTER));
        boolean background = false;
        for (String f : flags) {
            if (f.equals("--wait-for-start")) {
                background = true;
            } else {
                args.add(f);
            }
        }
        Path stdout = tmp.resolve(name + ".out");
        Path stderr = tmp.resolve(name + ".err");
        Process p = start(stdout, stderr, Map.of(), List.of(), args.toArray(String[]::new));
        if (background) {
            return new Run(p, -1, "", "", stdout, stderr);
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the coordinator ends").isTrue();
        return new Run(p, p.exitValue(), Files.readString(stdout), Files.readString(stderr), stdout, stderr);
    }

    private static Process start(Path log, Map<String, String> env, List<String> classpathFirst, String... args) throws IOException {
        return start(log, log, env, classpathFirst, args);
    }

    private static Process start(Path stdout, Path stderr, Map<String, String> env, List<String> classpathFirst, String... args)
            throws IOException {
        // C1 only (ForkedJvm.FAST_START): what is checked here is counts, merges and status, never the client's timing.
        List<String> command = ForkedJvm.java(256);
        command.add("-XX:+UseSerialGC");
        if (classpathFirst.isEmpty()) {
            command.addAll(List.of("-jar", JAR.toString()));
        } else {
            command.addAll(List.of("-cp", String.join(File.pathSeparator, classpathFirst) + File.pathSeparator + JAR,
                    "io.llmload.cli.Main"));
        }
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command);
        b.environment().remove("OPENAI_API_KEY");
        b.environment().put("LLMLOAD_CLUSTER_SECRET", SECRET);
        b.environment().putAll(env);
        if (stdout.equals(stderr)) {
            b.redirectErrorStream(true).redirectOutput(stdout.toFile());
        } else {
            b.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        }
        Process p = b.start();
        processes.add(p);
        return p;
    }

    /** Waits until {@code text} appears {@code times} times in the log (an agent's n-th trial). */
    private static void awaitCount(Path log, String text, int times, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (countOf(Files.readString(log), text) < times) {
            assertThat(System.nanoTime()).as("%d× '%s' in %s within %d s:%n%s", times, text, log.getFileName(), seconds,
                    Files.readString(log)).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void awaitLine(Path log, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.exists(log) || !Files.readString(log).contains(text)) {
            assertThat(System.nanoTime()).as("'" + text + "' in " + log.getFileName() + " within " + seconds + " s:\n"
                    + (Files.exists(log) ? Files.readString(log) : "")).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Everything the coordinator and the agents printed, to explain a failure. */
    private static String logs(Run run) throws IOException {
        StringBuilder b = new StringBuilder("coordinator:\n").append(Files.readString(run.stdout())).append(Files.readString(run.stderr()));
        for (Path log : agentLogs) {
            b.append(log.getFileName()).append(":\n").append(Files.readString(log));
        }
        return b.toString();
    }

    private static int countOf(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
