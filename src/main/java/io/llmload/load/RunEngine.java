package io.llmload.load;

import io.llmload.client.ClientConfig;
import io.llmload.client.Endpoint;
import io.llmload.client.ErrorKind;
import io.llmload.metrics.DriverStats;
import io.llmload.metrics.IntervalSnapshot;
import io.llmload.metrics.MetricsCollector;
import io.llmload.mock.MockServer;
import io.llmload.result.Summary;
import io.llmload.result.TimePoint;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one closed-model benchmark: starts the embedded mock when asked, deploys the drivers,
 * samples metrics every second, stops issuing at the duration or request budget (or on
 * {@link #requestStop}), lets in-flight requests drain up to the drain limit, cuts off the rest,
 * and returns a {@link RunResult}.
 *
 * <p>Thread contract: its own state lives on one event-loop context; {@link #requestStop} may
 * be called from any thread (a signal handler, say).
 */
public final class RunEngine {
    private static final long TICK_MS = 1000;
    private static final Duration INTERRUPT_DRAIN = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final RunPlan plan;
    private final RunListener listener;
    private final Context context;
    private final Promise<RunResult> result = Promise.promise();
    private final List<ClosedLoopDriver> drivers = new ArrayList<>();
    private final List<String> deployments = new ArrayList<>();
    private MockServer mock;
    private Admission admission;
    private MetricsCollector collector;
    private long runStartNanos;
    private Instant startedAt;
    private long tickTimer = -1;
    private boolean draining;
    private boolean interrupted;
    private String failure;
    private String targetDescription;

    public RunEngine(Vertx vertx, RunPlan plan, RunListener listener) {
        this.vertx = vertx;
        this.plan = plan;
        this.listener = listener;
        this.context = vertx.getOrCreateContext();
    }

    public Future<RunResult> run() {
        context.runOnContext(v -> begin());
        return result.future();
    }

    /** Stops issuing and drains for a short, bounded time; the result is marked interrupted. */
    public void requestStop(String reason) {
        context.runOnContext(v -> {
            if (admission == null) {
                return;
            }
            if ("interrupted".equals(reason)) {
                interrupted = true;
            }
            admission.stop(reason);
            beginDrain(reason);
        });
    }

    private void begin() {
        Future<ClientConfig> client = Future.succeededFuture(plan.client());
        if (plan.mock() != null) {
            client = MockServer.start(vertx, plan.mock()).map(server -> {
                mock = server;
                targetDescription = "embedded mock at " + server.baseUrl();
                return withEndpoint(plan.client(), Endpoint.fromBaseUrl(server.baseUrl()));
            });
        } else {
            Endpoint e = plan.client().endpoint();
            targetDescription = (e.ssl() ? "https://" : "http://") + e.authority() + e.requestUri();
        }
        client.compose(c -> {
            Endpoint e = c.endpoint();
            listener.targetReady((e.ssl() ? "https://" : "http://") + e.authority() + baseUri(e));
            return deployDrivers(c);
        }).onComplete(ar -> {
            if (ar.failed()) {
                shutdown().onComplete(x -> result.tryFail(ar.cause()));
            }
        });
    }

    private Future<Void> deployDrivers(ClientConfig clientConfig) {
        int driverCount = Math.max(1, Math.min(plan.drivers(), plan.concurrency()));
        List<DriverStats> stats = new ArrayList<>();
        runStartNanos = System.nanoTime();
        startedAt = Instant.now();
        long warmupEnd = runStartNanos + plan.warmup().toNanos();
        long measureEnd = plan.duration() == null ? Long.MAX_VALUE : warmupEnd + plan.duration().toNanos();
        admission = new Admission(warmupEnd, measureEnd, plan.requestsLimit() == null ? Long.MAX_VALUE : plan.requestsLimit());
        AtomicLong sequence = new AtomicLong();
        for (int i = 0; i < driverCount; i++) {
            int users = plan.concurrency() / driverCount + (i < plan.concurrency() % driverCount ? 1 : 0);
            DriverStats s = new DriverStats();
            stats.add(s);
            drivers.add(new ClosedLoopDriver(users, clientConfig.withPoolSize(poolSize(clientConfig.poolSize(), users)),
                    plan.requests(), plan.stream(), admission, s, sequence));
        }
        collector = new MetricsCollector(stats, runStartNanos, warmupEnd);
        listener.started(targetDescription);
        Future<Void> chain = Future.succeededFuture();
        for (ClosedLoopDriver d : drivers) {
            chain = chain.compose(v -> vertx.deployVerticle(d).map(id -> {
                deployments.add(id);
                return null;
            }));
        }
        return chain.onSuccess(v -> {
            tickTimer = vertx.setPeriodic(TICK_MS, id -> tick());
            if (measureEnd != Long.MAX_VALUE) {
                long delayMs = Math.max(1, (measureEnd - System.nanoTime()) / 1_000_000);
                vertx.setTimer(delayMs, id -> {
                    admission.stop("duration");
                    beginDrain("duration");
                });
            }
            Future.all(drivers.stream().map(ClosedLoopDriver::drained).toList())
                    .onComplete(x -> context.runOnContext(y -> finish()));
        });
    }

    private double plannedS() {
        return (plan.warmup().toNanos() + (plan.duration() == null ? 0 : plan.duration().toNanos())) / 1e9;
    }

    private void tick() {
        long now = System.nanoTime();
        IntervalSnapshot interval = collector.sample(now);
        listener.tick(interval, plannedS());
        long ended = collector.endedSoFar();
        if (!draining && collector.succeededSoFar() == 0 && ended >= Math.max(20, 2L * plan.concurrency())) {
            Summary s = collector.summaryWithWarmupSamples();
            failure = "every request failed (" + ended + " so far); " + dominantError(s);
            admission.stop("all_failed");
            beginDrain("all_failed");
        }
        if (admission.stopped() && !draining) {
            beginDrain(admission.stopReason());
        }
    }

    private void beginDrain(String reason) {
        if (draining) {
            return;
        }
        draining = true;
        int inFlight = collector.inFlight();
        listener.draining(reason, inFlight);
        Duration cap = interrupted && plan.drain().compareTo(INTERRUPT_DRAIN) > 0 ? INTERRUPT_DRAIN : plan.drain();
        vertx.setTimer(Math.max(1, cap.toMillis()), id -> drivers.forEach(ClosedLoopDriver::cutOff));
    }

    private void finish() {
        if (result.future().isComplete()) {
            return;
        }
        long end = System.nanoTime();
        if (tickTimer >= 0) {
            vertx.cancelTimer(tickTimer);
        }
        // The last, partial interval goes to the listeners too, so live counters end at the report's totals.
        listener.tick(collector.sample(end), plannedS());
        Summary summary = collector.summary();
        if (failure == null && summary.requests().succeeded() == 0 && summary.requests().failed() > 0) {
            failure = "every request failed; " + dominantError(summary);
        }
        String stopReason = interrupted ? "interrupted" : admission.stopReason() == null ? "duration" : admission.stopReason();
        List<TimePoint> series = collector.series();
        Map<String, String> histograms = collector.encodedHistograms();
        RunResult r = new RunResult(startedAt, (end - runStartNanos) / 1e9, plan.warmup().toNanos() / 1e9,
                collector.measuredSeconds(), stopReason, interrupted, targetDescription, summary, series, histograms, failure);
        shutdown().onComplete(x -> result.tryComplete(r));
    }

    private Future<Void> shutdown() {
        Future<Void> chain = Future.succeededFuture();
        for (String id : deployments) {
            chain = chain.compose(v -> vertx.undeploy(id).otherwise((Void) null));
        }
        if (mock != null) {
            chain = chain.compose(v -> mock.stop());
        }
        return chain;
    }

    /**
     * A driver's share of the connection limit: by default one connection per user, so no request
     * ever waits in the pool; with http.max_connections, that limit split in proportion to users.
     */
    private int poolSize(int maxConnections, int users) {
        if (maxConnections <= 0) {
            return users;
        }
        return Math.max(1, (int) Math.ceil((double) maxConnections * users / plan.concurrency()));
    }

    /** The most frequent error kind with its sample message, e.g. "connection refused: 127.0.0.1:8000". */
    static String dominantError(Summary s) {
        return s.requests().errors().entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(e -> {
                    String sample = s.requests().errorSamples().get(e.getKey());
                    return e.getKey().equals(ErrorKind.CONNECT_REFUSED) && sample != null ? sample
                            : e.getKey() + (sample != null ? ": " + sample : "");
                })
                .orElseGet(() -> s.requests().errorSamples().entrySet().stream().findFirst()
                        .map(e -> e.getKey() + ": " + e.getValue()).orElse("no error recorded"));
    }

    /** The endpoint's API base path: its request URI without {@code /chat/completions} and the query. */
    private static String baseUri(Endpoint e) {
        String uri = e.requestUri();
        int query = uri.indexOf('?');
        if (query >= 0) {
            uri = uri.substring(0, query);
        }
        return uri.endsWith("/chat/completions") ? uri.substring(0, uri.length() - "/chat/completions".length()) : uri;
    }

    private static ClientConfig withEndpoint(ClientConfig c, Endpoint e) {
        return new ClientConfig(e, c.headers(), c.http2(), c.tlsVerify(), c.poolSize(), c.connectTimeout(),
                c.firstTokenTimeout(), c.idleTimeout(), c.totalTimeout(), c.maxResponseBytes(), c.maxEventBytes(), c.redactor());
    }
}
