package io.llmload.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.cli.Console;
import io.llmload.cli.Main;
import io.llmload.scenario.MockFaults;
import io.llmload.scenario.MockFaults.Fault;
import io.llmload.scenario.MockFaults.Kind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault the mock injects, through the real CLI entry: a run of {@value #REQUESTS} requests
 * against the embedded mock with one fault at a fixed rate. The mock picks faulty requests from a
 * seeded hash of their sequence number, so the exact number of faulty requests is known in advance;
 * each must land in its error kind (or succeed, for the faults a client must simply cope with), and
 * the successful requests' tokens and latencies must be exactly what the mock was told to produce.
 */
class FaultInjectionTest {
    private static final int REQUESTS = 40;
    private static final int TOKENS = 4;
    private static final long SEED = 11;
    private static final double RATE = 0.25;

    @TempDir
    Path tmp;
    private String console;

    /**
     * @param fault   the value of {@code mock.faults.<kind>}
     * @param extra   more scenario text (timeouts, limits)
     * @param outcome the error kind of a faulty request, or null when it must succeed
     */
    static Stream<Arguments> faults() {
        String fast = "  timeouts: {first_token: 1s, idle: 1s}\n";
        return Stream.of(
                Arguments.of(Kind.HTTP_429, "{rate: 0.25, retry_after: 2s}", "", "http_429"),
                Arguments.of(Kind.HTTP_500, "0.25", "", "http_500"),
                Arguments.of(Kind.HTTP_503, "0.25", "", "http_503"),
                Arguments.of(Kind.RESET, "{rate: 0.25, after_tokens: 2}", "", "reset"),
                Arguments.of(Kind.STALL_FIRST_TOKEN, "{rate: 0.25, duration: 3s}", fast, "timeout_first_token"),
                Arguments.of(Kind.STALL_MID_STREAM, "{rate: 0.25, duration: 3s, after_tokens: 2}", fast, "timeout_idle"),
                Arguments.of(Kind.TRICKLE, "{rate: 0.25, byte_gap: 0.2ms}", "", null),
                Arguments.of(Kind.TRICKLE, "{rate: 0.25, byte_gap: 4ms}", "  timeouts: {total: 1s}\n", "timeout_total"),
                Arguments.of(Kind.MALFORMED_CHUNK, "{rate: 0.25, after_tokens: 1}", "", "malformed_stream"),
                Arguments.of(Kind.MISSING_DONE, "0.25", "", "missing_done"),
                Arguments.of(Kind.HUGE_CHUNK, "{rate: 0.25, bytes: 1048576}", "", null),
                Arguments.of(Kind.HUGE_CHUNK, "{rate: 0.25, bytes: 1048576}", "  http: {max_response_bytes: 524288}\n",
                        "response_too_large"),
                Arguments.of(Kind.NOT_SSE, "0.25", "", "unexpected_content_type"),
                Arguments.of(Kind.CLOSE_DELIMITED, "0.25", "", null));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("faults")
    void eachFaultLandsExactlyInItsKind(Kind kind, String fault, String targetExtra, String expectedKind) throws Exception {
        long faulty = expectedFaulty(REQUESTS);
        assertThat(faulty).as("the seed gives a useful number of faulty requests").isBetween(5L, 15L);
        JsonNode report = run("""
                name: fault-%s
                target:
                  url: embedded
                  model: m
                %srequest: {stream: true, max_tokens: %d}
                load: {concurrency: 4, requests: %d, drain: 10s}
                mock:
                  ttft: 20ms
                  itl: 2ms
                  output_tokens: %d
                  seed: %d
                  faults: {%s: %s}
                """.formatted(kind.key(), targetExtra, TOKENS, REQUESTS, TOKENS, SEED, kind.key(), fault), 0,
                "--quiet", "--format", "json,html");
        JsonNode requests = report.at("/summary/requests");
        long succeeded = expectedKind == null ? REQUESTS : REQUESTS - faulty;
        assertThat(requests.get("total").asLong()).isEqualTo(REQUESTS);
        assertThat(requests.get("succeeded").asLong()).as(requests.toString()).isEqualTo(succeeded);
        assertThat(requests.get("failed").asLong()).isEqualTo(REQUESTS - succeeded);
        assertThat(errors(requests)).isEqualTo(expectedKind == null ? Map.of() : Map.of(expectedKind, faulty));
        if (expectedKind != null) {
            assertThat(requests.at("/error_samples/" + expectedKind).asText()).isNotEmpty();
        }
        if (kind == Kind.NOT_SSE) {
            // The proxy page the server sent is quoted in the sample, and escaped in the HTML report.
            assertThat(requests.at("/error_samples/unexpected_content_type").asText())
                    .startsWith("expected text/event-stream, got 'text/html; charset=utf-8': <!DOCTYPE html>");
            assertThat(Files.readString(out().resolve("report.html"))).contains("&lt;h1&gt;Bad Gateway&lt;/h1&gt;")
                    .doesNotContain("<h1>Bad Gateway</h1>"); // the embedded JSON writes it <h1>Bad Gateway<\/h1>
        }
        // The requests that succeeded are measured exactly as without faults.
        assertThat(report.at("/summary/tokens/output").asLong()).isEqualTo(succeeded * TOKENS);
        assertThat(report.at("/summary/tokens/output_source").asText()).isEqualTo("usage");
        assertThat(report.at("/summary/latency_ms/ttft/count").asLong()).isEqualTo(succeeded);
        assertThat(report.at("/summary/latency_ms/e2e/count").asLong()).isEqualTo(succeeded);
        if (kind != Kind.TRICKLE && kind != Kind.HUGE_CHUNK) {
            // 3 gaps per normal response; a huge chunk adds one content chunk, a trickle's gaps are its own.
            assertThat(report.at("/summary/latency_ms/itl/count").asLong()).isEqualTo(succeeded * (TOKENS - 1));
            assertThat(report.at("/summary/latency_ms/ttft/p50").asDouble()).isBetween(19.0, 120.0);
        }
        assertThat(report.at("/summary/requests/retries").asLong()).isZero();
    }

    @ParameterizedTest(name = "retry {0}")
    @MethodSource("retried")
    void retriedAttemptsAreCountedApartAndTheRequestCountsOnce(Kind kind, String fault, String on) throws Exception {
        // One user, so attempts reach the mock in a known order and the outcome can be replayed exactly.
        int requests = 12;
        int maxRetries = 2;
        MockFaults plan = new MockFaults(List.of(new Fault(kind, 0.3, null, null, 0, 0, null)));
        long seq = 0;
        long retries = 0;
        long failed = 0;
        for (int r = 0; r < requests; r++) {
            int attempt = 0;
            while (plan.pick(SEED, seq++) != null) {
                if (attempt++ == maxRetries) {
                    failed++;
                    break;
                }
                retries++;
            }
        }
        assertThat(retries).as("the seed makes some requests retry").isPositive();
        long t0 = System.nanoTime();
        JsonNode report = run("""
                target: {url: embedded, model: m}
                request:
                  max_tokens: %d
                  retry: {max: %d, backoff: 50ms, on: [%s]}
                load: {concurrency: 1, requests: %d}
                mock: {ttft: 10ms, itl: 1ms, output_tokens: %d, seed: %d, faults: {%s: %s}}
                """.formatted(TOKENS, maxRetries, on, requests, TOKENS, SEED, kind.key(), fault), 0, "--format", "json,html");
        double tookS = (System.nanoTime() - t0) / 1e9;
        JsonNode r = report.at("/summary/requests");
        assertThat(r.get("total").asLong()).isEqualTo(requests);
        assertThat(r.get("failed").asLong()).isEqualTo(failed);
        assertThat(r.get("succeeded").asLong()).isEqualTo(requests - failed);
        assertThat(r.get("retries").asLong()).isEqualTo(retries);
        assertThat(r.at("/retries_by_kind/" + kindName(kind)).asLong()).isEqualTo(retries);
        assertThat(report.at("/summary/tokens/output").asLong()).isEqualTo((requests - failed) * TOKENS);
        assertThat(console).contains("retries     " + retries + " failed attempts tried again: " + kindName(kind) + ": " + retries);
        assertThat(Files.readString(out().resolve("report.html"))).contains("Retried attempts").contains("<code>" + kindName(kind) + "</code>");
        if (kind == Kind.HTTP_429) {
            // Retry-After: 1 is honoured (not the 50 ms backoff), and the wait shows in the request's latency.
            assertThat(tookS).isGreaterThanOrEqualTo(retries * 1.0);
            assertThat(report.at("/summary/latency_ms/e2e/max").asDouble()).isGreaterThanOrEqualTo(1000.0);
        } else {
            assertThat(report.at("/summary/latency_ms/e2e/max").asDouble()).isGreaterThanOrEqualTo(50.0);
        }
    }

    static Stream<Arguments> retried() {
        return Stream.of(Arguments.of(Kind.HTTP_429, "{rate: 0.3, retry_after: 1s}", "429"),
                Arguments.of(Kind.RESET, "{rate: 0.3, after_tokens: 1}", "reset"));
    }

    private static String kindName(Kind kind) {
        return kind == Kind.HTTP_429 ? "http_429" : kind.key();
    }

    private static long expectedFaulty(int requests) {
        MockFaults plan = new MockFaults(List.of(new Fault(Kind.HTTP_500, RATE, null, null, 0, 0, null)));
        long n = 0;
        for (long seq = 0; seq < requests; seq++) {
            if (plan.pick(SEED, seq) != null) {
                n++;
            }
        }
        return n;
    }

    private JsonNode run(String yaml, int expectedCode) throws Exception {
        return run(yaml, expectedCode, "--quiet", "--format", "json");
    }

    /** Runs through the CLI entry; the console output is kept in {@link #console}. */
    private JsonNode run(String yaml, int expectedCode, String... flags) throws Exception {
        Path file = tmp.resolve("s.yaml");
        Files.writeString(file, yaml);
        List<String> args = new java.util.ArrayList<>(List.of("run", file.toString(), "--out", out().toString()));
        args.addAll(List.of(flags));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = Main.execute(args.toArray(String[]::new), new Console(print, print, name -> null, false, false));
        console = bytes.toString(StandardCharsets.UTF_8);
        assertThat(code).as(console).isEqualTo(expectedCode);
        return new ObjectMapper().readTree(out().resolve("report.json").toFile());
    }

    private Path out() {
        return tmp.resolve("out");
    }

    private static Map<String, Long> errors(JsonNode requests) {
        Map<String, Long> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = requests.get("errors").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asLong());
        }
        return out;
    }
}
