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
 * One instance of the built-in server: {@code POST .../chat/completions} (streaming and not), and
 * the same latency model, capacity knee and faults behind {@code .../completions},
 * {@code .../embeddings}, {@code .../rerank}, {@code .../responses} (OpenAI Responses) and
 * {@code .../messages} (Anthropic Messages, key in {@code x-api-key}), each answering in its own
 * shape ({@link MockWire}); {@code GET .../models}, {@code GET /health} and {@code GET /metrics}
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
        router.post().handler(BodyHandler.create().setBodyLimit(32L << 20));
        router.postWithRegex(".*/chat/completions").handler(ctx -> handle(ctx, MockApi.CHAT));
        router.postWithRegex(".*/completions").handler(ctx -> handle(ctx, MockApi.COMPLETIONS));
        router.postWithRegex(".*/embeddings").handler(ctx -> handle(ctx, MockApi.EMBEDDINGS));
        router.postWithRegex(".*/rerank").handler(ctx -> handle(ctx, MockApi.RERANK));
        router.postWithRegex(".*/responses").handler(ctx -> handle(ctx, MockApi.RESPONSES));
        router.postWithRegex(".*/messages").handler(ctx -> handle(ctx, MockApi.MESSAGES));
        server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port())
                .setTcpNoDelay(true).setIdleTimeout(0));
        return server.requestHandler(router).listen();
    }

    int actualPort() {
        return server.actualPort();
    }

    private void handle(RoutingContext ctx, MockApi api) {
        if (config.requiredApiKey() != null) {
            String given;
            if (api == MockApi.MESSAGES) {
                given = ctx.request().getHeader("x-api-key") == null ? "" : ctx.request().getHeader("x-api-key");
            } else {
                String auth = ctx.request().getHeader("authorization");
                given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : "";
            }
            if (!config.requiredApiKey().equals(given)) {
                error(ctx, api, 401, "invalid_api_key", "Incorrect API key provided: " + given);
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
            error(ctx, api, 400, "invalid_request_error", "the request body is not a JSON object");
            return;
        }
        MockRequest parsed = MockRequest.parse(api, body);
        if (parsed.problem() != null) {
            error(ctx, api, 400, "invalid_request_error", parsed.problem());
            return;
        }
        String model = parsed.model();
        Fault fault = config.faults().pick(config.seed(), sequence.getAndIncrement());
        if (fault != null) {
            state.metrics().injectedError(fault.kind().name().toLowerCase(java.util.Locale.ROOT));
            if (answerWithError(ctx, api, fault)) {
                return;
            }
        }
        state.metrics().request(200);
        long arrival = System.nanoTime();
        int maxTokens = parsed.maxTokens();
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
        // The legacy completions API has no reasoning channel.
        int reasoning = api.reasons() ? (int) Math.min(maxTokens, Math.round(config.reasoningTokens().sample(random))) : 0;
        int tokens = reasoning > 0 ? Math.min(drawn, maxTokens - reasoning) : Math.max(1, Math.min(drawn, maxTokens));
        // Asked for a tool call (tools and a tool_choice that wants one): the answer tokens are that call's (MockToolCall).
        String toolName = api.tokens() && tokens > 0 ? MockToolCall.requested(api, body) : null;
        String finish = drawn > tokens || ignoreEos ? "length" : toolName != null ? "tool_calls" : "stop";
        int[] prompt = PromptTokens.ids(parsed.promptMessages());
        int promptTokens = prompt.length;
        state.metrics().prompt(promptTokens, state.prefixCache().lookup(prompt, promptTokens));
        long id = IDS.incrementAndGet();
        long created = System.currentTimeMillis() / 1000;
        MockToolCall tool = toolName == null ? null : new MockToolCall(toolName, tokens, (api == MockApi.MESSAGES ? "toolu_" : "call_") + id);
        MockWire chunks = switch (api) {
            case CHAT -> new MockChunks("chatcmpl-" + id, model, created, tool);
            case COMPLETIONS -> new MockCompletions("cmpl-" + id, model, created);
            case RESPONSES -> new MockResponses(Long.toString(id), model, created, tool);
            case MESSAGES -> new MockMessages(Long.toString(id), model, promptTokens, reasoning, tool);
            case EMBEDDINGS, RERANK -> new MockVectors(Long.toString(id), model, api == MockApi.RERANK, parsed.items());
        };
        if (!api.tokens()) {
            // No token stream: the answer is due one TTFT after admission, like a prefill-only pass.
            reasoning = 0;
            tokens = 0;
        }
        if (api.tokens() && Boolean.TRUE.equals(body.getValue("stream"))) {
            boolean usage = api.alwaysUsage() || (body.getValue("stream_options") instanceof JsonObject o
                    && Boolean.TRUE.equals(o.getValue("include_usage")));
            new MockStream(vertx, context, ctx.request(), chunks, state, ttft, itl, reasoning, tokens, promptTokens, usage, finish, fault,
                    arrival).begin();
        } else {
            int r = reasoning;
            int n = tokens;
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
                long due = System.nanoTime() + ttft + Math.round(Math.max(0, r + n - 1) * itl * scheduler.itlScale());
                MockStream.at(vertx, due, () -> {
                    release.run();
                    state.metrics().firstToken(due - arrival);
                    state.metrics().generated(r + n);
                    state.metrics().succeeded(finish);
                });
                MockAnswer.send(vertx, ctx.request(), chunks, due, r, n, promptTokens, finish, fault);
            });
        }
    }

    /** Answers at once for the faults that replace the whole answer; false for the others. */
    private boolean answerWithError(RoutingContext ctx, MockApi api, Fault fault) {
        switch (fault.kind()) {
            case HTTP_429 -> {
                ctx.response().putHeader("retry-after", Long.toString((fault.retryAfter().toMillis() + 999) / 1000));
                error(ctx, api, 429, "rate_limit_exceeded", "Rate limit reached for requests; please retry later");
            }
            case HTTP_500 -> error(ctx, api, 500, "server_error", "The server had an error while processing your request");
            case HTTP_503 -> {
                if (fault.retryAfter() != null) {
                    ctx.response().putHeader("retry-after", Long.toString((fault.retryAfter().toMillis() + 999) / 1000));
                }
                error(ctx, api, 503, "overloaded", "The engine is currently overloaded, please try again later");
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

    private static String anthropicType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 429 -> "rate_limit_error";
            case 529, 503 -> "overloaded_error";
            default -> "api_error";
        };
    }

    private static int intOr(JsonObject body, String key, int fallback) {
        return body.getValue(key) instanceof Number n ? n.intValue() : fallback;
    }

    private void error(RoutingContext ctx, MockApi api, int status, String type, String message) {
        state.metrics().request(status);
        HttpServerResponse r = ctx.response().setStatusCode(status).putHeader("content-type", "application/json");
        if (api == MockApi.MESSAGES) {
            // Anthropic's error body: {"type":"error","error":{"type":…,"message":…}} (docs.anthropic.com/en/api/errors)
            r.end(new JsonObject().put("type", "error").put("error", new JsonObject().put("type", anthropicType(status))
                    .put("message", message)).encode());
            return;
        }
        r.end(new JsonObject().put("error", new JsonObject().put("message", message).put("type", type)
                .putNull("param").put("code", type)).encode());
    }
}
