package io.llmload.client;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 and an ephemeral port whose behaviour each test scripts: the
 * hostile or odd servers that the built-in mock does not imitate.
 */
public final class ScriptedServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private ScriptedServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a server; the handler gets each request with its 0-based sequence number. */
    public static ScriptedServer start(Vertx vertx, Handler2 handler) throws Exception {
        ScriptedServer[] holder = new ScriptedServer[1];
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
        server.requestHandler(req -> {
            if (!models(req)) {
                req.body().onSuccess(b -> handler.handle(req, holder[0].requests.getAndIncrement()));
            }
        });
        holder[0] = new ScriptedServer(server);
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return holder[0];
    }

    /** Starts a server whose handler also gets each request's body (read whole before the call). */
    public static ScriptedServer startWithBody(Vertx vertx, BodyHandler handler) throws Exception {
        ScriptedServer[] holder = new ScriptedServer[1];
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
        server.requestHandler(req -> {
            if (!models(req)) {
                req.body().onSuccess(b -> handler.handle(req, b, holder[0].requests.getAndIncrement()));
            }
        });
        holder[0] = new ScriptedServer(server);
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return holder[0];
    }

    /**
     * Answers {@code GET .../models} as a real OpenAI-compatible server does, apart from the
     * script: llmload opens its first connections with it before a run's clock starts.
     */
    private static boolean models(HttpServerRequest req) {
        if (req.method() != io.vertx.core.http.HttpMethod.GET || !req.path().endsWith("/models")) {
            return false;
        }
        req.response().putHeader("content-type", "application/json").end("{\"object\":\"list\",\"data\":[]}");
        return true;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/v1";
    }

    public int requestCount() {
        return requests.get();
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Handles one request. */
    @FunctionalInterface
    public interface Handler2 {
        void handle(HttpServerRequest request, int sequence);
    }

    /** Handles one request and its body. */
    @FunctionalInterface
    public interface BodyHandler {
        void handle(HttpServerRequest request, io.vertx.core.buffer.Buffer body, int sequence);
    }

    // ---- building blocks for scripts ----

    public static HttpServerResponse sse(HttpServerRequest req) {
        HttpServerResponse r = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
        r.writeHead();
        return r;
    }

    public static String content(String text) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}\n\n";
    }

    public static String usage(int prompt, int completion) {
        return "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion + "}}\n\n";
    }

    public static final String ROLE = "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n";
    public static final String DONE = "data: [DONE]\n\n";

    /** Writes the parts one after another, {@code gapMs} apart, then ends the response. */
    public static void writeSpaced(Vertx vertx, HttpServerResponse r, long gapMs, String... parts) {
        writeFrom(vertx, r, gapMs, parts, 0);
    }

    private static void writeFrom(Vertx vertx, HttpServerResponse r, long gapMs, String[] parts, int i) {
        if (r.closed()) {
            return;
        }
        if (i == parts.length) {
            r.end();
            return;
        }
        r.write(parts[i]);
        vertx.setTimer(Math.max(1, gapMs), id -> writeFrom(vertx, r, gapMs, parts, i + 1));
    }

    static Handler<Void> noop() {
        return v -> { };
    }
}
