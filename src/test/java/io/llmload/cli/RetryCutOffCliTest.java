package io.llmload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.testkit.ForkedJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests still waiting out a server's {@code Retry-After} when the run stops: reported as
 * waiting to retry, with their 429s in the retries, never as a stalled server; the counts add up.
 */
class RetryCutOffCliTest {
    @TempDir
    Path tmp;

    /**
     * The embedded mock refuses {@code share} of its requests with 429 and a Retry-After far beyond the run.
     * The run lasts 2 s so that even a slow first request (a cold JVM on a busy machine) is answered.
     */
    private Path scenario(double share) throws Exception {
        Path file = tmp.resolve("retry-" + share + ".yaml");
        Files.writeString(file, """
                name: retry-at-the-end
                target: {url: embedded, model: mock-llm}
                request: {stream: true, max_tokens: 8, retry: {max: 3, on: [429], max_backoff: 60s}}
                load: {concurrency: 4, duration: 2s, warmup: 0s, drain: 300ms}
                mock: {ttft: 5ms, itl: 1ms, output_tokens: 8, seed: 7, faults: {http_429: {rate: %s, retry_after: 30s}}}
                """.formatted(share));
        return file;
    }

    private static void assertCountsAddUp(JsonNode r) {
        assertThat(r.get("total").asLong()).as(r.toString()).isEqualTo(r.get("succeeded").asLong() + r.get("failed").asLong()
                + r.get("incomplete").asLong() + r.get("cancelled").asLong());
    }

    @Test
    void aRunWhoseEveryRequestWaitsOutARetryAfterSaysRateLimitedNotStalled() throws Exception {
        Path out = tmp.resolve("all");
        CliTest.Outcome o = CliTest.llmload("run", scenario(1.0).toString(), "--out", out.toString(), "--format", "json");
        assertThat(o.code()).as(o.all()).isEqualTo(3);
        assertThat(o.all()).contains("were waiting to retry when the drain time ran out, after the server refused them (http_429 ×4)")
                .contains("not stalled").doesNotContain("the server is stalled")
                .contains("4 cut off at the end (4 waiting to retry)")
                .contains("retries     4 failed attempts tried again: http_429: 4");
        JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile()).at("/summary/requests");
        assertThat(r.get("incomplete").asLong()).isEqualTo(4);
        assertThat(r.get("incomplete_retrying").asLong()).isEqualTo(4);
        assertThat(r.at("/retries_by_kind/http_429").asLong()).isEqualTo(4);
        assertCountsAddUp(r);
    }

    @Test
    void theRealProcessCountsSomeOkAndSomeCutOffWhileRetryingAndTheyAddUp() throws Exception {
        Path out = tmp.resolve("some");
        ForkedJvm.Outcome o = ForkedJvm.run(tmp, 256, 60, Main.class, "run", scenario(0.3).toString(), "--out", out.toString(),
                "--format", "json");
        assertThat(o.ended()).as(o.output()).isTrue();
        assertThat(o.exitCode()).as(o.output()).isZero();
        JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile()).at("/summary/requests");
        assertThat(r.get("succeeded").asLong()).as(r.toString()).isPositive();
        // Each user whose request met a 429 waits 30 s for its retry: all four end the run waiting.
        assertThat(r.get("incomplete_retrying").asLong()).as(r.toString()).isEqualTo(4).isEqualTo(r.get("incomplete").asLong());
        assertThat(r.at("/retries_by_kind/http_429").asLong()).as(r.toString()).isEqualTo(4);
        assertThat(r.get("failed").asLong()).isZero();
        assertCountsAddUp(r);
        assertThat(o.output()).contains("4 cut off at the end (4 waiting to retry)").doesNotContain("stalled");
    }
}
