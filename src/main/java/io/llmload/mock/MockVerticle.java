package io.llmload.mock;

import io.llmload.scenario.MockFaults.Fault;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
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
 * lateness never accumulates across a response. Chat requests are numbered across all instances;
 * the configured faults pick theirs from that number ({@code MockFaults.pick}).
 *
 * <p>Thread contract: a verticle; everything runs on its event loop.
 */
final class MockVerticle extends VerticleBase {
    private static final AtomicLong IDS = new AtomicLong();

    private final MockConfig config;
    private final MockState state;
    private final BatchScheduler scheduler;
    private final Random random;
    private final AtomicLong sequence;
    private HttpServer server;

    /** {@code sequence} numbers chat requests across all instances; it alone decides which get a fault. */
    MockVerticle(MockConfig config, MockState state, int index, AtomicLong sequence) {
        this.config = config;
        this.state = state;
        this.scheduler = state.scheduler();
        this.random = new Random(config.seed() * 31 + index);
        this.sequence = sequence;
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
        Fault fault = config.faults().pick(config.seed(), sequence.getAndIncrement());
        if (fault != null) {
            state.metrics().injectedError(fault.kind().name().toLowerCase(java.util.Locale.ROOT));
            if (answerWithError(ctx, fault)) {
                return;
            }
        }
        state.metrics().request(200);
        long arrival = System.nanoTime();
        int maxTokens = intOr(body, "max_tokens", intOr(body, "max_completion_tokens", Integer.MAX_VALUE));
        int drawn = (int) Math.round(config.outputTokens().sample(random));
        // Like vLLM: ignore_eos writes up to max_tokens; min_tokens suppresses an earlier end.
        boolean ignoreEos = Boolean.TRUE.equals(body.getValue("ignore_eos")) && maxTokens != Integer.MAX_VALUE;
        if (ignoreEos) {
            drawn = maxTokens;
        }
        drawn = Math.max(drawn, intOr(body, "min_tokens", 0));
        long ttft = Math.round(config.ttftNanos().sample(random));
        long itl = Math.round(config.itlNanos().sample(random));
        // A reasoning phase comes first; like a real server, max_tokens caps reasoning and answer together.
        int reasoning = (int) Math.min(maxTokens, Math.round(config.reasoningTokens().sample(random)));
        int tokens = reasoning > 0 ? Math.min(drawn, maxTokens - reasoning) : Math.max(1, Math.min(drawn, maxTokens));
        String finish = drawn > tokens || ignoreEos ? "length" : "stop";
        int[] prompt = PromptTokens.ids(messages);
        int promptTokens = prompt.length;
        state.metrics().prompt(promptTokens, state.prefixCache().lookup(prompt, promptTokens));
        MockChunks chunks = new MockChunks("chatcmpl-" + IDS.incrementAndGet(), model, System.currentTimeMillis() / 1000);
        if (Boolean.TRUE.equals(body.getValue("stream"))) {
            JsonObject streamOptions = body.getValue("stream_options") instanceof JsonObject o ? o : new JsonObject();
            boolean usage = Boolean.TRUE.equals(streamOptions.getValue("include_usage"));
            new MockStream(vertx, context, ctx.request(), chunks, state, ttft, itl, reasoning, tokens, promptTokens, usage, finish, fault,
                    arrival).begin();
        } else {
            scheduler.admit(context, () -> {
                // The slot is freed when the answer is due, or earlier when the client goes away (it gave up).
                boolean[] released = {false};
                Runnable release = () -> {
                    if (!released[0]) {
                        released[0] = true;
                        scheduler.release();
                    }
                };
                if (ctx.response().closed()) {
                    release.run();
                    return;
                }
                ctx.response().closeHandler(v -> release.run());
                long due = System.nanoTime() + ttft + Math.round((reasoning + tokens - 1) * itl * scheduler.itlScale());
                MockStream.at(vertx, due, () -> {
                    release.run();
                    state.metrics().firstToken(due - arrival);
                    state.metrics().generated(reasoning + tokens);
                    state.metrics().succeeded(finish);
                });
                MockAnswer.send(vertx, ctx.request(), chunks, due, reasoning, tokens, promptTokens, finish, fault);
            });
        }
    }

    /** Answers at once for the faults that replace the whole answer; false for the others. */
    private boolean answerWithError(RoutingContext ctx, Fault fault) {
        switch (fault.kind()) {
            case HTTP_429 -> {
                ctx.response().putHeader("retry-after", Long.toString((fault.retryAfter().toMillis() + 999) / 1000));
                error(ctx, 429, "rate_limit_exceeded", "Rate limit reached for requests; please retry later");
            }
            case HTTP_500 -> error(ctx, 500, "server_error", "The server had an error while processing your request");
            case HTTP_503 -> {
                if (fault.retryAfter() != null) {
                    ctx.response().putHeader("retry-after", Long.toString((fault.retryAfter().toMillis() + 999) / 1000));
                }
                error(ctx, 503, "overloaded", "The engine is currently overloaded, please try again later");
            }
            case NOT_SSE -> ctx.response().putHeader("content-type", "text/html; charset=utf-8")
                    .end("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
                            + "<body><h1>Bad Gateway</h1><p>The upstream server is not responding.</p></body></html>");
            default -> {
                return false;
            }
        }
        return true;
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
