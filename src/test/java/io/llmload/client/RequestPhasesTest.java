package io.llmload.client;

import static io.llmload.client.ScriptedServer.DONE;
import static io.llmload.client.ScriptedServer.content;
import static io.llmload.client.ScriptedServer.sse;
import static io.llmload.client.ScriptedServer.usage;
import static io.llmload.client.ScriptedServer.writeSpaced;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where a request's time goes before its answer, on real sockets: a request that opens a
 * connection is timed as {@code connect}, one that waits for the busy connection of a full pool
 * as a pool wait, and the server's delay before its response headers as {@code headers} — none
 * of it mistaken for the other.
 */
@ExtendWith(VertxExtension.class)
class RequestPhasesTest {
    private static final long HEADERS_DELAY_MS = 500; // well above a cold JVM's first loopback connect (153 ms once in a parallel suite)
    private static final Buffer BODY = ChatRequestBody.encode(ChatRequestBody.fields("m", List.of(Map.of("role", "user", "content", "hi")),
            null, true, Map.of()));

    @Test
    void aFullPoolsWaitTheOpeningOfAConnectionAndTheServersDelayAreTimedApart(Vertx vertx) throws Exception {
        // The server holds each request's headers back, then streams two tokens.
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> vertx.setTimer(HEADERS_DELAY_MS, t ->
                writeSpaced(vertx, sse(req), 5, content("a"), content("b"), usage(3, 2), DONE)))) {
            ClientConfig config = ExchangeTest.config(server.baseUrl(), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30));
            assertThat(config.poolSize()).as("one connection for two requests").isEqualTo(1);
            CompletableFuture<List<RequestOutcome>> done = new CompletableFuture<>();
            Context ctx = vertx.getOrCreateContext();
            ctx.runOnContext(v -> {
                ChatClient client = new ChatClient(vertx, config);
                long start = System.nanoTime();
                Future<RequestOutcome> first = client.newExchange().start(BODY, true, start);
                Future<RequestOutcome> second = client.newExchange().start(BODY, true, start);
                Future.all(first, second).onComplete(ar -> {
                    client.close();
                    done.complete(List.of(first.result(), second.result()));
                });
            });
            List<RequestOutcome> outcomes = done.get(20, TimeUnit.SECONDS);
            RequestOutcome opened = outcomes.get(0);
            RequestOutcome waited = outcomes.get(1);
            assertThat(opened.succeeded()).isTrue();
            assertThat(waited.succeeded()).isTrue();

            assertThat(opened.phases().newConnection()).as("the first request opened the connection").isTrue();
            assertThat(opened.phases().connectionNanos()).as("a loopback connect").isBetween(0L, ms(HEADERS_DELAY_MS));
            assertThat(opened.phases().headersNanos()).as("the server's delay is the headers phase")
                    .isBetween(ms(HEADERS_DELAY_MS - 5), ms(5_000));

            assertThat(waited.phases().newConnection()).as("the second reused it").isFalse();
            assertThat(waited.phases().connectionNanos()).as("it waited in the pool, at least through the server's delay")
                    .isGreaterThanOrEqualTo(ms(HEADERS_DELAY_MS));
            assertThat(waited.sendNanos()).as("it got the connection when the first exchange had ended")
                    .isGreaterThanOrEqualTo(opened.endNanos() - ms(5));
            assertThat(waited.phases().headersNanos()).isBetween(ms(HEADERS_DELAY_MS - 5), ms(5_000));
            // The pool wait shows up in schedule lag too (the request was sent only then), never in the server's phases.
            assertThat(waited.scheduleLagNanos()).isGreaterThanOrEqualTo(waited.phases().connectionNanos());
        }
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
