package io.llmload.cli;

import static io.llmload.cli.CliTest.llmload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** Sweeps, the SLO search, variants and repeats through the real command line against the embedded mock. */
@Isolated("its sweeps and SLO search compare latencies between points: nothing else may run beside it")
class CampaignTest {
    @TempDir
    Path tmp;

    private String html() throws IOException {
        return Jsoup.parse(Files.readString(tmp.resolve("out").resolve("report.html"))).text();
    }

    private JsonNode run(String yaml, int expectedExit) throws IOException {
        Path file = tmp.resolve("c.yaml");
        Files.writeString(file, yaml);
        Path out = tmp.resolve("out");
        CliTest.Outcome o = llmload("run", file.toString(), "--out", out.toString());
        assertThat(o.code()).as(o.all()).isEqualTo(expectedExit);
        return new ObjectMapper().readTree(out.resolve("report.json").toFile());
    }

    @Test
    void twoInterleavedVariantsReportTheirOwnTtft() throws IOException {
        JsonNode r = run("""
                target: {url: embedded, model: m}
                request: {max_tokens: 8}
                load: {concurrency: 2, duration: 4s}
                mock: {itl: 2ms, output_tokens: 8}
                variants:
                  order: interleaved
                  slice: 1s
                  list:
                    - {name: fast, set: {mock.ttft: 50ms}}
                    - {name: slow, set: {mock.ttft: 250ms}}
                """, 0);
        assertThat(r.at("/variants/0/name").asText()).isEqualTo("fast");
        double fast = r.at("/variants/0/summary/latency_ms/ttft/p50").asDouble();
        double slow = r.at("/variants/1/summary/latency_ms/ttft/p50").asDouble();
        assertThat(fast).isBetween(49.0, 100.0);
        assertThat(slow).isBetween(249.0, 320.0);
        assertThat(r.at("/variants/1/settings/mock.ttft").asText()).isEqualTo("250ms");
        JsonNode ttftDiff = null;
        for (JsonNode c : r.get("comparison")) {
            if (c.get("metric").asText().equals("ttft.p50")) {
                ttftDiff = c;
            }
        }
        assertThat(ttftDiff).isNotNull();
        assertThat(ttftDiff.get("significant").asBoolean()).isTrue();
        assertThat(ttftDiff.get("ci_low").asDouble()).isPositive();
        assertThat(html()).contains("Differences").contains("slow − fast").contains("ttft.p50");
        // Both variants ran in their own slices; the run's summary covers them together.
        assertThat(r.at("/summary/requests/total").asLong())
                .isEqualTo(r.at("/variants/0/summary/requests/total").asLong() + r.at("/variants/1/summary/requests/total").asLong());
    }

    @Test
    void sequentialVariantsWithTheirOwnThresholds() throws IOException {
        JsonNode r = run("""
                target: {url: embedded, model: m}
                load: {concurrency: 2, requests: 6}
                mock: {ttft: 20ms, itl: 1ms, output_tokens: 4}
                thresholds: ["error_rate < 1%"]
                variants:
                  list:
                    - {name: a}
                    - {name: b, set: {mock.ttft: 120ms}, thresholds: ["ttft.p50 < 50ms"]}
                """, 1);
        assertThat(r.at("/variants/0/summary/requests/total").asLong()).isEqualTo(6);
        assertThat(r.at("/variants/1/summary/requests/total").asLong()).isEqualTo(6);
        assertThat(r.at("/variants/1/summary/checks/1/passed").asBoolean()).isFalse();
        assertThat(r.at("/summary/checks").toString()).contains("[b] ttft.p50 < 50ms").contains("[a] error_rate < 1%");
    }

    @Test
    void aConcurrencySweepMarksThePareto() throws IOException {
        JsonNode r = run("""
                target: {url: embedded, model: m}
                load: {duration: 2s}
                mock: {ttft: 40ms, itl: 2ms, output_tokens: 8, max_batch: 4}
                sweep: {concurrency: [1, 4, 12]}
                """, 0);
        assertThat(r.get("points")).hasSize(3);
        assertThat(r.at("/points/0/settings/concurrency").asInt()).isEqualTo(1);
        double t1 = r.at("/points/0/summary/throughput/requests_per_s").asDouble();
        double t4 = r.at("/points/1/summary/throughput/requests_per_s").asDouble();
        double ttft4 = r.at("/points/1/summary/latency_ms/ttft/p50").asDouble();
        double ttft12 = r.at("/points/2/summary/latency_ms/ttft/p50").asDouble();
        assertThat(t4).isGreaterThan(2 * t1);
        assertThat(ttft12).as("beyond the mock's batch of 4 requests queue").isGreaterThan(ttft4 + 20);
        assertThat(r.at("/points/1/pareto").asBoolean()).isTrue();
        // The top-level summary describes the last point (DESIGN.md).
        assertThat(r.at("/summary/requests/total").asLong()).isEqualTo(r.at("/points/2/summary/requests/total").asLong());
    }

    @Test
    void theSloSearchFindsTheKnee() throws IOException {
        // Capacity: 4 sequences of about 100 ms each, so roughly 40 req/s before queueing sets in.
        JsonNode r = run("""
                target: {url: embedded, model: m}
                load: {duration: 2s, max_in_flight: 400, arrival: constant}
                mock: {ttft: 50ms, itl: 5ms, output_tokens: 10, max_batch: 4}
                sweep:
                  find_max: {rate_from: 8, rate_to: 128, until: ["ttft.p99 < 300ms"], precision: 8}
                """, 0);
        double max = r.at("/search/max_rate").asDouble();
        assertThat(r.at("/search/outcome").asText()).isEqualTo("found");
        assertThat(max).isBetween(16.0, 64.0);
        assertThat(r.get("points").size()).isEqualTo(r.at("/search/probes").asInt());
        boolean sawPass = false;
        boolean sawFail = false;
        for (JsonNode p : r.get("points")) {
            sawPass |= p.get("passed").asBoolean();
            sawFail |= !p.get("passed").asBoolean();
        }
        assertThat(sawPass && sawFail).isTrue();
        assertThat(html()).contains("SLO search").contains("Highest rate meeting every SLO").contains("missed").contains("met");
    }

    @Test
    void repeatsGiveConfidenceIntervals() throws IOException {
        JsonNode r = run("""
                target: {url: embedded, model: m}
                load: {concurrency: 2, requests: 10}
                mock: {ttft: 30ms, itl: 1ms, output_tokens: 4}
                goodput: {ttft: 1s}
                repeat: 3
                """, 0);
        assertThat(r.at("/repeats/n").asInt()).isEqualTo(3);
        assertThat(r.at("/repeats/runs")).hasSize(3);
        JsonNode ttft = r.at("/repeats/metrics/ttft.p50");
        assertThat(ttft.get("low").asDouble()).isLessThanOrEqualTo(ttft.get("estimate").asDouble());
        assertThat(ttft.get("high").asDouble()).isGreaterThanOrEqualTo(ttft.get("estimate").asDouble());
        assertThat(r.at("/summary/requests/total").asLong()).isEqualTo(30);
        assertThat(r.at("/summary/goodput/met").asLong()).isEqualTo(30);
        assertThat(r.at("/summary/goodput/fraction").asDouble()).isEqualTo(1.0);
        assertThat(html()).contains("Across 3 repeats").contains("ttft.p50").contains("Goodput");
    }
}
