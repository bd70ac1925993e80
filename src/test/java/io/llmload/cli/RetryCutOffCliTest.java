package io.llmload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.client.ScriptedServer;
import io.llmload.testkit.ForkedJvm;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests still waiting out a server's {@code Retry-After} when the run stops: reported as
 * waiting to retry, with their 429s in the retries, never as a stalled server; the counts add up.
 */
@ExtendWith(VertxExtension.class)
class RetryCutOffCliTest {
    @TempDir
    Path tmp;

    /**
     * The embedded mock refuses every request with 429 and a Retry-After far beyond the run. The
     * run lasts 2 s so that even a slow first request (a cold JVM on a busy machine) is answered.
     */
    private Path everyRequestRefused() throws Exception {
        Path file = tmp.resolve("refused.yaml");
        Files.writeString(file, """
                name: retry-at-the-end
                target: {url: embedded, model: mock-llm}
                request: {stream: true, max_tokens: 8, retry: {max: 3, on: [429], max_backoff: 60s}}
                load: {concurrency: 2, duration: 2s, warmup: 0s, drain: 300ms}
                mock: {ttft: 5ms, itl: 1ms, output_tokens: 8, seed: 7, faults: {http_429: {rate: 1.0, retry_after: 30s}}}
                """);
        return file;
    }

    private static void assertCountsAddUp(JsonNode r) {
        assertThat(r.get("total").asLong()).as(r.toString()).isEqualTo(r.get("succeeded").asLong() + r.get("failed").asLong()
                + r.get("incomplete").asLong() + r.get("cancelled").asLong());
    }

    @Test
    void aRunWhoseEveryRequestWaitsOutARetryAfterSaysRateLimitedNotStalled() throws Exception {
        Path out = tmp.resolve("all");
        CliTest.Outcome o = CliTest.llmload("run", everyRequestRefused().toString(), "--out", out.toString(), "--format", "json");
        assertThat(o.code()).as(o.all()).isEqualTo(3);
        assertThat(o.all()).contains("were waiting to retry when the drain time ran out, after the server refused them (http_429 ×2)")
                .contains("not stalled").doesNotContain("the server is stalled")
                .contains("2 cut off at the end (2 waiting to retry)")
                .contains("retries     2 failed attempts tried again: http_429: 2");
        JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile()).at("/summary/requests");
        assertThat(r.get("incomplete").asLong()).isEqualTo(2);
        assertThat(r.get("incomplete_retrying").asLong()).isEqualTo(2);
        assertThat(r.at("/retries_by_kind/http_429").asLong()).isEqualTo(2);
        assertCountsAddUp(r);
    }

    @Test
    void theRealProcessCountsSomeOkAndSomeCutOffWhileRetryingAndTheyAddUp(Vertx vertx) throws Exception {
        // Every third request the server receives is refused with a Retry-After far beyond the run;
        // the others are answered: whatever the machine's speed, some end ok and some end waiting.
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> {
            if (i % 3 == 2) {
                req.response().setStatusCode(429).putHeader("retry-after", "30").end("{\"error\":\"rate limited\"}");
            } else {
                ScriptedServer.writeSpaced(vertx, ScriptedServer.sse(req), 1, ScriptedServer.content("a"), ScriptedServer.content("b"),
                        ScriptedServer.usage(1, 2), ScriptedServer.DONE);
            }
        })) {
            Path file = tmp.resolve("scripted.yaml");
            Files.writeString(file, """
                    name: retry-at-the-end
                    target: {url: "%s", model: m}
                    request: {stream: true, max_tokens: 8, retry: {max: 3, on: [429], max_backoff: 60s}}
                    load: {concurrency: 4, duration: 2s, warmup: 0s, drain: 1s}
                    """.formatted(server.baseUrl()));
            Path out = tmp.resolve("some");
            ForkedJvm.Outcome o = ForkedJvm.runShort(tmp, 256, 60, Main.class, "run", file.toString(), "--out", out.toString(),
                    "--format", "json");
            assertThat(o.ended()).as(o.output()).isTrue();
            assertThat(o.exitCode()).as(o.output()).isZero();
            JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile()).at("/summary/requests");
            assertThat(r.get("succeeded").asLong()).as(r.toString()).isPositive();
            long waiting = r.get("incomplete_retrying").asLong();
            assertThat(waiting).as(r.toString()).isPositive().isEqualTo(r.get("incomplete").asLong());
            // Each of them waits after its one 429; the 429s of requests that got through are retries too.
            assertThat(r.at("/retries_by_kind/http_429").asLong()).as(r.toString()).isGreaterThanOrEqualTo(waiting);
            assertThat(r.get("failed").asLong()).isZero();
            assertCountsAddUp(r);
            assertThat(o.output()).contains("cut off at the end (" + waiting + " waiting to retry)").doesNotContain("stalled");
        }
    }
}
