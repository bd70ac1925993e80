package io.llmload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.client.ReplayServer;
import io.llmload.client.WireRecording;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two recorded servers through the command line and its reports: one that reports usage, and one
 * (Ollama v0.5.1) that never does, whose output tokens llmload counts with its tokenizer and says so.
 */
@ExtendWith(VertxExtension.class)
class WireShapesCliTest {
    @TempDir
    Path tmp;

    private JsonNode run(Vertx vertx, String recording, String expectSourceWord) throws Exception {
        Path file = Path.of(getClass().getResource("/wire/" + recording).toURI());
        try (ReplayServer server = ReplayServer.start(vertx, WireRecording.load(file, recording))) {
            Path scenario = tmp.resolve("s.yaml");
            Files.writeString(scenario, """
                    name: wire
                    target: {url: "%s", model: m}
                    request: {stream: true, max_tokens: 16}
                    load: {concurrency: 1, requests: 3, warmup: 0s}
                    """.formatted(server.baseUrl()));
            Path out = tmp.resolve("out");
            CliTest.Outcome o = CliTest.llmload("run", scenario.toString(), "--out", out.toString(), "--format", "json");
            assertThat(o.code()).as(o.all()).isZero();
            assertThat(o.out()).contains("(output counted from " + expectSourceWord + ")");
            return new ObjectMapper().readTree(out.resolve("report.json").toFile()).at("/summary");
        }
    }

    @Test
    void aServerWithoutUsageIsCountedWithTheTokenizerAndTheReportSaysSo(Vertx vertx) throws Exception {
        JsonNode s = run(vertx, "ollama/v0.5.1-no-usage.sse", "tokenizer");
        assertThat(s.at("/requests/succeeded").asLong()).isEqualTo(3);
        assertThat(s.at("/tokens/output_source").asText()).isEqualTo("tokenizer");
        assertThat(s.at("/tokens/output").asLong()).as("10 cl100k_base tokens per answer").isEqualTo(30);
        assertThat(s.at("/latency_ms/ttft/min").asDouble()).as("recorded first token at 70 ms").isGreaterThanOrEqualTo(69);
    }

    @Test
    void aServerWithUsageIsCountedFromIt(Vertx vertx) throws Exception {
        JsonNode s = run(vertx, "vllm/length-continuous-usage.sse", "usage");
        assertThat(s.at("/tokens/output_source").asText()).isEqualTo("usage");
        assertThat(s.at("/tokens/output").asLong()).isEqualTo(3 * 6);
        assertThat(s.at("/tokens/input").asLong()).isEqualTo(3 * 17);
        assertThat(s.at("/latency_ms/ttft/min").asDouble()).as("recorded first token at 45 ms").isGreaterThanOrEqualTo(44);
    }
}
