package io.llmload.client;

import static io.llmload.client.ScriptedServer.DONE;
import static io.llmload.client.ScriptedServer.ROLE;
import static io.llmload.client.ScriptedServer.content;
import static io.llmload.client.ScriptedServer.sse;
import static io.llmload.client.ScriptedServer.usage;
import static io.llmload.client.ScriptedServer.writeSpaced;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One request at a time through {@link ChatClient} and {@link Exchange}, against scripted servers on real sockets. */
@ExtendWith(VertxExtension.class)
class ExchangeTest {
    private static final Buffer BODY = ChatRequestBody.encode(ChatRequestBody.fields("m", List.of(Map.of("role", "user", "content", "hi")),
            null, true, Map.of()));

    record Result(RequestOutcome outcome, List<Integer> itlMicros) {
    }

    static ClientConfig config(String baseUrl, Duration firstToken, Duration idle, Duration total) {
        return new ClientConfig(Endpoint.fromBaseUrl(baseUrl), Map.of("Authorization", "Bearer sk-test-123456"), false, true, 1,
                Duration.ofSeconds(2), firstToken, idle, total, 1 << 20, 1 << 16, new Redactor(List.of("sk-test-123456")));
    }

    static Result send(Vertx vertx, ClientConfig config, boolean stream) throws Exception {
        CompletableFuture<Result> done = new CompletableFuture<>();
        Context ctx = vertx.getOrCreateContext();
        ctx.runOnContext(v -> {
            ChatClient client = new ChatClient(vertx, config);
            Exchange ex = client.newExchange();
            TimeoutWatchdog watchdog = new TimeoutWatchdog(vertx, List.of(ex), config.firstTokenTimeout(), config.idleTimeout(),
                    config.totalTimeout());
            watchdog.start();
            ex.start(BODY, stream, System.nanoTime()).onComplete(ar -> {
                watchdog.stop();
                List<Integer> gaps = new ArrayList<>();
                for (int i = 0; i < ex.itl().size(); i++) {
                    gaps.add(ex.itl().micros(i));
                }
                client.close();
                done.complete(new Result(ar.result(), gaps));
            });
        });
        return done.get(20, TimeUnit.SECONDS);
    }

    static Result send(Vertx vertx, String baseUrl) throws Exception {
        return send(vertx, config(baseUrl, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(15)), true);
    }

