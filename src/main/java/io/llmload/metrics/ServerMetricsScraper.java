package io.llmload.metrics;

import io.llmload.result.ServerMetrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Scrapes the target's own Prometheus endpoint during a run, on its own small HTTP client (never
 * the load's connection pool): once when the run starts, every {@code every} after, and once
 * more when it ends, so counters can be compared over the run. Slow or failing scrapes are
 * counted, never fatal; a scrape that overruns its slot makes the next one wait, so at most one
 * is in flight. Responses are parsed off the event loop with {@link ExpositionParser}.
 *
 * <p>Thread contract: all state lives on the context it was created on; {@link #begin} and
 * {@link #finish} may be called from any thread.
 */
public final class ServerMetricsScraper {
    private static final int MAX_BODY_BYTES = 16 << 20;

    private final Vertx vertx;
    private final Context context;
    private final WebClient client;
    private final String url;
    private final Duration every;
    private final ServerSeriesRecorder recorder;
    private long startNanos;
    private long timer = -1;
    private long scrapes;
    private long failed;
    private String lastError;
    private boolean stopped;
    private Future<Void> inFlight = Future.succeededFuture();

    public ServerMetricsScraper(Vertx vertx, String url, Duration every, List<String> include) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.url = url;
        this.every = every;
        this.recorder = new ServerSeriesRecorder(include);
        long timeoutMs = Math.max(1000, Math.min(10_000, every.toMillis()));
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) timeoutMs)
                .setUserAgent("llmload").setDecompressionSupported(true).setMetricsName("llmload-server-metrics"), new PoolOptions().setHttp1MaxSize(1));
    }

    /** The run started at {@code runStartNanos}: scrape now and then every interval. */
    public void begin(long runStartNanos) {
        context.runOnContext(v -> {
            startNanos = runStartNanos;
            tick();
        });
    }

    private void tick() {
        if (stopped) {
            return;
        }
        long due = System.nanoTime() + every.toNanos();
        inFlight = scrapeOnce().onComplete(ar -> {
            if (!stopped) {
                long waitMs = Math.max(1, (due - System.nanoTime()) / 1_000_000);
                timer = vertx.setTimer(waitMs, id -> tick());
            }
        });
    }

    private Future<Void> scrapeOnce() {
        long timeoutMs = Math.max(1000, Math.min(10_000, every.toMillis()));
        return client.getAbs(url).timeout(timeoutMs)
                .putHeader("accept", "text/plain;version=0.0.4;q=1,*/*;q=0.1")
                .send()
                .compose(this::parse)
                .map(exposition -> {
                    double t = Math.round((System.nanoTime() - startNanos) / 1e6) / 1e3;
                    recorder.add(t, exposition);
                    scrapes++;
                    return (Void) null;
                })
                .recover(e -> {
                    failed++;
                    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    lastError = e instanceof ExpositionException ? "not in the Prometheus text format: " + m : m;
                    return Future.succeededFuture();
                });
    }

    private Future<Exposition> parse(HttpResponse<Buffer> response) {
        if (response.statusCode() != 200) {
            return Future.failedFuture("HTTP " + response.statusCode() + " from " + url);
        }
        Buffer body = response.body();
        if (body == null) {
            return Future.succeededFuture(new Exposition(List.of()));
        }
        if (body.length() > MAX_BODY_BYTES) {
            return Future.failedFuture("metrics response larger than " + (MAX_BODY_BYTES >> 20) + " MB");
        }
        return vertx.executeBlocking(() -> ExpositionParser.parse(body.toString(StandardCharsets.UTF_8)), false);
    }

    /** Stops scraping on schedule (the run is over); {@link #finish} still collects the result. */
    public void stop() {
        context.runOnContext(v -> {
            stopped = true;
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
        });
    }

    /**
     * Stops the schedule, takes a last scrape when {@code lastScrape} (not when the server is
     * already gone, as the embedded mock is at the end of a run), and completes with everything
     * collected.
     */
    public Future<ServerMetrics> finish(boolean lastScrape) {
        Promise<ServerMetrics> done = Promise.promise();
        context.runOnContext(v -> {
            boolean begun = startNanos != 0;
            stopped = true;
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            inFlight.eventually(() -> lastScrape && begun ? scrapeOnce() : Future.succeededFuture())
                    .onComplete(ar -> {
                        client.close();
                        done.complete(recorder.result(url, every.toMillis() / 1000.0, scrapes, failed, lastError));
                    });
        });
        return done.future();
    }
}
