package io.llmload.mock;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The built-in OpenAI-compatible LLM server, a product feature: {@code llmload mock} runs it
 * standalone and {@code target.url: embedded} starts it in-process. It binds to 127.0.0.1 unless
 * told otherwise. Several verticle instances share one port, one per event loop.
 */
public final class MockServer {
    private final Vertx vertx;
    private final List<String> deployments;
    private final int port;
    private final String host;

    private MockServer(Vertx vertx, List<String> deployments, String host, int port) {
        this.vertx = vertx;
        this.deployments = deployments;
        this.host = host;
        this.port = port;
    }

    /** Starts the server; with port 0 the instances share one free port. */
    public static Future<MockServer> start(Vertx vertx, MockConfig config) {
        // One sequence for all instances: the n-th chat request gets fault pick(seed, n), whichever loop serves it.
        AtomicLong sequence = new AtomicLong();
        // Servers on port 0 would each get their own port, and joining the first one's actual port fails
        // (the share key is the requested port); Vert.x shares one random port among servers given -1.
        MockConfig shared = config.port() == 0 && config.instances() > 1 ? config.withPort(-1) : config;
        BatchScheduler scheduler = new BatchScheduler(config.maxBatch(), config.itlPerSequence());
        MockVerticle first = new MockVerticle(shared, scheduler, 0, sequence);
        // Load the prompt tokenizer (about a second) on a worker now, not on an event loop at the first
        // request, where it would stall the requests of every driver sharing that loop.
        return vertx.executeBlocking(() -> PromptTokens.count(new io.vertx.core.json.JsonArray()), false)
                .compose(warm -> vertx.deployVerticle(first)).compose(id -> {
            int port = first.actualPort();
            List<String> ids = new ArrayList<>(List.of(id));
            Future<Void> chain = Future.succeededFuture();
            for (int i = 1; i < config.instances(); i++) {
                int index = i;
                chain = chain.compose(v -> vertx.deployVerticle(new MockVerticle(shared.port() < 0 ? shared : config.withPort(port), scheduler, index, sequence))
                        .map(d -> {
                            ids.add(d);
                            return null;
                        }));
            }
            return chain.map(v -> new MockServer(vertx, ids, config.host(), port));
        });
    }

    public int port() {
        return port;
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:41234/v1}. */
    public String baseUrl() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/v1";
    }

    public Future<Void> stop() {
        Future<Void> chain = Future.succeededFuture();
        for (String id : deployments) {
            chain = chain.compose(v -> vertx.undeploy(id).otherwise((Void) null));
        }
        return chain;
    }
}
