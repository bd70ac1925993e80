package io.llmload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.client.ScriptedServer;
import io.llmload.testkit.ForkedJvm;
import io.vertx.core.Vertx;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replayed trace is streamed, never held: apart from {@link TraceReplayTest}, whose timing checks run alone. */
class TraceStreamingCliTest {
    @TempDir
    Path tmp;

    /**
     * A trace of 170 MB — more than twice the heap limit of a forked JVM (80 MiB) — is checked and replayed
     * there, which could not happen if the file or its records were held in memory; the run ends
     * after its request budget, long before the trace does (the read-ahead's bound is
     * {@code TraceArrivalsTest}'s). The server runs here, so the forked JVM holds one tokenizer, not two.
     */
    @Test
    void aTraceFarLargerThanTheHeapIsStreamed() throws Exception {
        Path trace = tmp.resolve("big.jsonl");
        String filler = "lorem ipsum dolor sit amet ".repeat(1900);
        try (BufferedWriter w = Files.newBufferedWriter(trace, StandardCharsets.UTF_8)) {
            long written = 0;
            for (long i = 0; written < (170L << 20); i++) {
                String line = "{\"timestamp_ms\": " + i + ", \"messages\": [{\"role\": \"user\", \"content\": \"" + i + " " + filler + "\"}]}\n";
                w.write(line);
                written += line.length();
            }
        }
        Vertx vertx = Vertx.vertx();
        try (ScriptedServer server = ScriptedServer.startWithBody(vertx, (req, body, n) -> TraceReplayTest.answer(vertx, req))) {
            Path scenario = tmp.resolve("big.yaml");
            // The child's live set is about 38 MiB (a tokenizer, each driver's 4 MiB read-ahead, the bodies in flight):
            // 80 MiB leaves it room on a slow machine (64 MiB ran out once in a loaded CI run). Generous timeouts: a small heap collects often.
            Files.writeString(scenario, "name: big\ntarget: {url: \"" + server.baseUrl() + "\", model: m, timeouts: {connect: 60s}}\n"
                    + "load: {trace: {path: big.jsonl, time_scale: 40}, requests: 40}\nreport: {formats: [json]}\n");
            Path out = tmp.resolve("big-out");
            ForkedJvm.Outcome o = ForkedJvm.run(tmp, 80, 120, Main.class, "run", scenario.toString(), "--out", out.toString(), "--quiet");
            assertThat(o.ended()).as(o.output()).isTrue();
            assertThat(o.exitCode()).as(o.output()).isZero();
            JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile());
            assertThat(r.at("/summary/requests/succeeded").asLong()).as(r.at("/summary/requests").toString()).isEqualTo(40);
            assertThat(r.at("/run/stop_reason").asText()).isEqualTo("requests");
            assertThat(server.requestCount()).isBetween(40, 42);
        } finally {
            vertx.close();
        }
    }
}
