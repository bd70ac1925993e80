package io.llmload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.llmload.mock.MockConfig;
import io.llmload.mock.MockServer;
import io.llmload.scenario.DistSpec;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line through its real entry point ({@link Main#execute}), as a user runs it. */
@ExtendWith(VertxExtension.class)
class CliTest {
    private static final String KEY = "sk-live-SECRET-4242-abcdef";

    @TempDir
    Path tmp;

    record Outcome(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Outcome llmload(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env::get, false, false);
        int code = Main.execute(args, console);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Outcome llmload(String... args) {
        return llmload(Map.of(), args);
    }

    private Path scenario(String yaml) throws IOException {
        Path file = tmp.resolve("s.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static final String EMBEDDED = """
            name: cli-e2e
            target: {url: embedded, model: mock-llm}
            request: {stream: true, max_tokens: 16}
            load: {concurrency: 2, requests: 12}
            mock: {ttft: 20ms, itl: 2ms, output_tokens: 16}
            """;

    @Test
    void runWritesTheReportsAndPrintsTheSummary() throws IOException {
        Path out = tmp.resolve("out");
        Outcome o = llmload("run", scenario(EMBEDDED + "thresholds: ['ttft.p50 < 5s', 'error_rate < 1%']\n").toString(),
                "--out", out.toString());
        assertThat(o.code()).as(o.all()).isZero();
        assertThat(o.out()).contains("latency (ms)").contains("ttft").contains("PASS ttft.p50 < 5s")
                .contains("report: " + out.resolve("report.json")).contains("report: " + out.resolve("report.html"))
                .endsWith("PASS: all 2 check(s) passed\n");
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.get("schema").asText()).isEqualTo("llmload.report/v1");
        assertThat(report.at("/tool/name").asText()).isEqualTo("llmload");
        assertThat(report.at("/summary/requests/total").asLong()).isEqualTo(12);
        assertThat(report.at("/summary/requests/succeeded").asLong()).isEqualTo(12);
        assertThat(report.at("/summary/tokens/output").asLong()).isEqualTo(12 * 16);
        assertThat(report.at("/summary/tokens/output_source").asText()).isEqualTo("usage");
        for (String metric : List.of("ttft", "itl", "tpot", "e2e", "schedule_lag")) {
            assertThat(report.at("/summary/latency_ms/" + metric + "/count").asLong()).as(metric).isPositive();
            for (String stat : List.of("min", "mean", "p50", "p90", "p95", "p99", "p999", "max")) {
                assertThat(report.at("/summary/latency_ms/" + metric).has(stat)).as(metric + "." + stat).isTrue();
            }
            assertThat(report.at("/histograms/" + metric).asText()).isNotEmpty();
        }
        assertThat(report.at("/summary/throughput/requests_per_s").asDouble()).isPositive();
        assertThat(report.at("/summary/throughput/output_tokens_per_s").asDouble()).isPositive();
        assertThat(report.at("/summary/throughput/total_tokens_per_s").asDouble()).isPositive();
        assertThat(report.at("/summary/checks/0/expr").asText()).isEqualTo("ttft.p50 < 5s");
        assertThat(report.at("/summary/checks/0/passed").asBoolean()).isTrue();
        assertThat(report.at("/run/started_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(report.at("/run/interrupted").asBoolean()).isFalse();
        assertThat(report.at("/run/host/cpus").asInt()).isPositive();
        assertThat(report.at("/scenario/name").asText()).isEqualTo("cli-e2e");
        assertThat(report.at("/scenario/load/concurrency").asInt()).isEqualTo(2);
        assertThat(report.get("timeseries").isArray()).isTrue();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("cli-e2e").contains("<h2>Latency</h2>").doesNotContain("<script src");
    }

    @Test
    void aNonStreamingRunHasNoTpotSoATpotThresholdCannotPassOnNothing() throws IOException {
        Path out = tmp.resolve("whole");
        Outcome o = llmload("run", scenario(EMBEDDED.replace("stream: true", "stream: false")).toString(), "--out", out.toString(),
                "--quiet", "--threshold", "tpot.p99 < 1s", "--format", "json");
        assertThat(o.code()).as(o.all()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.at("/summary/requests/succeeded").asLong()).isEqualTo(12);
        assertThat(report.at("/summary/latency_ms/e2e/count").asLong()).isEqualTo(12);
        assertThat(report.at("/summary/latency_ms/tpot/count").asLong()).isZero();
        assertThat(report.at("/summary/checks/0/passed").asBoolean()).isFalse();
    }

    @Test
    void validateChecksEveryVariantAsARunWouldAndReportsAllProblemsAtOnce() throws IOException {
        Path file = scenario(EMBEDDED + """
                variants:
                  list:
                    - {name: a, set: {mock.tfft: 100ms}}
                    - {name: b, set: {load.concurrency: 0}}
                    - {name: c, set: {mock.ttft: 5ms}, thresholds: ["ttft.p98 < 1s"]}
                """);
        for (String command : List.of("validate", "run")) {
            Outcome o = command.equals("run") ? llmload(command, file.toString(), "--out", tmp.resolve("never").toString())
                    : llmload(command, file.toString());
            assertThat(o.code()).as(command + ": " + o.all()).isEqualTo(2);
            assertThat(o.err()).as(command).contains("mock.tfft: unknown key 'tfft' (did you mean 'ttft'?)")
                    .contains("load.concurrency: expected an integer from 1 to 100000000, got 0").contains("unknown statistic 'p98'")
                    .contains("3 problems; nothing was run.");
        }
        assertThat(tmp.resolve("never")).doesNotExist();
    }

    @Test
    void concurrencyAndRateTogetherAreAUsageError() throws IOException {
        Outcome o = llmload("run", scenario(EMBEDDED).toString(), "--concurrency", "4", "--rate", "5", "--out",
                tmp.resolve("never").toString());
        assertThat(o.code()).as(o.all()).isEqualTo(2);
        assertThat(o.err()).contains("--concurrency (a closed model: N users) and --rate (an open model");
        assertThat(tmp.resolve("never")).doesNotExist();
    }

    @Test
    void aCloseDelimitedFaultOverHttp2IsAnOrdinaryAnswer() throws IOException {
        for (String stream : List.of("true", "false")) {
            Path out = tmp.resolve("h2-" + stream);
            Outcome o = llmload("run", scenario(EMBEDDED.replace("model: mock-llm}", "model: mock-llm, http: {version: \"2\"}}")
                    .replace("stream: true", "stream: " + stream).replace("output_tokens: 16}", "output_tokens: 16, faults: {close_delimited: 1.0}}"))
                    .toString(), "--out", out.toString(), "--quiet", "--format", "json");
            assertThat(o.code()).as(o.all()).isZero();
            JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
            assertThat(report.at("/summary/requests/succeeded").asLong()).as(stream).isEqualTo(12);
        }
    }

    @Test
    void theCsvFormatWritesTheSummaryAndTheTimeSeriesAsTheJsonHasThem() throws IOException {
        Path out = tmp.resolve("csv");
        Outcome o = llmload("run", scenario(EMBEDDED + "sweep: {concurrency: [1, 2]}\n").toString(), "--out", out.toString(), "--quiet",
                "--format", "json,csv");
        assertThat(o.code()).as(o.all()).isZero();
        assertThat(o.out()).contains("report: " + out.resolve("summary.csv")).contains("report: " + out.resolve("timeseries.csv"));
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        CsvMapper csv = new CsvMapper();
        List<Map<String, String>> summary = rows(csv, out.resolve("summary.csv"));
        assertThat(summary).extracting(r -> r.get("row")).containsExactly("run", "point 1", "point 2");
        assertThat(summary.get(2).get("settings")).isEqualTo("concurrency=2");
        assertThat(Long.parseLong(summary.get(0).get("requests"))).isEqualTo(report.at("/summary/requests/total").asLong());
        assertThat(Double.parseDouble(summary.get(1).get("ttft_p99_ms"))).isEqualTo(report.at("/points/0/summary/latency_ms/ttft/p99").asDouble());
        List<Map<String, String>> series = rows(csv, out.resolve("timeseries.csv"));
        assertThat(series).hasSize(report.get("timeseries").size());
        long requests = 0;
        for (JsonNode point : report.get("timeseries")) {
            requests += point.get("requests").asLong();
        }
        assertThat(series.stream().mapToLong(r -> Long.parseLong(r.get("requests"))).sum()).isEqualTo(requests).isPositive();
    }

    private static List<Map<String, String>> rows(CsvMapper csv, Path file) throws IOException {
        try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader())
                .readValues(file.toFile())) {
            return it.readAll();
        }
    }

    @Test
    void aFailedThresholdExitsWithOne() throws IOException {
        Outcome o = llmload("run", scenario(EMBEDDED).toString(), "--out", tmp.resolve("o").toString(), "--quiet",
                "--threshold", "ttft.p99 < 1ms");
        assertThat(o.code()).as(o.all()).isEqualTo(1);
        assertThat(o.out()).contains("FAIL: 1 of 1 check(s) failed, first: ttft.p99 < 1ms (measured ").doesNotContain("latency (ms)");
    }

    @Test
    void aMisspelledKeyExitsWithTwoAndNamesFileLineColumn() throws IOException {
        Path file = scenario(EMBEDDED.replace("load: {concurrency: 2", "load: {concurency: 2"));
        Outcome o = llmload("run", file.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("error: " + file + ":4:8: load.concurency: unknown key 'concurency' (did you mean 'concurrency'?)\n"
                + "1 problem; nothing was run.\n");
        assertThat(o.all()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void validateReportsMistypedAndMissingValues() throws IOException {
        Path file = scenario("target: {url: embedded}\nload: {concurrency: lots}\n");
        Outcome o = llmload("validate", file.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(file + ":1:9: target.model: missing required key 'model'")
                .contains(file + ":2:21: load.concurrency: expected an integer from 1 to 100000000, got 'lots'")
                .contains("2 problems; nothing was run.");
    }

    @Test
    void valuesTooLargeToHoldOrToRunAreUsageErrorsWithTheirPlace() throws IOException {
        Path file = scenario("""
                target: {url: embedded, model: mock-llm}
                request: {max_tokens: 99999999999}
                load: {concurrency: 99999999999, duration: 99999999999999999999s}
                """);
        Outcome o = llmload("run", file.toString(), "--out", tmp.resolve("never").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("error: " + file + ":2:23: request.max_tokens: expected an integer from 1 to 2147483647, got 99999999999\n"
                + "error: " + file + ":3:21: load.concurrency: expected an integer from 1 to 100000000, got 99999999999\n"
                + "error: " + file + ":3:44: load.duration: expected a duration of at most 30 days (720h), got '99999999999999999999s'\n"
                + "3 problems; nothing was run.\n");
        assertThat(o.all()).doesNotContain("overflow").doesNotContain("Exception").doesNotContain("LLMLOAD_DEBUG");
        assertThat(tmp.resolve("never")).doesNotExist();

        Path ok = scenario(EMBEDDED);
        Outcome flag = llmload("run", ok.toString(), "--concurrency", "99999999999");
        assertThat(flag.code()).isEqualTo(2);
        assertThat(flag.err()).isEqualTo("error: --concurrency 99999999999: load.concurrency: expected an integer from 1 to 100000000,"
                + " got 99999999999\n1 problem; nothing was run.\n");
        // refused at validation, not after 20 s of blocked threads and a full heap
        long start = System.nanoTime();
        Outcome huge = llmload("run", ok.toString(), "--concurrency", "2147483647");
        assertThat(huge.code()).isEqualTo(2);
        assertThat(huge.err()).startsWith("error: --concurrency 2147483647: load.concurrency: expected an integer from 1 to 100000000");
        Outcome tooMany = llmload("validate", ok.toString(), "--concurrency", "100001");
        assertThat(tooMany.code()).isEqualTo(2);
        assertThat(tooMany.err()).isEqualTo("error: --concurrency 100001: load.concurrency: 100001 users exceed what one llmload process"
                + " can drive (at most 100000); lower it, or split it among 2 agents (cluster.agents, or --agents 2)\n"
                + "1 problem; nothing was run.\n");
        Outcome rate = llmload("validate", ok.toString(), "--rate", "1e9");
        assertThat(rate.code()).isEqualTo(2);
        assertThat(rate.err()).startsWith("error: --rate 1e9: load.rate: expected a number from 0.001 to 100000000, got 1.0E9");
        Outcome duration = llmload("validate", ok.toString(), "--duration", "99999999999999999999s");
        assertThat(duration.code()).isEqualTo(2);
        assertThat(duration.err()).startsWith("error: --duration 99999999999999999999s: load.duration: expected a duration of at most 30 days");
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void aBadThresholdPointsAtItsColumn() throws IOException {
        Path file = scenario(EMBEDDED + "thresholds:\n  - \"ttft.p99 < 800kg\"\n");
        Outcome o = llmload("validate", file.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(file + ":7:20: thresholds[0]: unit 'kg' does not fit a latency; use ms or s");
        Outcome flag = llmload("validate", scenario(EMBEDDED).toString());
        assertThat(flag.code()).isZero();
        Outcome cli = llmload("run", scenario(EMBEDDED).toString(), "--threshold", "ttf.p99 < 1s");
        assertThat(cli.code()).isEqualTo(2);
        assertThat(cli.err()).contains("--threshold 'ttf.p99 < 1s': unknown metric 'ttf' (did you mean 'ttft'?) (column 1)");
    }

    @Test
    void unknownFlagsAndCommandsAreUsageErrors() {
        assertThat(llmload("run", "--concurency", "3").code()).isEqualTo(2);
        Outcome o = llmload("bench");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("Unmatched argument").contains("--help");
        assertThat(llmload().code()).isEqualTo(2);
        assertThat(llmload("--version").out()).startsWith("llmload ");
    }

    @Test
    void aMissingScenarioFileIsAUsageError() {
        Outcome o = llmload("run", tmp.resolve("nope.yaml").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("scenario file not found");
    }

    @Test
    void anUnreachableTargetExitsWithThreeAndOneClearLine() throws IOException {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Outcome o = llmload("run", scenario(EMBEDDED).toString(), "--target", "http://127.0.0.1:" + port + "/v1", "--quiet",
                "--duration", "20s", "--requests", "1000", "--out", tmp.resolve("o").toString());
        assertThat(o.code()).as(o.all()).isEqualTo(3);
        assertThat(o.out()).contains("ERROR: every request failed").contains("connection refused: 127.0.0.1:" + port);
    }

    @Test
    void aMissingApiKeyVariableIsAUsageError() throws IOException {
        Outcome o = llmload("run", scenario(EMBEDDED.replace("model: mock-llm}", "model: mock-llm, api_key_env: MY_KEY}")).toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("target.api_key_env names MY_KEY, which is not set");
    }

    @Test
    void theApiKeyNeverAppearsInAnyOutput(Vertx vertx) throws Exception {
        // This mock wants another key and, like some providers, echoes the key it got in its 401.
        MockConfig config = new MockConfig("127.0.0.1", 0, 1, DistSpec.fixed(1e6), DistSpec.fixed(1e6), DistSpec.fixed(4), 1, "expected-key");
        MockServer mock = MockServer.start(vertx, config).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Path out = tmp.resolve("keyrun");
        Path file = scenario("""
                target:
                  url: %s
                  model: m
                  api_key_env: TEST_KEY
                  headers: {X-Api-Key: "${env:TEST_KEY}"}
                load: {concurrency: 1, requests: 30}
                """.formatted(mock.baseUrl()));
        Outcome o = llmload(Map.of("TEST_KEY", KEY), "run", file.toString(), "--out", out.toString());
        assertThat(o.code()).as(o.all()).isEqualTo(3);
        assertThat(o.all()).contains("http_401").contains("Incorrect API key provided: ***").doesNotContain(KEY);
        for (String name : List.of("report.json", "report.html")) {
            assertThat(Files.readString(out.resolve(name))).as(name).doesNotContain(KEY).contains("http_401");
        }
        // With the right key the same scenario succeeds, and the key still appears nowhere.
        Outcome ok = llmload(Map.of("TEST_KEY", "expected-key"), "run", file.toString(), "--out", tmp.resolve("ok").toString());
        assertThat(ok.code()).as(ok.all()).isZero();
        assertThat(ok.all()).doesNotContain("expected-key");
        assertThat(Files.readString(tmp.resolve("ok").resolve("report.json"))).doesNotContain("expected-key");
        mock.stop();
    }

    static Stream<Path> shippedScenarios() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("scenarios"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedScenarios")
    void everyShippedScenarioValidates(Path file) {
        Outcome o = llmload(Map.of(), "validate", file.toString());
        assertThat(o.code()).as(o.all()).isZero();
        assertThat(o.out()).startsWith("ok: ");
    }

    @ParameterizedTest
    @MethodSource("shippedScenarios")
    void everyShippedScenarioRunsAgainstTheMock(Path file, Vertx vertx) throws Exception {
        MockConfig config = new MockConfig("127.0.0.1", 0, 1, DistSpec.fixed(5e6), DistSpec.fixed(1e6), DistSpec.fixed(8), 1, null);
        MockServer mock = MockServer.start(vertx, config).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Map<String, String> env = new HashMap<>(Map.of("OPENAI_API_KEY", "sk-fake-openai", "AIML_API_KEY", "fake-aiml"));
        Outcome o = llmload(env, "run", file.toString(), "--target", mock.baseUrl(), "--requests", "6", "--warmup", "0s",
                "--duration", "20s", "--concurrency", "2", "--quiet", "--out", tmp.resolve("run").toString());
        mock.stop();
        assertThat(o.code()).as(o.all()).isZero();
        JsonNode report = new ObjectMapper().readTree(tmp.resolve("run").resolve("report.json").toFile());
        boolean campaign = report.has("points") || report.has("variants") || report.has("repeats");
        if (campaign) {
            assertThat(report.at("/summary/requests/succeeded").asLong()).isGreaterThanOrEqualTo(6);
        } else {
            assertThat(report.at("/summary/requests/succeeded").asLong()).isEqualTo(6);
        }
        assertThat(o.all()).doesNotContain("sk-fake-openai").doesNotContain("fake-aiml");
    }
}
