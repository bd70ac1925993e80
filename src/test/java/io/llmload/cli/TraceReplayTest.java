package io.llmload.cli;

import static io.llmload.cli.CliTest.llmload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.llmload.client.ScriptedServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Trace replay end to end: the real CLI entry against a scripted server that notes when each
 * request arrives and what it carries, so the replay is checked against the trace from the
 * server's side; file:line errors; and a trace far larger than the heap, replayed in a JVM of its own.
 */
@Isolated("it checks send times against a trace's recorded times: nothing else may run beside it")
class TraceReplayTest {
    private static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    @TempDir
    Path tmp;

    /** A request as the server saw it: when it arrived (nanoTime) and its body. */
    private record Arrival(long nanos, JsonObject body) {
    }

    static void answer(Vertx vertx, io.vertx.core.http.HttpServerRequest req) {
        ScriptedServer.writeSpaced(vertx, ScriptedServer.sse(req), 1, ScriptedServer.ROLE, ScriptedServer.content("ok"),
                ScriptedServer.usage(1, 1), ScriptedServer.DONE);
    }

    private JsonNode run(Path scenario) throws IOException {
        Path out = tmp.resolve("out-" + System.nanoTime());
        CliTest.Outcome o = llmload("run", scenario.toString(), "--out", out.toString(), "--quiet");
        assertThat(o.code()).as(o.all()).isZero();
        return new ObjectMapper().readTree(out.resolve("report.json").toFile());
    }

    @Test
    void fiftyRecordsAreSentAtTheirRecordedTimesWithTheirLengths() throws Exception {
        // 50 records 10-80 ms apart (seeded), from an arbitrary origin; the first 5 fall in the warmup.
        Random random = new Random(3);
        StringBuilder trace = new StringBuilder();
        double[] at = new double[50];
        int[] input = new int[50];
        double t = 1_700_000_000_000.0;
        for (int i = 0; i < 50; i++) {
            at[i] = t;
            input[i] = 20 + random.nextInt(280);
            trace.append(String.format(java.util.Locale.ROOT, "{\"timestamp_ms\": %.1f, \"input_tokens\": %d, \"output_tokens\": %d, \"request_id\": \"r%d\"}%n",
                    t, input[i], 1000 + i, i));
            t += 10 + random.nextInt(71);
        }
        Files.writeString(tmp.resolve("trace.jsonl"), trace);
        double warmupMs = at[5] - at[0] - 1;
        Vertx vertx = Vertx.vertx();
        Map<Integer, Arrival> arrivals = new ConcurrentHashMap<>();
        JsonNode r;
        try (ScriptedServer server = ScriptedServer.startWithBody(vertx, (req, body, n) -> {
            JsonObject json = body.toJsonObject();
            arrivals.put(json.getInteger("max_tokens") - 1000, new Arrival(System.nanoTime(), json));
            answer(vertx, req);
        })) {
            Path scenario = tmp.resolve("trace.yaml");
            Files.writeString(scenario, "name: replay\ntarget: {url: \"" + server.baseUrl() + "\", model: m}\n"
                    + "load: {trace: {path: trace.jsonl}, warmup: " + (long) warmupMs + "ms}\n");
            r = run(scenario);
        } finally {
            vertx.close();
        }
        assertThat(arrivals).as("every record sent once, with its own max_tokens").hasSize(50);
        assertThat(r.at("/summary/requests/total").asLong()).as("the warmup's five are not measured").isEqualTo(45);
        assertThat(r.at("/run/stop_reason").asText()).isEqualTo("trace_end");
        assertThat(r.at("/run/load/model").asText()).isEqualTo("trace");
        assertThat(r.at("/run/load/trace/records").asLong()).isEqualTo(50);
        for (int i = 0; i < 50; i++) {
            String prompt = arrivals.get(i).body().getJsonArray("messages").getJsonObject(0).getString("content");
            assertThat(CL100K.countTokensOrdinary(prompt)).as("record " + i + "'s prompt length").isEqualTo(input[i]);
        }
        // Each measured record's arrival minus its recorded offset: the same for all, up to timer and network jitter.
        List<Long> skew = new ArrayList<>();
        for (int i = 5; i < 50; i++) {
            skew.add(arrivals.get(i).nanos() - Math.round((at[i] - at[0]) * 1e6));
        }
        List<Long> sorted = skew.stream().sorted().toList();
        long median = sorted.get(sorted.size() / 2);
        long within20ms = skew.stream().filter(s -> Math.abs(s - median) <= 20_000_000).count();
        assertThat(within20ms).as("arrivals within 20 ms of their recorded spacing").isGreaterThanOrEqualTo(40);
        assertThat(skew).allSatisfy(s -> assertThat(Math.abs(s - median)).isLessThan(200_000_000L));
        assertThat(r.at("/summary/latency_ms/schedule_lag/p50").asDouble()).isLessThan(20.0);
    }

