package io.llmload.cli;

import static io.llmload.cli.CliTest.llmload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.metrics.Histograms;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Request phases end to end: a pool smaller than the users, the embedded mock, the JSON, console and HTML reports. */
class RequestPhasesCliTest {
    @TempDir
    Path tmp;

    @Test
    void aPoolSmallerThanTheUsersShowsAsPoolWaitNotAsModelLatency() throws Exception {
        Path file = tmp.resolve("phases.yaml");
        Files.writeString(file, """
                name: phases
                target: {url: embedded, model: mock-llm, http: {max_connections: 2}}
                request: {stream: true, max_tokens: 4}
                load: {concurrency: 6, requests: 60, warmup: 0s}
                mock: {ttft: 20ms, itl: 2ms, output_tokens: 4}
                thresholds: ["connect.max < 10s", "pool_wait.p50 > 1ms"]
                """);
        Path out = tmp.resolve("out");
        CliTest.Outcome o = llmload("run", file.toString(), "--out", out.toString());
        assertThat(o.code()).as(o.all()).isZero();
        JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode latency = r.at("/summary/latency_ms");
        long ok = r.at("/summary/requests/succeeded").asLong();
        assertThat(ok).isEqualTo(60);

        long opened = latency.at("/connect/count").asLong();
        long reused = latency.at("/pool_wait/count").asLong();
        // The connections are opened before the clock starts: their connect times are the run's
        // connect phase, and every request takes a pooled one.
        assertThat(opened).as("each of the (at most 2) pooled connections was opened once, up front").isBetween(1L, 2L);
        assertThat(reused).as("every request took a pooled connection").isEqualTo(ok);
        assertThat(o.all()).containsPattern("opened [12] connections? before the clock started");
        assertThat(latency.at("/headers/count").asLong()).isEqualTo(ok);
        // Six users on two connections: most requests wait about a whole exchange (>= the mock's 20 ms TTFT) for one.
        assertThat(latency.at("/pool_wait/p50").asDouble()).isGreaterThanOrEqualTo(15.0);
        assertThat(latency.at("/schedule_lag/p50").asDouble()).as("the pool wait delays the send").isGreaterThanOrEqualTo(15.0);
        assertThat(Histograms.decode(r.at("/histograms/pool_wait").asText()).getTotalCount()).isEqualTo(reused);

        assertThat(o.out()).contains("request phases (before the answer)").containsPattern("pool_wait\\s+\\d");
        assertThat(o.out()).contains("PASS connect.max < 10s").contains("PASS pool_wait.p50 > 1ms");
        assertThat(Files.readString(out.resolve("report.html"))).contains("request phases, before the answer")
                .contains("Wait for a pooled connection");
    }
}
