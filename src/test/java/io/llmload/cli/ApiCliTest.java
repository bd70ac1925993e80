package io.llmload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@code target.api} through the real CLI entry against the embedded mock, which answers
 * each in its own shape: no errors, the TTFT and the token counts the mock was told, reasoning
 * apart where the API has it, and for embeddings and rerank no token metrics at all (absent, not 0)
 * but the vectors or documents counted. Faults are classified per API too.
 */
class ApiCliTest {
    private static final int REQUESTS = 8;
    private static final int ANSWER = 12;
    private static final int REASONING = 5;
    private static final double TTFT_MS = 80;
    private static final double ITL_MS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path scenario(String api, String mockExtra, String extra) throws Exception {
        Path file = tmp.resolve(api + ".yaml");
        Files.writeString(file, """
                name: api-%s
                target: {url: embedded, model: mock-llm, api: %s}
                request: {stream: true, max_tokens: 256}
                workload:
                  messages:
                    - {role: system, content: "Be brief."}
                    - {role: user, content: "Say hello."}
                load: {concurrency: 2, requests: %d}
                mock: {ttft: %dms, itl: %dms, output_tokens: %d%s}
                report: {formats: [json, html, md]}
                """.formatted(api, api, REQUESTS, (int) TTFT_MS, (int) ITL_MS, ANSWER, mockExtra) + extra);
        return file;
    }

