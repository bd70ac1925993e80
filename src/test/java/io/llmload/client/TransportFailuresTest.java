package io.llmload.client;

import static io.llmload.client.ScriptedServer.DONE;
import static io.llmload.client.ScriptedServer.content;
import static io.llmload.client.ScriptedServer.sse;
import static io.llmload.client.ScriptedServer.usage;
import static io.llmload.client.ScriptedServer.writeSpaced;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The connect timeout, TLS handshake stalls and the response-size limit, on loopback sockets. */
@ExtendWith(VertxExtension.class)
class TransportFailuresTest {

    static ClientConfig config(String baseUrl, Duration connect, long maxResponseBytes) {
        return new ClientConfig(Endpoint.fromBaseUrl(baseUrl), Map.of(), false, true, 1, connect, Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(15), maxResponseBytes, ClientConfig.eventLimit(maxResponseBytes),
                Redactor.none());
    }

    /**
     * A listening socket whose accept queue is full: Linux then drops further SYNs, so a connect
     * neither succeeds nor is refused — exactly what an unreachable host looks like, on loopback.
     */
    @Test
    void connectTimeoutAgainstAFullAcceptQueue(Vertx vertx) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, loopback)) {
            for (int i = 0; i < 4; i++) {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress(loopback, full.getLocalPort()), 300);
                } catch (java.io.IOException e) {
                    // the queue is already full: this one hangs too, which is the point
                }
                fillers.add(s);
            }
            long t0 = System.nanoTime();
            ExchangeTest.Result r = ExchangeTest.send(vertx, config("http://127.0.0.1:" + full.getLocalPort() + "/v1",
                    Duration.ofMillis(500), 1 << 20), true);
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.outcome().errorKind()).isEqualTo(ErrorKind.TIMEOUT_CONNECT);
            assertThat(r.outcome().errorMessage()).startsWith("no connection to 127.0.0.1:" + full.getLocalPort() + " within the connect timeout");
            assertThat(tookMs).isBetween(450L, 5000L);
        } finally {
            for (Socket s : fillers) {
                s.close();
            }
        }
    }

    /** A server that accepts TCP but never answers the TLS handshake: the connect limit covers the handshake. */
    @Test
    void aStalledTlsHandshakeIsAConnectTimeout(Vertx vertx) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                List<Socket> held = new ArrayList<>();
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException closed) {
                    held.forEach(s -> {
                        try {
                            s.close();
                        } catch (java.io.IOException ignored) {
                            // closing anyway
                        }
                    });
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long t0 = System.nanoTime();
            ExchangeTest.Result r = ExchangeTest.send(vertx, config("https://127.0.0.1:" + silent.getLocalPort() + "/v1",
                    Duration.ofMillis(600), 1 << 20), true);
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.outcome().errorKind()).as(r.outcome().errorMessage()).isEqualTo(ErrorKind.TIMEOUT_CONNECT);
            assertThat(tookMs).isBetween(550L, 5000L);
        }
    }

    @Test
    void aNonStreamingBodyOverTheLimitFailsWithoutBeingKept(Vertx vertx) throws Exception {
        String big = "{\"choices\":[{\"message\":{\"content\":\"" + "x".repeat(300_000) + "\"}}]}";
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) ->
                req.response().putHeader("content-type", "application/json").end(big))) {
            ExchangeTest.Result whole = ExchangeTest.send(vertx, config(server.baseUrl(), Duration.ofSeconds(2), 100_000), false);
            assertThat(whole.outcome().errorKind()).isEqualTo(ErrorKind.RESPONSE_TOO_LARGE);
            ExchangeTest.Result streamed = ExchangeTest.send(vertx, config(server.baseUrl(), Duration.ofSeconds(2), 100_000), true);
            assertThat(streamed.outcome().errorKind()).as("a JSON answer to a streaming request").isEqualTo(ErrorKind.RESPONSE_TOO_LARGE);
            ExchangeTest.Result fits = ExchangeTest.send(vertx, config(server.baseUrl(), Duration.ofSeconds(2), 1 << 20), false);
            assertThat(fits.outcome().succeeded()).isTrue();
        }
    }

    @Test
    void aStreamOverTheLimitFails(Vertx vertx) throws Exception {
        String[] many = new String[400];
        java.util.Arrays.fill(many, content("y".repeat(500)));
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> writeSpaced(vertx, sse(req), 1, many))) {
            ExchangeTest.Result r = ExchangeTest.send(vertx, config(server.baseUrl(), Duration.ofSeconds(2), 64 * 1024), true);
            assertThat(r.outcome().errorKind()).isEqualTo(ErrorKind.RESPONSE_TOO_LARGE);
            assertThat(r.outcome().errorMessage()).isEqualTo("response exceeded 65536 bytes");
        }
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) ->
                writeSpaced(vertx, sse(req), 1, content("a"), usage(1, 1), DONE))) {
            assertThat(ExchangeTest.send(vertx, config(server.baseUrl(), Duration.ofSeconds(2), 64 * 1024), true).outcome().succeeded()).isTrue();
        }
    }
}
