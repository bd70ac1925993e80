package io.llmload.cli;

import static io.llmload.cli.CliTest.llmload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.scenario.CancelAfter;
import io.llmload.scenario.CancelSpec;
import io.llmload.scenario.DistSpec;
import io.llmload.workload.CancelPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Users who give up, end to end against the embedded mock: the seeded share is abandoned exactly,
 * counted apart from errors and kept out of the latencies, and the mock's batch slots are freed as
 * the connections are reset.
 */
class CancelCliTest {
    @TempDir
    Path tmp;

    private JsonNode run(String yaml) throws IOException {
        Path file = tmp.resolve("c.yaml");
        Files.writeString(file, yaml);
        Path out = tmp.resolve("out-" + System.nanoTime());
        CliTest.Outcome o = llmload("run", file.toString(), "--out", out.toString(), "--quiet");
        assertThat(o.code()).as(o.all()).isZero();
        return new ObjectMapper().readTree(out.resolve("report.json").toFile());
    }

    @Test
    void theSeededShareIsAbandonedExactlyAndKeptOutOfTheLatencies() throws IOException {
        String yaml = """
                name: cancel
                target: {url: embedded, model: mock-llm}
                workload:
                  cancel: {fraction: 0.3, after: {tokens: 3}}
                  seed: 11
                load: {concurrency: 2, requests: 40}
                mock: {ttft: 5ms, itl: 2ms, output_tokens: 20}
                """;
        CancelPlan plan = new CancelPlan(new CancelSpec(0.3, new CancelAfter(DistSpec.fixed(3), null)), 11);
        long expected = 0;
        for (long seq = 0; seq < 40; seq++) {
            expected += plan.decide(seq) != null ? 1 : 0;
        }
        assertThat(expected).as("the seed picks some but not all").isBetween(3L, 30L);
        for (int attempt = 0; attempt < 2; attempt++) {
            JsonNode r = run(yaml);
            JsonNode requests = r.at("/summary/requests");
            assertThat(requests.get("total").asLong()).isEqualTo(40);
            assertThat(requests.get("cancelled").asLong()).as("run " + attempt).isEqualTo(expected);
            assertThat(requests.get("cancelled_before_first_token").asLong()).isZero();
            assertThat(requests.get("succeeded").asLong()).isEqualTo(40 - expected);
            assertThat(requests.get("failed").asLong()).isZero();
            assertThat(requests.get("errors")).isEmpty();
            for (String metric : new String[] {"ttft", "e2e", "tpot", "schedule_lag"}) {
                assertThat(r.at("/summary/latency_ms/" + metric + "/count").asLong()).as(metric).isEqualTo(40 - expected);
            }
            assertThat(r.at("/summary/tokens/output").asLong()).as("only answers read to the end count").isEqualTo(20 * (40 - expected));
            long perSecond = StreamSupport.stream(r.get("timeseries").spliterator(), false).mapToLong(p -> p.get("cancelled").asLong()).sum();
            assertThat(perSecond).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.1", "2"})
    void abandonedStreamsFreeTheMocksBatchSlotAtOnce(String http) throws IOException {
        // One sequence at a time, 500 tokens 10 ms apart: held to the end, each answer would take 5 s.
        // HTTP/1.1 closes the connection; HTTP/2 resets only the stream.
        JsonNode r = run("""
                name: free-slot
                target: {url: embedded, model: mock-llm, http: {version: "%s"}}
                workload:
                  cancel: {fraction: 1, after: {tokens: 2}}
                load: {concurrency: 2, requests: 8, duration: 20s}
                mock: {ttft: 5ms, itl: 10ms, output_tokens: 500, max_batch: 1}
                """.formatted(http));
        assertThat(r.at("/summary/requests/cancelled").asLong()).isEqualTo(8);
        assertThat(r.at("/run/measured_s").asDouble()).as("abandoned requests make the measured window too").isPositive();
        assertThat(r.at("/summary/requests/failed").asLong()).isZero();
        assertThat(r.at("/run/duration_s").asDouble()).as("no request waited for another's abandoned answer").isLessThan(4.0);
    }

    @Test
    void aUserWhoGivesUpBeforeAWholeAnswerArrivesFreesItsSlotToo() throws IOException {
        // One user, one sequence at a time, whole answers 0.34 s after their start. Half the users give
        // up after 60 ms; if the mock kept their slot, the next request would queue for ~0.28 s more.
        CancelPlan plan = new CancelPlan(new CancelSpec(0.5, new CancelAfter(null, DistSpec.fixed(60e6))), 5);
        long cancelled = 0;
        long completedAfterCancel = 0;
        for (long seq = 0; seq < 12; seq++) {
            cancelled += plan.decide(seq) != null ? 1 : 0;
            completedAfterCancel += seq > 0 && plan.decide(seq - 1) != null && plan.decide(seq) == null ? 1 : 0;
        }
        assertThat(completedAfterCancel).as("most completed answers follow an abandoned one").isGreaterThan((12 - cancelled) / 2);
        JsonNode r = run("""
                name: free-slot-whole
                target: {url: embedded, model: mock-llm}
                request: {stream: false}
                workload:
                  cancel: {fraction: 0.5, after: {time: 60ms}}
                  seed: 5
                load: {concurrency: 1, requests: 12, duration: 30s}
                mock: {ttft: 50ms, itl: 10ms, output_tokens: 30, max_batch: 1}
                """);
        JsonNode requests = r.at("/summary/requests");
        assertThat(requests.get("cancelled").asLong()).isEqualTo(cancelled);
        assertThat(requests.get("cancelled_before_first_token").asLong()).as("a whole answer has no first token before its end")
                .isEqualTo(cancelled);
        assertThat(requests.get("succeeded").asLong()).isEqualTo(12 - cancelled);
        assertThat(r.at("/summary/latency_ms/e2e/min").asDouble()).isGreaterThanOrEqualTo(340.0);
        // (the max may be the first request of a cold JVM)
        assertThat(r.at("/summary/latency_ms/e2e/p50").asDouble()).as("answers did not wait for abandoned ones' slots").isLessThan(500.0);
    }
}
