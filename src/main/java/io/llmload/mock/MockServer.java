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
    private final AtomicLong chatRequests;

    private MockServer(Vertx vertx, List<String> deployments, String host, int port, AtomicLong chatRequests) {
        this.vertx = vertx;
        this.deployments = deployments;
        this.host = host;
        this.port = port;
        this.chatRequests = chatRequests;
    }

    /** Starts the server; with port 0 the instances share one free port. */
    public static Future<MockServer> start(Vertx vertx, MockConfig config) {
        // One sequence for all instances: the n-th chat request gets fault pick(seed, n), whichever loop serves it.
        AtomicLong sequence = new AtomicLong();
        // Servers on port 0 would each get their own port, and joining the first one's actual port fails
        // (the share key is the requested port); Vert.x shares one random port among servers given -1.
        MockConfig shared = config.port() == 0 && config.instances() > 1 ? config.withPort(-1) : config;
        MockState state = MockState.create(config);
        MockVerticle first = new MockVerticle(shared, state, 0, sequence);
        // Loading the tokenizer takes a second or more: do it on a worker now, not on the first request's event loop.
        return vertx.executeBlocking(PromptTokens::warm).compose(w -> vertx.deployVerticle(first)).compose(id -> {
            int port = first.actualPort();
            List<String> ids = new ArrayList<>(List.of(id));
            Future<Void> chain = Future.succeededFuture();
            for (int i = 1; i < config.instances(); i++) {
                int index = i;
                chain = chain.compose(v -> vertx.deployVerticle(new MockVerticle(shared.port() < 0 ? shared : config.withPort(port), state, index, sequence))
                        .map(d -> {
                            ids.add(d);
                            return null;
                        }));
            }
            return chain.map(v -> new MockServer(vertx, ids, config.host(), port, sequence));
        });
    }

    /** Chat-completion requests received so far (well-formed ones, faulted or not): ground truth for tests. */
    public long chatRequests() {
        return chatRequests.get();
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
