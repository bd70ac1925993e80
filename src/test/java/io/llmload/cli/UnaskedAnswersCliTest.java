package io.llmload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.client.ScriptedServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Answers the client did not ask for, through the command line: a whole JSON answer to a stream, a compressed body. */
@ExtendWith(VertxExtension.class)
class UnaskedAnswersCliTest {
    @TempDir
    Path tmp;

    private Path scenario(String url) throws Exception {
        Path file = tmp.resolve("s.yaml");
        Files.writeString(file, """
                name: unasked
                target: {url: "%s", model: m}
                request: {stream: true, max_tokens: 8}
                load: {concurrency: 2, requests: 10}
                """.formatted(url));
        return file;
    }

    private String seed() throws Exception {
        return Files.readString(Path.of(getClass().getResource("/seed/aimlapi-response.json").toURI()));
    }

    @Test
    void wholeJsonAnswersToAStreamAreMeasuredAsNonStreamingAndNotedOnce(Vertx vertx) throws Exception {
        String seed = seed();
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) ->
                vertx.setTimer(20, id -> req.response().putHeader("content-type", "application/json").end(seed)))) {
            Path out = tmp.resolve("whole");
            CliTest.Outcome o = CliTest.llmload("run", scenario(server.baseUrl()).toString(), "--out", out.toString(), "--format", "json");
            assertThat(o.code()).as(o.all()).isZero();
            String note = "10 of 10 succeeded streaming requests were answered with one JSON body (the server ignored stream: true): "
                    + "measured as non-streaming, in e2e and tokens but with no ttft, itl or tpot";
            assertThat(o.out()).contains("note        " + note);
            assertThat(o.out().split(java.util.regex.Pattern.quote(note), -1)).hasSize(2); // once
            JsonNode s = new ObjectMapper().readTree(out.resolve("report.json").toFile()).at("/summary");
            assertThat(s.at("/requests/unstreamed").asLong()).isEqualTo(10);
            assertThat(s.at("/requests/succeeded").asLong()).isEqualTo(10);
            assertThat(s.at("/latency_ms/ttft/count").asLong()).isZero();
            assertThat(s.at("/latency_ms/e2e/count").asLong()).isEqualTo(10);
            assertThat(s.at("/latency_ms/e2e/min").asDouble()).isGreaterThanOrEqualTo(15);
            assertThat(s.at("/tokens/output").asLong()).isEqualTo(10 * 78);
            assertThat(s.at("/tokens/output_source").asText()).isEqualTo("usage");
        }
    }

    @Test
    void aCompressedStreamNobodyAskedForIsItsOwnKindNotAMissingDone(Vertx vertx) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write((ScriptedServer.content("hi") + ScriptedServer.DONE).getBytes(StandardCharsets.UTF_8));
        }
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> req.response().putHeader("content-type", "text/event-stream")
                .putHeader("content-encoding", "gzip").end(Buffer.buffer(bytes.toByteArray())))) {
            Path out = tmp.resolve("gzip");
            CliTest.Outcome o = CliTest.llmload("run", scenario(server.baseUrl()).toString(), "--out", out.toString(), "--format", "json");
            assertThat(o.code()).as(o.all()).isEqualTo(3);
            assertThat(o.all()).contains("unexpected_encoding").contains("Content-Encoding: gzip").doesNotContain("missing_done");
            JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile()).at("/summary/requests");
            assertThat(r.at("/errors/unexpected_encoding").asLong()).as(r.toString()).isEqualTo(r.get("failed").asLong()).isPositive();
            assertThat(r.get("total").asLong()).isEqualTo(r.get("succeeded").asLong() + r.get("failed").asLong()
                    + r.get("incomplete").asLong() + r.get("cancelled").asLong());
        }
    }
}