    @Test
    void roleOnlyFirstChunkDoesNotCountAsFirstToken(Vertx vertx) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) ->
                writeSpaced(vertx, sse(req), 120, ROLE, content("Hel"), content("lo"), usage(5, 2), DONE))) {
            Result r = send(vertx, server.baseUrl());
            assertThat(r.outcome().succeeded()).isTrue();
            // The role chunk arrives at once; the first content 120 ms later is the first token.
            assertThat(r.outcome().ttftNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(110).toNanos());
            assertThat(r.outcome().outputTokens()).isEqualTo(2);
            assertThat(r.outcome().outputSource()).isEqualTo(TokenSource.USAGE);
            assertThat(r.outcome().inputTokens()).isEqualTo(5);
            assertThat(r.itlMicros()).hasSize(1);
            assertThat(r.itlMicros().get(0)).isBetween(100_000, 400_000);
        }
    }

    @Test
    void reasoningAndToolCallDeltasCountAsTokens(Vertx vertx) throws Exception {
        String reasoning = "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"hmm\"}}]}\n\n";
        String tool = "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{}\"}}]}}]}\n\n";
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) ->
                writeSpaced(vertx, sse(req), 20, ROLE, reasoning, tool, content("x"), DONE))) {
            Result r = send(vertx, server.baseUrl());
            assertThat(r.outcome().succeeded()).isTrue();
            assertThat(r.outcome().contentChunks()).isEqualTo(3);
            // no usage: the reasoning, the answer text and the tool call's arguments, each counted with the tokenizer
            var cl100k = Tokenizers.encoding(Tokenizers.DEFAULT);
            assertThat(r.outcome().outputTokens()).as("no usage: counted with the tokenizer")
                    .isEqualTo(cl100k.countTokensOrdinary("hmm") + cl100k.countTokensOrdinary("x") + cl100k.countTokensOrdinary("{}"));
            assertThat(r.outcome().outputSource()).isEqualTo(TokenSource.TOKENIZER);
            assertThat(r.outcome().toolCalls()).isEqualTo(1);
            assertThat(r.itlMicros()).hasSize(2);
        }
    }

    @Test
    void eventsSplitAcrossWritesAndPackedIntoOne(Vertx vertx) throws Exception {
        String all = ROLE + content("a") + content("b") + content("c") + usage(3, 3) + DONE;
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) ->
                writeSpaced(vertx, sse(req), 15, all.substring(0, 7), all.substring(7, 95), all.substring(95, 96), all.substring(96)))) {
            Result r = send(vertx, server.baseUrl());
            assertThat(r.outcome().succeeded()).isTrue();
            assertThat(r.outcome().contentChunks()).isEqualTo(3);
            assertThat(r.outcome().outputTokens()).isEqualTo(3);
        }
    }

    @Test
    void missingDone(Vertx vertx) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> writeSpaced(vertx, sse(req), 5, content("a"), content("b")))) {
            Result r = send(vertx, server.baseUrl());
            assertThat(r.outcome().errorKind()).isEqualTo(ErrorKind.MISSING_DONE);
            assertThat(r.outcome().errorMessage()).contains("2 content chunks");
        }
    }

    @Test
    void malformedChunk(Vertx vertx) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) ->
                writeSpaced(vertx, sse(req), 5, content("a"), "data: {\"choices\": [oops\n\n", DONE))) {
            Result r = send(vertx, server.baseUrl());
            assertThat(r.outcome().errorKind()).isEqualTo(ErrorKind.MALFORMED_STREAM);
            assertThat(r.outcome().errorMessage()).contains("[oops");
        }
    }

    @Test
    void errorObjectInTheStream(Vertx vertx) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) ->
                writeSpaced(vertx, sse(req), 5, content("a"), "data: {\"error\":{\"message\":\"overloaded\",\"code\":503}}\n\n", DONE))) {
            Result r = send(vertx, server.baseUrl());
            assertThat(r.outcome().errorKind()).isEqualTo(ErrorKind.STREAM_ERROR);
            assertThat(r.outcome().errorMessage()).contains("overloaded");
        }
    }

    @Test
    void httpErrorKeepsTheRetryAfterAndBodyButNeverTheKey(Vertx vertx) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> req.response().setStatusCode(429)
                .putHeader("retry-after", "3").end("{\"error\":{\"message\":\"rate limited for " + req.getHeader("authorization") + "\"}}"))) {
            Result r = send(vertx, server.baseUrl());
            assertThat(r.outcome().errorKind()).isEqualTo("http_429");
            assertThat(r.outcome().errorMessage()).contains("HTTP 429 (Retry-After: 3)").contains("rate limited")
                    .doesNotContain("sk-test-123456").contains("Bearer ***");
        }
    }

    @Test
    void connectionClosedMidStreamIsAReset(Vertx vertx) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> {
            var r = sse(req);
            r.write(content("a"));
            vertx.setTimer(30, id -> req.connection().close());
        })) {
            Result r = send(vertx, server.baseUrl());
            assertThat(r.outcome().errorKind()).isEqualTo(ErrorKind.RESET);
        }
    }

    @Test
    void connectionRefusedNamesTheAddress(Vertx vertx) throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Result r = send(vertx, "http://127.0.0.1:" + port + "/v1");
        assertThat(r.outcome().errorKind()).isEqualTo(ErrorKind.CONNECT_REFUSED);
        assertThat(r.outcome().errorMessage()).isEqualTo("connection refused: 127.0.0.1:" + port);
    }

    @Test
    void firstTokenTimeout(Vertx vertx) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> sse(req).write(ROLE))) {
            long t0 = System.nanoTime();
            Result r = send(vertx, config(server.baseUrl(), Duration.ofMillis(300), Duration.ofSeconds(10), Duration.ofSeconds(10)), true);
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.outcome().errorKind()).isEqualTo(ErrorKind.TIMEOUT_FIRST_TOKEN);
            assertThat(tookMs).isBetween(290L, 3000L);
        }
    }

    @Test
    void idleTimeoutBetweenChunks(Vertx vertx) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> sse(req).write(content("a")))) {
            Result r = send(vertx, config(server.baseUrl(), Duration.ofSeconds(10), Duration.ofMillis(300), Duration.ofSeconds(10)), true);
            assertThat(r.outcome().errorKind()).isEqualTo(ErrorKind.TIMEOUT_IDLE);
        }
    }

    @Test
    void totalTimeoutWhileTokensKeepTrickling(Vertx vertx) throws Exception {
        String[] many = new String[200];
        java.util.Arrays.fill(many, content("t"));
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> writeSpaced(vertx, sse(req), 20, many))) {
            Result r = send(vertx, config(server.baseUrl(), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMillis(400)), true);
            assertThat(r.outcome().errorKind()).isEqualTo(ErrorKind.TIMEOUT_TOTAL);
        }
    }

    @Test
    void jsonAnswerToAStreamingRequestIsReadWhole(Vertx vertx) throws Exception {
        String seed = Files.readString(Path.of(getClass().getResource("/seed/aimlapi-response.json").toURI()));
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) ->
                req.response().putHeader("content-type", "application/json").end(seed))) {
            Result r = send(vertx, server.baseUrl());
            assertThat(r.outcome().succeeded()).isTrue();
            assertThat(r.outcome().outputTokens()).isEqualTo(78);
            assertThat(r.outcome().outputSource()).isEqualTo(TokenSource.USAGE);
            // Measured as the non-streaming answer it is: no first token, so no TTFT equal to the E2E.
            assertThat(r.outcome().unstreamed()).isTrue();
            assertThat(r.outcome().firstTokenNanos()).isZero();
            assertThat(r.outcome().e2eNanos()).isPositive();
        }
    }

    @Test
    void aRealStreamIsNotCountedAsUnstreamed(Vertx vertx) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> writeSpaced(vertx, sse(req), 5, content("a"), DONE))) {
            Result r = send(vertx, server.baseUrl());
            assertThat(r.outcome().unstreamed()).isFalse();
            assertThat(r.outcome().firstTokenNanos()).isPositive();
        }
    }

    static byte[] gzip(String text) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    static ClientConfig withHeader(ClientConfig c, String name, String value) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(c.headers());
        headers.put(name, value);
        return new ClientConfig(c.endpoint(), headers, c.http2(), c.tlsVerify(), c.poolSize(), c.connectTimeout(), c.firstTokenTimeout(),
                c.idleTimeout(), c.totalTimeout(), c.maxResponseBytes(), c.maxEventBytes(), c.redactor());
    }

    @Test
    void aCompressedAnswerTheRequestDidNotAskForIsAnUnexpectedEncoding(Vertx vertx) throws Exception {
        byte[] stream = gzip(content("Hel") + content("lo") + usage(1, 2) + DONE);
        byte[] whole = gzip(Files.readString(Path.of(getClass().getResource("/seed/aimlapi-response.json").toURI())));
        List<String> acceptEncodings = new ArrayList<>();
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> {
            acceptEncodings.add(String.valueOf(req.getHeader("accept-encoding")));
            boolean sse = i == 0;
            req.response().putHeader("content-type", sse ? "text/event-stream" : "application/json").putHeader("content-encoding", "gzip")
                    .end(Buffer.buffer(sse ? stream : whole));
        })) {
            ClientConfig config = config(server.baseUrl(), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
            Result streamed = send(vertx, config, true);
            Result nonStreaming = send(vertx, config, false);
            for (Result r : List.of(streamed, nonStreaming)) {
                // Read as text these bytes were a stream without [DONE] (missing_done) or a body that is not JSON (malformed_body).
                assertThat(r.outcome().errorKind()).isEqualTo(ErrorKind.UNEXPECTED_ENCODING);
                assertThat(r.outcome().errorMessage()).isEqualTo("the server compressed its answer (Content-Encoding: gzip) although the "
                        + "request did not ask for it (no Accept-Encoding); add Accept-Encoding: gzip to target.headers to have it decoded");
            }
            assertThat(acceptEncodings).containsExactly("null", "null");
        }
    }

    @Test
    void anEncodingTheRequestListedIsDecodedAndOneItDidNotListIsNamed(Vertx vertx) throws Exception {
        byte[] stream = gzip(content("Hel") + content("lo") + usage(1, 2) + DONE);
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> {
            HttpServerResponse r = req.response().putHeader("content-type", "text/event-stream");
            if (i == 0) {
                r.putHeader("content-encoding", "gzip").end(Buffer.buffer(stream));
            } else {
                r.putHeader("content-encoding", "compress").end("\u001f\u009d...");
            }
        })) {
            ClientConfig config = withHeader(config(server.baseUrl(), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)),
                    "Accept-Encoding", "gzip");
            Result decoded = send(vertx, config, true);
            assertThat(decoded.outcome().succeeded()).as(decoded.outcome().errorMessage()).isTrue();
            assertThat(decoded.outcome().outputTokens()).isEqualTo(2);
            assertThat(decoded.outcome().contentChunks()).isEqualTo(2);
            Result foreign = send(vertx, config, true);
            assertThat(foreign.outcome().errorKind()).isEqualTo(ErrorKind.UNEXPECTED_ENCODING);
            assertThat(foreign.outcome().errorMessage()).isEqualTo("the server compressed its answer with Content-Encoding: compress, "
                    + "which the request did not ask for (Accept-Encoding: gzip)");
        }
    }

    @Test
    void nonStreamingSeedShapeReadWhole(Vertx vertx) throws Exception {
        String seed = Files.readString(Path.of(getClass().getResource("/seed/aimlapi-response.json").toURI()));
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> {
            vertx.setTimer(80, id -> req.response().putHeader("content-type", "application/json").end(seed));
        })) {
            Result r = send(vertx, config(server.baseUrl(), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)), false);
            assertThat(r.outcome().succeeded()).isTrue();
            assertThat(r.outcome().outputTokens()).isEqualTo(78);
            assertThat(r.outcome().inputTokens()).isEqualTo(11);
            assertThat(r.outcome().outputSource()).isEqualTo(TokenSource.USAGE);
            assertThat(r.outcome().ttftNanos()).isEqualTo(r.outcome().e2eNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(75).toNanos());
            assertThat(r.outcome().finishReason()).isEqualTo("stop");
        }
    }

    @Test
    void sendsModelMessagesStreamOptionsAndBearerKey(Vertx vertx) throws Exception {
        List<String> seen = new ArrayList<>();
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> {
            seen.add(req.method() + " " + req.uri() + " " + req.getHeader("authorization") + " " + req.getHeader("content-type"));
            writeSpaced(vertx, sse(req), 1, content("a"), DONE);
        })) {
            send(vertx, server.baseUrl());
            assertThat(seen).containsExactly("POST /v1/chat/completions Bearer sk-test-123456 application/json");
        }
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(json.readTree(BODY.toString())).isEqualTo(json.readTree(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true,\"stream_options\":{\"include_usage\":true}}"));
    }

    /**
     * A failure found in the middle of a read ends the request while the parser still holds the rest
     * of that read; the next request, started from the outcome's callback as drivers do, must not
     * see those leftover events.
     */
    @Test
    void eventsAfterAFailureInTheSameReadDoNotLeakIntoTheNextRequest(Vertx vertx) throws Exception {
        String poisoned = content("a") + "data: {broken\n\n" + content("x").repeat(5) + usage(9, 9) + DONE;
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> {
            if (i == 0) {
                sse(req).end(poisoned);
            } else {
                vertx.setTimer(50, id -> writeSpaced(vertx, sse(req), 5, content("b"), usage(1, 1), DONE));
            }
        })) {
            ClientConfig config = config(server.baseUrl(), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
            CompletableFuture<List<RequestOutcome>> done = new CompletableFuture<>();
            vertx.getOrCreateContext().runOnContext(v -> {
                ChatClient client = new ChatClient(vertx, config);
                Exchange ex = client.newExchange();
                ex.start(BODY, true, System.nanoTime()).onSuccess(first -> {
                    ex.start(BODY, true, System.nanoTime()).onSuccess(second -> {
                        client.close();
                        done.complete(List.of(first, second));
                    });
                });
            });
            List<RequestOutcome> outcomes = done.get(20, TimeUnit.SECONDS);
            assertThat(outcomes.get(0).errorKind()).isEqualTo(ErrorKind.MALFORMED_STREAM);
            assertThat(outcomes.get(1).succeeded()).isTrue();
            assertThat(outcomes.get(1).contentChunks()).isEqualTo(1);
            assertThat(outcomes.get(1).outputTokens()).isEqualTo(1);
        }
    }

    @Test
    void anHtmlPageInsteadOfAStreamIsAnUnexpectedContentType(Vertx vertx) throws Exception {
        String page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) ->
                req.response().putHeader("content-type", "text/html").end(page))) {
            Result streamed = send(vertx, server.baseUrl());
            assertThat(streamed.outcome().errorKind()).isEqualTo(ErrorKind.UNEXPECTED_CONTENT_TYPE);
            assertThat(streamed.outcome().errorMessage()).isEqualTo("expected text/event-stream, got 'text/html': " + page);
            Result whole = send(vertx, config(server.baseUrl(), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)), false);
            assertThat(whole.outcome().errorKind()).isEqualTo(ErrorKind.UNEXPECTED_CONTENT_TYPE);
            assertThat(whole.outcome().errorMessage()).startsWith("expected application/json, got 'text/html': <html>");
        }
    }

    @Test
    void aMislabelledEventStreamIsStillRead(Vertx vertx) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> {
            var r = req.response().setChunked(true).putHeader("content-type", "text/plain");
            writeSpaced(vertx, r, 2, content("a"), content("b"), DONE);
        })) {
            Result r = send(vertx, server.baseUrl());
            assertThat(r.outcome().succeeded()).isTrue();
            assertThat(r.outcome().contentChunks()).isEqualTo(2);
        }
    }

    @Test
    void aRetriedRequestCountsFromItsFirstAttemptAndHonoursRetryAfter(Vertx vertx) throws Exception {
        String seed = Files.readString(Path.of(getClass().getResource("/seed/aimlapi-response.json").toURI()));
        for (boolean stream : new boolean[] {true, false}) {
            try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> {
                if (i == 0) {
                    req.response().setStatusCode(503).putHeader("retry-after", "1").end("{\"error\":\"busy\"}");
                } else if (stream) {
                    writeSpaced(vertx, sse(req), 5, content("a"), content("b"), usage(2, 2), DONE);
                } else {
                    req.response().putHeader("content-type", "application/json").end(seed);
                }
            })) {
                ClientConfig config = config(server.baseUrl(), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5))
                        .withRetry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofSeconds(5), List.of("http_503")));
                Result r = send(vertx, config, stream);
                assertThat(r.outcome().succeeded()).as(r.outcome().errorMessage()).isTrue();
                assertThat(r.outcome().retries()).containsExactly("http_503");
                assertThat(server.requestCount()).isEqualTo(2);
                // Latency from the first attempt: it includes the 1 s the server asked to wait.
                assertThat(r.outcome().ttftNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(1000).toNanos());
                assertThat(r.outcome().scheduleLagNanos()).isLessThan(Duration.ofMillis(500).toNanos());
            }
        }
    }

    @Test
    void aRequestCutOffWhileWaitingOutARetryAfterSaysSoAndKeepsItsRetries(Vertx vertx) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) ->
                req.response().setStatusCode(429).putHeader("retry-after", "30").end("{\"error\":\"slow down\"}"))) {
            ClientConfig config = config(server.baseUrl(), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5))
                    .withRetry(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(60), List.of("http_429")));
            CompletableFuture<RequestOutcome> done = new CompletableFuture<>();
            Context ctx = vertx.getOrCreateContext();
            Exchange[] exchange = new Exchange[1];
            ctx.runOnContext(v -> {
                ChatClient client = new ChatClient(vertx, config);
                exchange[0] = client.newExchange();
                exchange[0].start(BODY, true, System.nanoTime()).onComplete(ar -> {
                    client.close();
                    done.complete(ar.result());
                });
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.requestCount() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(100); // the 429 has arrived and the exchange waits out its 30 s
            ctx.runOnContext(v -> exchange[0].cancel(ErrorKind.CUT_OFF, "still running when the drain time ran out"));
            RequestOutcome o = done.get(10, TimeUnit.SECONDS);
            assertThat(o.errorKind()).isEqualTo(ErrorKind.CUT_OFF_RETRYING);
            assertThat(o.retries()).containsExactly("http_429");
            assertThat(o.httpStatus()).isEqualTo(429);
            assertThat(o.errorMessage()).startsWith("waiting ").contains("s more to retry after http_429 (Retry-After: 30), attempt 2 of at most 4");
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }
}