    @Test
    void timeScaleStretchesTheTraceAndRecordsCarryTheirOwnRequests() throws Exception {
        // The first record is the warmup's (a fresh JVM's first requests are slow); then one of each kind, 400 ms apart.
        Files.writeString(tmp.resolve("t.jsonl"), """
                {"timestamp_ms": 0, "input_tokens": 5}
                {"timestamp_ms": 2000, "messages": [{"role": "user", "content": "recorded question"}], "max_tokens": 7}
                {"timestamp_ms": 2400}
                {"timestamp": 2800, "input_length": 40, "output_length": 9}
                {"timestamp_ms": 3200, "messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "last"}]}
                """);
        Vertx vertx = Vertx.vertx();
        List<Arrival> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        JsonNode r;
        try (ScriptedServer server = ScriptedServer.startWithBody(vertx, (req, body, n) -> {
            seen.add(new Arrival(System.nanoTime(), body.toJsonObject()));
            answer(vertx, req);
        })) {
            Path scenario = tmp.resolve("t.yaml");
            Files.writeString(scenario, "name: kinds\ntarget: {url: \"" + server.baseUrl() + "\", model: m}\n"
                    + "request: {max_tokens: 50}\nworkload: {messages: [{role: user, content: from the workload}]}\n"
                    + "load: {trace: {path: t.jsonl, time_scale: 0.25}, warmup: 400ms}\n");
            r = run(scenario);
        } finally {
            vertx.close();
        }
        assertThat(seen).hasSize(5);
        assertThat(r.at("/summary/requests/total").asLong()).isEqualTo(4);
        // the requests as the trace has them (arrival order may differ by a little at the start)
        Arrival recorded = only(seen, b -> "recorded question".equals(firstContent(b)));
        Arrival fromWorkload = only(seen, b -> "from the workload".equals(firstContent(b)));
        Arrival lengths = only(seen, b -> b.getInteger("max_tokens") == 9);
        Arrival last = only(seen, b -> b.getJsonArray("messages").size() == 2);
        assertThat(recorded.body().getInteger("max_tokens")).isEqualTo(7);
        assertThat(fromWorkload.body().getInteger("max_tokens")).isEqualTo(50);
        assertThat(CL100K.countTokensOrdinary(firstContent(lengths.body()))).isEqualTo(40);
        assertThat(last.body().getInteger("max_tokens")).isEqualTo(50);
        // 3.2 s of trace at a quarter of the time: sends are never early, so the run lasts at least 0.8 s
        assertThat(r.at("/run/duration_s").asDouble()).isBetween(0.8, 2.4);
        assertThat(last.nanos() - recorded.nanos()).as("sent in the trace's order").isPositive();
        assertThat(r.at("/run/load/trace/span_s").asDouble()).isEqualTo(0.8);
        assertThat(r.at("/run/load/trace/time_scale").asDouble()).isEqualTo(0.25);
    }

    private static String firstContent(JsonObject body) {
        return body.getJsonArray("messages").getJsonObject(0).getString("content");
    }

    private static Arrival only(List<Arrival> seen, java.util.function.Predicate<JsonObject> which) {
        List<Arrival> found = seen.stream().filter(a -> which.test(a.body())).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void badRecordsAreReportedAtTheirLineAndNothingIsSent() throws IOException {
        Path trace = tmp.resolve("bad.jsonl");
        Files.writeString(trace, """
                {"timestamp_ms": 0, "input_tokens": 10}
                {"timestamp_ms": 50}
                {"timestamp_ms": 20}
                {"timestamp_ms": 60, "input_tokens": "many"}
                """);
        Path scenario = tmp.resolve("bad.yaml");
        Files.writeString(scenario, "name: bad\ntarget: {url: embedded, model: m}\nload: {trace: {path: bad.jsonl}}\n");
        for (String command : new String[] {"run", "validate"}) {
            CliTest.Outcome o = command.equals("run") ? llmload("run", scenario.toString(), "--out", tmp.resolve("never").toString())
                    : llmload("validate", scenario.toString());
            assertThat(o.code()).as(o.all()).isEqualTo(ExitCodes.USAGE);
            assertThat(o.err()).contains(trace + ":3:1: load.trace: its time 20 ms is earlier than the record before (50 ms)")
                    .contains(trace + ":4:1: load.trace: input_tokens: expected an integer >= 1, got \"many\"")
                    .doesNotContain("Exception");
        }
        assertThat(tmp.resolve("never")).doesNotExist();
    }
}
