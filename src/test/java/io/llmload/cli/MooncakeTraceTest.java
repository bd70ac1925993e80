package io.llmload.cli;

import static io.llmload.cli.CliTest.llmload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.llmload.client.ScriptedServer;
import io.llmload.metrics.Exposition;
import io.llmload.metrics.ExpositionParser;
import io.llmload.metrics.PrometheusText;
import io.llmload.mock.MockConfig;
import io.llmload.mock.MockServer;
import io.llmload.scenario.DistSpec;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A Mooncake trace (kvcache-ai/Mooncake's {@code timestamp}/{@code input_length}/
 * {@code output_length}/{@code hash_ids} records, 512-token blocks) replayed through the CLI: at
 * its recorded times, each prompt exactly its length, and records that share hash ids sharing
 * exactly those blocks of tokens — checked from the bodies a scripted server received, and from
 * the built-in mock's simulated prefix cache, whose hits are what the trace's ids predict.
 */
@Isolated("it checks send times against a trace's recorded times: nothing else may run beside it")
class MooncakeTraceTest {
    private static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    private static final int BLOCK = 512;
    private static final Map<String, String> VLLM = Map.of("model_name", "mock", "engine", "0");

    /** Record i: recorded time, input length, hash ids. Each record's output_length is 100 + i, which names it at the server. */
    private static final long[] TIMES = {0, 150, 300, 450, 600, 600, 750, 900};
    private static final int[] LENGTHS = {1100, 1300, 600, 1100, 300, 1600, 1024, 1500};
    private static final long[][] IDS = {{0, 1, 2}, {0, 1, 3}, {0, 4}, {0, 1, 2}, {5}, {0, 1, 7, 8}, {9, 10}, {9, 10, 11}};

    @TempDir
    Path tmp;

    private record Arrival(long nanos, int[] tokens) {
    }

    private Path scenario(String url, String extra) throws IOException {
        StringBuilder trace = new StringBuilder();
        for (int i = 0; i < TIMES.length; i++) {
            trace.append("{\"timestamp\": ").append(TIMES[i]).append(", \"input_length\": ").append(LENGTHS[i])
                    .append(", \"output_length\": ").append(100 + i).append(", \"hash_ids\": ").append(Arrays.toString(IDS[i])).append("}\n");
        }
        Files.writeString(tmp.resolve("mooncake.jsonl"), trace);
        Path scenario = tmp.resolve("mooncake.yaml");
        Files.writeString(scenario, "name: mooncake\ntarget: {url: \"" + url + "\", model: mock}\n"
                + "load: {trace: {path: mooncake.jsonl}, warmup: 0s}\n" + extra);
        return scenario;
    }

    private JsonNode run(Path scenario) throws IOException {
        Path out = tmp.resolve("out");
        CliTest.Outcome o = llmload("run", scenario.toString(), "--out", out.toString(), "--quiet");
        assertThat(o.code()).as(o.all()).isZero();
        return new ObjectMapper().readTree(out.resolve("report.json").toFile());
    }

    @Test
    void recordsAreSentAtTheirTimesAndShareExactlyTheBlocksTheirHashIdsShare() throws Exception {
        Vertx vertx = Vertx.vertx();
        Map<Integer, Arrival> seen = new ConcurrentHashMap<>();
        JsonNode r;
        try (ScriptedServer server = ScriptedServer.startWithBody(vertx, (req, body, n) -> {
            JsonObject json = body.toJsonObject();
            String prompt = json.getJsonArray("messages").getJsonObject(0).getString("content");
            seen.put(json.getInteger("max_tokens") - 100, new Arrival(System.nanoTime(), CL100K.encodeOrdinary(prompt).toArray()));
            ScriptedServer.writeSpaced(vertx, ScriptedServer.sse(req), 1, ScriptedServer.ROLE, ScriptedServer.content("ok"),
                    ScriptedServer.usage(1, 1), ScriptedServer.DONE);
        })) {
            r = run(scenario(server.baseUrl(), ""));
        } finally {
            vertx.close();
        }
        assertThat(seen).hasSize(TIMES.length);
        assertThat(r.at("/summary/requests/total").asLong()).isEqualTo(TIMES.length);
        assertThat(r.at("/run/load/trace/span_s").asDouble()).isEqualTo(0.9);
        for (int i = 0; i < TIMES.length; i++) {
            assertThat(seen.get(i).tokens()).as("record " + i + "'s prompt length").hasSize(LENGTHS[i]);
        }
        // shared leading ids: those blocks are the same tokens; the next block is not
        assertShared(seen, 1, 0, 2 * BLOCK);
        assertShared(seen, 2, 0, BLOCK);
        assertShared(seen, 5, 1, 2 * BLOCK);
        assertShared(seen, 7, 6, 2 * BLOCK);
        assertShared(seen, 4, 0, 0);
        assertThat(seen.get(3).tokens()).as("the same ids and length: the same prompt").isEqualTo(seen.get(0).tokens());
        // the replay keeps the recorded spacing: each arrival minus its recorded offset is about the same
        // (a cold JVM's first request may be late; timer and machine jitter allowed)
        long[] skew = new long[TIMES.length];
        for (int i = 0; i < TIMES.length; i++) {
            skew[i] = seen.get(i).nanos() - TIMES[i] * 1_000_000;
        }
        long median = Arrays.stream(skew).sorted().toArray()[TIMES.length / 2];
        for (int i = 1; i < TIMES.length; i++) {
            assertThat(Math.abs(skew[i] - median)).as("record " + i + " against its recorded spacing, ns").isLessThan(60_000_000L);
        }
    }

    private static void assertShared(Map<Integer, Arrival> seen, int a, int b, int tokens) {
        int[] x = seen.get(a).tokens();
        int[] y = seen.get(b).tokens();
        assertThat(Arrays.copyOf(x, tokens)).as("records %d and %d: their first %d tokens", a, b, tokens).isEqualTo(Arrays.copyOf(y, tokens));
        assertThat(Arrays.copyOfRange(x, tokens, tokens + 16)).as("records %d and %d: the 16 tokens after the shared blocks", a, b)
                .isNotEqualTo(Arrays.copyOfRange(y, tokens, tokens + 16));
    }

    @Test
    void theMocksPrefixCacheHitsWhatTheHashIdsPredict() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            MockConfig config = new MockConfig("127.0.0.1", 0, 1, DistSpec.fixed(1e6), DistSpec.fixed(1e6), DistSpec.fixed(2), 1, null);
            MockServer mock = MockServer.start(vertx, config).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            JsonNode r = run(scenario(mock.baseUrl(), ""));
            assertThat(r.at("/summary/requests/succeeded").asLong()).isEqualTo(TIMES.length);
            String text = WebClient.create(vertx).request(HttpMethod.GET, mock.port(), "127.0.0.1", "/metrics").send()
                    .map(x -> x.bodyAsString()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            Exposition e = ExpositionParser.parse(text);
            // Per record, in trace order, the tokens an earlier record shares with it, whole 16-token cache blocks:
            // 0, 1024 (ids 0,1 of record 0), 512, 1088 (all of record 0: 1100 floored), 0, 1024, 0, 1024.
            assertThat(PrometheusText.value(e, "vllm:prefix_cache_queries_total", VLLM)).isEqualTo(Arrays.stream(LENGTHS).sum());
            assertThat(PrometheusText.value(e, "vllm:prefix_cache_hits_total", VLLM)).isEqualTo(1024 + 512 + 1088 + 1024 + 1024);
            mock.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close();
        }
    }
}