    private JsonNode run(Path file, int expectedCode, StringBuilder console) throws Exception {
        Path out = tmp.resolve("out-" + file.getFileName());
        CliTest.Outcome o = CliTest.llmload("run", file.toString(), "--out", out.toString());
        assertThat(o.code()).as(o.all()).isEqualTo(expectedCode);
        if (console != null) {
            console.append(o.out()).append("\n@@html@@").append(Files.readString(out.resolve("report.html")))
                    .append("\n@@md@@").append(Files.readString(out.resolve("summary.md")));
        }
        return JSON.readTree(out.resolve("report.json").toFile()).get("summary");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chat", "completions", "responses", "messages"})
    void tokenApisMeasureWhatTheMockWasTold(String api) throws Exception {
        boolean reasons = !api.equals("completions");
        JsonNode summary = run(scenario(api, reasons ? ", reasoning_tokens: " + REASONING : "", ""), 0, null);
        int reasoning = reasons ? REASONING : 0;
        assertThat(summary.at("/requests/failed").asLong()).as(summary.toString()).isZero();
        assertThat(summary.at("/requests/succeeded").asLong()).isEqualTo(REQUESTS);
        JsonNode tokens = summary.get("tokens");
        assertThat(tokens.get("output").asLong()).as("output tokens").isEqualTo((long) REQUESTS * (ANSWER + reasoning));
        assertThat(tokens.get("input").asLong()).as("input tokens from usage").isPositive();
        if (reasons) {
            assertThat(tokens.get("reasoning").asLong()).as("reasoning tokens").isEqualTo((long) REQUESTS * REASONING);
            assertThat(summary.at("/latency_ms/ttfat/p50").asDouble()).as("ttfat: ttft plus the reasoning")
                    .isBetween(TTFT_MS + REASONING * ITL_MS, TTFT_MS + REASONING * ITL_MS + 150);
        } else {
            assertThat(tokens.has("reasoning")).isFalse();
        }
        assertThat(summary.at("/latency_ms/ttft/count").asLong()).isEqualTo(REQUESTS);
        assertThat(summary.at("/latency_ms/ttft/p50").asDouble()).isBetween(TTFT_MS, TTFT_MS + 150);
        assertThat(summary.at("/latency_ms/itl/count").asLong()).isEqualTo((long) REQUESTS * (ANSWER + reasoning - 1));
        assertThat(summary.at("/latency_ms/tpot/count").asLong()).isEqualTo(REQUESTS);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embeddings", "rerank"})
    void vectorApisHaveLatencyAndItemsButNoTokenMetrics(String api) throws Exception {
        StringBuilder text = new StringBuilder();
        JsonNode summary = run(scenario(api, "", ""), 0, text);
        assertThat(summary.at("/requests/failed").asLong()).as(summary.toString()).isZero();
        assertThat(summary.at("/requests/succeeded").asLong()).isEqualTo(REQUESTS);
        assertThat(summary.at("/latency_ms/e2e/p50").asDouble()).isBetween(TTFT_MS, TTFT_MS + 150);
        for (String metric : new String[] {"ttft", "ttfat", "itl", "tpot"}) {
            assertThat(summary.at("/latency_ms").has(metric)).as("%s absent from the JSON", metric).isFalse();
        }
        assertThat(summary.get("tokens").has("output")).as("no output tokens in the JSON").isFalse();
        assertThat(summary.at("/throughput").has("output_tokens_per_s")).isFalse();
        assertThat(summary.at("/tokens/input").asLong()).isPositive();
        assertThat(summary.at("/throughput/input_tokens_per_s").asDouble()).isPositive();
        // embeddings: one vector per request (one input); rerank: the 4 synthetic documents per request
        assertThat(summary.at("/tokens/items").asLong()).isEqualTo(api.equals("rerank") ? 4L * REQUESTS : REQUESTS);
        String label = api.equals("rerank") ? "documents" : "vectors";
        assertThat(summary.at("/tokens/items_label").asText()).isEqualTo(label);
        assertThat(summary.at("/tokens").has("output_source")).isFalse();
        assertThat(summary.at("/throughput/items_per_s").asDouble()).isPositive();
        JsonNode report = JSON.readTree(tmp.resolve("out-" + api + ".yaml").resolve("report.json").toFile());
        assertThat(report.at("/timeseries/0").has("ttft_p50_ms")).as("no TTFT in the time series").isFalse();
        assertThat(report.at("/timeseries/0").has("output_tokens")).isFalse();
        assertThat(report.at("/timeseries/0").has("e2e_p50_ms")).isTrue();
        String console = text.substring(0, text.indexOf("@@html@@"));
        String html = text.substring(text.indexOf("@@html@@"), text.indexOf("@@md@@"));
        String md = text.substring(text.indexOf("@@md@@"));
        assertThat(console).doesNotContainPattern("\\n  (ttft|itl|tpot) ").doesNotContain("output tokens");
        assertThat(console).contains(label).contains("input tok/s").contains(label + "/s");
        assertThat(md).doesNotContain("| ttft |").doesNotContain("| itl |").doesNotContain("| tpot |");
        assertThat(html).doesNotContain("TTFT p50 / p99").doesNotContain(">ttft<");
    }

    @Test
    void aTokenThresholdOnEmbeddingsIsRefusedAtItsLine() throws Exception {
        Path file = scenario("embeddings", "", "thresholds: [\"e2e.p99 < 5s\", \"ttft.p99 < 1s\"]\n");
        CliTest.Outcome o = CliTest.llmload("validate", file.toString());
        assertThat(o.code()).as(o.all()).isEqualTo(2);
        assertThat(o.all()).contains("embeddings.yaml:11:30:").contains("thresholds[1]").contains("ttft is not measured")
                .doesNotContain("Exception");
        Path chat = scenario("chat", "", "thresholds: [\"items_per_s > 1\"]\n");
        CliTest.Outcome c = CliTest.llmload("validate", chat.toString());
        assertThat(c.code()).as(c.all()).isEqualTo(2);
        assertThat(c.all()).contains("chat.yaml:11:").contains("items_per_s is measured for target.api embeddings and rerank only");
    }

    @Test
    void aVariantsTokenThresholdOnEmbeddingsIsRefusedBeforeTheRun() throws Exception {
        Path file = scenario("embeddings", "", """
                variants:
                  list:
                    - {name: a, set: {mock.ttft: 10ms}}
                    - {name: b, set: {mock.ttft: 20ms}, thresholds: ["itl.p99 < 1s"]}
                """);
        CliTest.Outcome o = CliTest.llmload("validate", file.toString());
        assertThat(o.code()).as(o.all()).isEqualTo(2);
        assertThat(o.all()).contains("embeddings.yaml:14:54:").contains("variants.b.thresholds[0]").contains("itl is not measured")
                .doesNotContain("Exception");
    }

    @Test
    void rerankGatesOnDocumentsPerSecondAndFlagThresholdsOnTokensAreRefused() throws Exception {
        Path file = scenario("rerank", "", "thresholds: [\"items_per_s > 1\", \"input_tokens_per_s > 1\", \"e2e.p50 < 5s\"]\n");
        JsonNode summary = run(file, 0, null);
        assertThat(summary.get("checks")).hasSize(3);
        summary.get("checks").forEach(c -> assertThat(c.get("passed").asBoolean()).as(c.toString()).isTrue());
        CliTest.Outcome o = CliTest.llmload("run", file.toString(), "--out", tmp.resolve("flag").toString(),
                "--threshold", "tpot.p99 < 50ms");
        assertThat(o.code()).as(o.all()).isEqualTo(2);
        assertThat(o.all()).contains("--threshold 'tpot.p99 < 50ms'").contains("tpot is not measured");
    }

        @Test
    void multiTurnIsRefusedWhereTheApiHasNoTurns() throws Exception {
        Path file = scenario("embeddings", "", "");
        Files.writeString(file, Files.readString(file).replace("workload:\n", "workload:\n  conversation: {turns: 3}\n"));
        CliTest.Outcome o = CliTest.llmload("validate", file.toString());
        assertThat(o.code()).as(o.all()).isEqualTo(2);
        assertThat(o.all()).contains("embeddings.yaml:").contains("has no conversation turns");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http_429", "reset", "missing_done", "malformed_chunk"})
    void theMockFaultsOnTheMessagesApiAreClassified(String fault) throws Exception {
        faultIsClassified("messages", fault);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"completions", "responses", "embeddings", "rerank"})
    void aRateLimitIsClassifiedOnEveryApi(String api) throws Exception {
        faultIsClassified(api, "http_429");
    }

    @Test
    void aCutStreamOnTheResponsesApiIsClassified() throws Exception {
        faultIsClassified("responses", "reset");
        faultIsClassified("responses", "missing_done");
    }

    private void faultIsClassified(String api, String fault) throws Exception {
        String kind = switch (fault) {
            case "reset" -> "reset";
            case "malformed_chunk" -> "malformed_stream";
            default -> fault;
        };
        Path file = scenario(api, ", seed: 3, faults: {" + fault + ": 0.5}", "");
        Path moved = tmp.resolve(api + "-" + fault + ".yaml");
        Files.move(file, moved);
        JsonNode summary = run(moved, 0, null);
        JsonNode errors = summary.at("/requests/errors");
        assertThat(errors.path(kind).asLong()).as("%s on %s: %s", fault, api, errors).isPositive();
        assertThat(errors.size()).as("only the injected kind: %s", errors).isEqualTo(1);
        assertThat(summary.at("/requests/succeeded").asLong() + summary.at("/requests/failed").asLong()).isEqualTo(REQUESTS);
    }
}
