package io.llmload.cli;

import static io.llmload.cli.CliTest.llmload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.client.ScriptedServer;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that ends its answers without any content (a role chunk, a finish reason, usage,
 * {@code [DONE]}) through the real CLI entry: those are {@code empty_answer}s, counted apart and
 * never successes, and the metrics left without samples print {@code –}, never 0.
 */
class EmptyAnswerCliTest {
    private static final String FINISH_ONLY = "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";

    @TempDir
    Path tmp;

    @Test
    void emptyAnswersAreTheirOwnKindAndLeaveNoTtft() throws Exception {
        Vertx vertx = Vertx.vertx();
        JsonNode r;
        CliTest.Outcome o;
        Path out = tmp.resolve("out");
        // Every other request gets an empty answer; JSON bodies too (the non-streaming path).
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, n) -> {
            if (n % 2 == 0) {
                ScriptedServer.writeSpaced(vertx, ScriptedServer.sse(req), 1, ScriptedServer.ROLE, FINISH_ONLY,
                        ScriptedServer.usage(3, 0), ScriptedServer.DONE);
            } else {
                ScriptedServer.writeSpaced(vertx, ScriptedServer.sse(req), 1, ScriptedServer.ROLE, ScriptedServer.content("ok"),
                        ScriptedServer.usage(3, 1), ScriptedServer.DONE);
            }
        })) {
            Path file = tmp.resolve("empty.yaml");
            Files.writeString(file, """
                    name: empty
                    target: {url: "%s", model: m}
                    load: {concurrency: 1, requests: 10}
                    report: {formats: [json, html, md, junit]}
                    """.formatted(server.baseUrl()));
            o = llmload("run", file.toString(), "--out", out.toString());
            r = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        } finally {
            vertx.close();
        }
        assertThat(r.at("/summary/requests/total").asLong()).as(o.all()).isEqualTo(10);
        assertThat(r.at("/summary/requests/succeeded").asLong()).isEqualTo(5);
        assertThat(r.at("/summary/requests/errors/empty_answer").asLong()).isEqualTo(5);
        assertThat(r.at("/summary/latency_ms/ttft/count").asLong()).as("only the answers with content have a TTFT").isEqualTo(5);
        assertThat(o.all()).contains("empty_answer");
    }

    @Test
    void metricsWithoutSamplesPrintADashEverywhere() throws Exception {
        Vertx vertx = Vertx.vertx();
        CliTest.Outcome o;
        Path out = tmp.resolve("out");
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, n) -> ScriptedServer.writeSpaced(vertx, ScriptedServer.sse(req), 1,
                ScriptedServer.ROLE, FINISH_ONLY, ScriptedServer.DONE))) {
            Path file = tmp.resolve("none.yaml");
            Files.writeString(file, """
                    name: none
                    target: {url: "%s", model: m}
                    load: {concurrency: 1, requests: 3}
                    report: {formats: [json, html, md, junit]}
                    thresholds: ["ttft.p99 < 1s"]
                    """.formatted(server.baseUrl()));
            o = llmload("run", file.toString(), "--out", out.toString());
        } finally {
            vertx.close();
        }
        JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(r.at("/summary/requests/succeeded").asLong()).as(o.all()).isZero();
        assertThat(r.at("/summary/requests/errors/empty_answer").asLong()).isEqualTo(3);
        String ttftRow = o.out().lines().filter(l -> l.startsWith("  ttft ")).findFirst().orElseThrow();
        assertThat(ttftRow.trim().split("\\s+")).containsExactly("ttft", "–", "–", "–", "–", "–", "0");
        String markdown = Files.readString(out.resolve("summary.md"));
        assertThat(markdown).contains("| ttft | – | – | – | – | – | 0 |");
        var html = Jsoup.parse(out.resolve("report.html").toFile());
        assertThat(html.text()).contains("TTFT p50 / p99 – / –");
        assertThat(Files.readString(out.resolve("junit.xml"))).contains("no samples of ttft").doesNotContain("measured: 0 ms");
    }
}
