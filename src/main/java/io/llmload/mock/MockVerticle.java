package io.llmload.mock;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One instance of the built-in OpenAI-compatible server: {@code POST .../chat/completions}
 * (streaming and not), {@code GET .../models}, {@code GET /health} and {@code GET /metrics}
 * (see {@link MockMetrics}). Tokens are written at
 * deadlines computed from the response's start ({@code start + ttft + i * itl}), so timer
 * lateness never accumulates across a response.
 *
 * <p>Thread contract: a verticle; everything runs on its event loop.
 */
final class MockVerticle extends VerticleBase {
    private static final AtomicLong IDS = new AtomicLong();

    private final MockConfig config;
    private final Random random;
    private final MockState state;
    private HttpServer server;

    MockVerticle(MockConfig config, int index, MockState state) {
        this.config = config;
        this.random = new Random(config.seed() * 31 + index);
        this.state = state;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.get("/health").handler(ctx -> ctx.response().end("ok"));
        router.get("/metrics").handler(ctx -> ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(state.metrics().scrape()));
        router.getWithRegex(".*/models").handler(ctx -> ctx.json(new JsonObject().put("object", "list")
                .put("data", new JsonArray().add(new JsonObject().put("id", "mock").put("object", "model")))));
        router.postWithRegex(".*/chat/completions").handler(BodyHandler.create().setBodyLimit(32L << 20));
        router.postWithRegex(".*/chat/completions").handler(this::chat);
        server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port())
                .setTcpNoDelay(true).setIdleTimeout(0));
        return server.requestHandler(router).listen();
    }

    int actualPort() {
        return server.actualPort();
    }

    private void chat(RoutingContext ctx) {
        if (config.requiredApiKey() != null) {
            String auth = ctx.request().getHeader("authorization");
            String given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : "";
            if (!config.requiredApiKey().equals(given)) {
                error(ctx, 401, "invalid_api_key", "Incorrect API key provided: " + given);
                return;
            }
        }
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        if (body == null) {
            error(ctx, 400, "invalid_request_error", "the request body is not a JSON object");
            return;
        }
        JsonArray messages = body.getValue("messages") instanceof JsonArray a ? a : null;
        if (!(body.getValue("model") instanceof String model) || messages == null || messages.isEmpty()) {
            error(ctx, 400, "invalid_request_error", "'model' and a non-empty 'messages' are required");
            return;
        }
        int maxTokens = intOr(body, "max_tokens", intOr(body, "max_completion_tokens", Integer.MAX_VALUE));
        int drawn = (int) Math.round(config.outputTokens().sample(random));
        int tokens = Math.max(1, Math.min(drawn, maxTokens));
        String finish = drawn > maxTokens ? "length" : "stop";
        long ttft = Math.round(config.ttftNanos().sample(random));
        long itl = Math.round(config.itlNanos().sample(random));
        boolean stream = Boolean.TRUE.equals(body.getValue("stream"));
        JsonObject streamOptions = body.getValue("stream_options") instanceof JsonObject o ? o : new JsonObject();
        boolean usage = Boolean.TRUE.equals(streamOptions.getValue("include_usage"));
        state.metrics().request(200);
        long arrival = System.nanoTime();
        HttpServerResponse response = ctx.response();
        Slot slot = new Slot();
        response.endHandler(v -> slot.end());
        response.closeHandler(v -> slot.end());
        state.scheduler().admit(context, () -> {
            if (!slot.admitted()) {
                return; // the client left while the request was queued
            }
            int[] prompt = PromptTokens.ids(messages);
            state.metrics().prompt(prompt.length, state.prefixCache().lookup(prompt, prompt.length));
            MockChunks chunks = new MockChunks("chatcmpl-" + IDS.incrementAndGet(), model, System.currentTimeMillis() / 1000);
            long start = System.nanoTime();
            if (stream) {
                new MockStream(vertx, response, chunks, start, ttft, itl, tokens, prompt.length, usage, finish, state.metrics(), arrival)
                        .begin();
            } else {
                long due = start + ttft + (tokens - 1) * itl;
                Buffer answer = chunks.whole(tokens, prompt.length, finish);
                MockStream.at(vertx, due, () -> {
                    if (!response.closed()) {
                        state.metrics().firstToken(start + ttft - arrival);
                        state.metrics().generated(tokens);
                        state.metrics().succeeded(finish);
                        response.putHeader("content-type", "application/json").end(answer);
                    }
                });
            }
        });
    }

    /**
     * One request's place under the batch limit: released exactly once, when its answer ends or
     * its client goes away, and only if it was admitted. Confined to this verticle's event loop.
     */
    private final class Slot {
        private boolean admitted;
        private boolean ended;

        /** Called when the scheduler admits the request; false if it ended while queued (the slot is passed on). */
        boolean admitted() {
            admitted = true;
            if (ended) {
                state.scheduler().release();
                return false;
            }
            return true;
        }

        void end() {
            if (ended) {
                return;
            }
            ended = true;
            if (admitted) {
                state.scheduler().release();
            }
        }
    }

    private static int intOr(JsonObject body, String key, int fallback) {
        return body.getValue(key) instanceof Number n ? n.intValue() : fallback;
    }

    private void error(RoutingContext ctx, int status, String type, String message) {
        state.metrics().request(status);
        HttpServerResponse r = ctx.response().setStatusCode(status).putHeader("content-type", "application/json");
        r.end(new JsonObject().put("error", new JsonObject().put("message", message).put("type", type)
                .putNull("param").put("code", type)).encode());
    }
}
