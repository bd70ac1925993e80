package io.llmload.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The live Prometheus endpoint: {@code GET /metrics} answers the registry in the text exposition
 * format 0.0.4, which every Prometheus scrapes. The registry is rendered on a worker thread, so a
 * scrape never holds up an event loop that also drives requests.
 *
 * <p>Thread contract: start and close from any thread; requests are served on the server's
 * event loop.
 */
public final class MetricsEndpoint {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final String host;

    private MetricsEndpoint(HttpServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /** Listens on {@code host:port} (port 0: any free port). */
    public static Future<MetricsEndpoint> start(Vertx vertx, PrometheusMeterRegistry registry, String host, int port) {
        Router router = Router.router(vertx);
        router.get("/metrics").handler(ctx -> scrape(vertx, registry, ctx));
        router.get("/").handler(ctx -> ctx.response().putHeader("content-type", "text/plain; charset=utf-8")
                .end("llmload: Prometheus metrics at /metrics\n"));
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
        return server.requestHandler(router).listen().map(s -> new MetricsEndpoint(s, host));
    }

    private static void scrape(Vertx vertx, PrometheusMeterRegistry registry, RoutingContext ctx) {
        vertx.executeBlocking(registry::scrape, false).onComplete(ar -> {
            if (ar.succeeded()) {
                ctx.response().putHeader("content-type", CONTENT_TYPE).end(ar.result());
            } else {
                ctx.response().setStatusCode(500).putHeader("content-type", "text/plain; charset=utf-8")
                        .end("scrape failed: " + ar.cause().getMessage() + "\n");
            }
        });
    }

    public int port() {
        return server.actualPort();
    }

    /** Where Prometheus should scrape, e.g. {@code http://127.0.0.1:9464/metrics}. */
    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/metrics";
    }

    public Future<Void> close() {
        return server.close();
    }
}
