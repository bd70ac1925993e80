package io.llmload.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.metrics.Exposition;
import io.llmload.metrics.ExpositionParser;
import io.llmload.metrics.PrometheusText;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reasoning model, simulated by the embedded mock's reasoning phase, through the real CLI entry:
 * reasoning and answer tokens are counted apart, and the time to first answer token is the mock's
 * TTFT plus its reasoning time, in the JSON report, the console, the HTML, Markdown and JUnit
 * reports, thresholds and the Prometheus endpoint.
 */
class ReasoningCliTest {
    private static final Pattern URL = Pattern.compile("metrics: (http://127\\.0\\.0\\.1:\\d+/metrics)");
    private static final int REQUESTS = 12;
    private static final int REASONING = 30;
    private static final int ANSWER = 16;
    private static final double TTFT_MS = 100;
    private static final double ITL_MS = 10;
    /** The mock streams reasoning token i at ttft + i * itl, so its first answer token comes at ttft + reasoning * itl. */
    private static final double EXPECTED_TTFAT_MS = TTFT_MS + REASONING * ITL_MS;

    @TempDir
    Path tmp;

    private static String scenario(String extra) {
        return """
                name: reasoning
                target: {url: embedded, model: mock-llm}
                request: {stream: true, max_tokens: 256}
                workload:
                  messages: [{role: user, content: "Why is the sky blue? Think first."}]
                load: {concurrency: 4, requests: %d}
                mock: {ttft: %dms, itl: %dms, output_tokens: %d, reasoning_tokens: %d}
                report: {formats: [json, html, md, junit]}
                """.formatted(REQUESTS, (int) TTFT_MS, (int) ITL_MS, ANSWER, REASONING) + extra;
    }

    @Test
    void reasoningAndAnswerAreCountedApartAndTheFirstAnswerTokenComesAfterTheReasoning() throws Exception {
        Path file = tmp.resolve("reasoning.yaml");
        Files.writeString(file, scenario("""
                thresholds: ["ttfat.p99 < 2s", "ttfat.p50 < 300ms", "reasoning_tokens == %d", "ttft.p99 < 2s"]
                metrics: {port: 0, linger: 1s}
                """.formatted(REQUESTS * REASONING)));
        Path out = tmp.resolve("out");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8),
                Map.<String, String>of()::get, false, false);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.execute(
                new String[] {"run", file.toString(), "--out", out.toString()}, console));

        // The endpoint lingers after the run: its final values carry the ttfat series and the reasoning count.
        Exposition last = finalScrape(stderr);
        int code = run.get(60, TimeUnit.SECONDS);
        String text = stdout.toString(StandardCharsets.UTF_8);
        assertThat(code).as("ttfat.p50 < 300ms fails: the answer begins after the reasoning\n" + text + stderr).isEqualTo(1);

        JsonNode summary = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("summary");
        JsonNode tokens = summary.get("tokens");
        assertThat(summary.at("/requests/succeeded").asLong()).isEqualTo(REQUESTS);
        assertThat(tokens.get("output").asLong()).isEqualTo(REQUESTS * (REASONING + ANSWER));
        assertThat(tokens.get("output_source").asText()).isEqualTo("usage");
        assertThat(tokens.get("reasoning").asLong()).isEqualTo(REQUESTS * REASONING);
        assertThat(tokens.get("answer").asLong()).isEqualTo(REQUESTS * ANSWER);
        assertThat(tokens.get("reasoning_source").asText()).isEqualTo("usage");

        JsonNode ttft = summary.at("/latency_ms/ttft");
        JsonNode ttfat = summary.at("/latency_ms/ttfat");
        assertThat(ttfat.get("count").asLong()).isEqualTo(REQUESTS);
        // generous bounds: timers, a cold JVM's first requests and a shared CI machine only ever add time
        assertThat(ttft.get("p50").asDouble()).isBetween(TTFT_MS, TTFT_MS + 150);
        assertThat(ttfat.get("min").asDouble()).isGreaterThanOrEqualTo(EXPECTED_TTFAT_MS);
        assertThat(ttfat.get("p50").asDouble()).isBetween(EXPECTED_TTFAT_MS, EXPECTED_TTFAT_MS + 150);
        assertThat(ttfat.get("p50").asDouble() - ttft.get("p50").asDouble()).as("the reasoning time")
                .isCloseTo(REASONING * ITL_MS, within(100.0));

        JsonNode checks = summary.get("checks");
        assertThat(checks.get(0).get("expr").asText()).isEqualTo("ttfat.p99 < 2s");
        assertThat(checks.get(0).get("passed").asBoolean()).isTrue();
        assertThat(checks.get(1).get("passed").asBoolean()).isFalse();
        assertThat(checks.get(2).get("passed").asBoolean()).as("reasoning_tokens == %d", REQUESTS * REASONING).isTrue();

        assertThat(text).containsPattern("\\n  ttfat +\\d").contains("reasoning   " + String.format("%,d", REQUESTS * REASONING)
                + " reasoning · " + String.format("%,d", REQUESTS * ANSWER) + " answer (reasoning counted from usage)");
        assertThat(Files.readString(out.resolve("report.html"))).contains("TTFAT p50 / p99").contains("title=\"Time to first answer token\">ttfat<");
        assertThat(Files.readString(out.resolve("summary.md"))).contains("| ttfat |").contains("Reasoning first: TTFAT p50 / p99");
        assertThat(Files.readString(out.resolve("junit.xml"))).contains("ttfat.p99 &lt; 2s").contains("ttfat.p50 &lt; 300ms");

        Map<String, String> labels = Map.of("scenario", "reasoning", "target", "embedded", "model", "mock-llm", "variant", "default",
                "point", "default");
        assertThat(PrometheusText.value(last, "llmload_ttfat_seconds_count", labels)).isEqualTo(REQUESTS);
        assertThat(PrometheusText.value(last, "llmload_ttfat_seconds_sum", labels) / REQUESTS).as("mean ttfat, seconds")
                .isCloseTo(ttfat.get("mean").asDouble() / 1000, within(0.05));
        assertThat(PrometheusText.value(last, "llmload_reasoning_tokens_total", labels)).isEqualTo(REQUESTS * REASONING);
        assertThat(PrometheusText.value(last, "llmload_output_tokens_total", labels)).isEqualTo(REQUESTS * (REASONING + ANSWER));
    }

    @Test
    void withoutUsageTheTokenizerCountsTheReasoningApart() throws Exception {
        Path file = tmp.resolve("no-usage.yaml");
        // include_usage: false makes the mock (like a server without usage) send no usage chunk
        Files.writeString(file, scenario("request: {stream: true, max_tokens: 256, params: {stream_options: {include_usage: false}}}\n")
                .replace("request: {stream: true, max_tokens: 256}\n", ""));
        Path out = tmp.resolve("out2");
        CliTest.Outcome o = CliTest.llmload("run", file.toString(), "--out", out.toString(), "--quiet");
        assertThat(o.code()).as(o.all()).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("summary");
        JsonNode tokens = summary.get("tokens");
        assertThat(tokens.get("output_source").asText()).isEqualTo("tokenizer");
        assertThat(tokens.get("reasoning_source").asText()).isEqualTo("tokenizer");
        // the mock's reasoning words are one cl100k token each, so the tokenizer's count is exact
        assertThat(tokens.get("reasoning").asLong()).isEqualTo(REQUESTS * REASONING);
        assertThat(tokens.get("answer").asLong()).isEqualTo(tokens.get("output").asLong() - REQUESTS * REASONING).isGreaterThanOrEqualTo(REQUESTS * ANSWER);
        assertThat(summary.at("/latency_ms/ttfat/p50").asDouble()).isBetween(EXPECTED_TTFAT_MS, EXPECTED_TTFAT_MS + 150);
    }

    @Test
    void withoutReasoningTheFirstAnswerTokenIsTheFirstTokenAndNoSplitIsReported() throws Exception {
        Path file = tmp.resolve("plain.yaml");
        Files.writeString(file, scenario("").replace(", reasoning_tokens: " + REASONING, ""));
        Path out = tmp.resolve("out3");
        CliTest.Outcome o = CliTest.llmload("run", file.toString(), "--out", out.toString());
        assertThat(o.code()).as(o.all()).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("summary");
        assertThat(summary.get("tokens").has("reasoning")).isFalse();
        assertThat(summary.at("/latency_ms/ttfat")).isEqualTo(summary.at("/latency_ms/ttft"));
        assertThat(o.out()).doesNotContain("reasoning   ");
        assertThat(Files.readString(out.resolve("report.html"))).doesNotContain("TTFAT p50 / p99");
    }

    private static Exposition finalScrape(ByteArrayOutputStream stderr) throws Exception {
        String url = null;
        for (int i = 0; i < 300 && url == null; i++) {
            Matcher m = URL.matcher(stderr.toString(StandardCharsets.UTF_8));
            url = m.find() ? m.group(1) : null;
            Thread.sleep(50);
        }
        assertThat(url).as(stderr.toString(StandardCharsets.UTF_8)).isNotNull();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Exposition e = ExpositionParser.parse(r.body());
            if (PrometheusText.value(e, "llmload_run_finished", Map.of("scenario", "reasoning")) == 1) {
                return e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the endpoint never showed the finished run");
    }
}
