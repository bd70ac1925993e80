package io.llmload.engine;

import io.llmload.client.Api;
import io.llmload.load.RunListener;
import io.llmload.load.RunResult;
import io.llmload.metrics.ClientConnectionMetrics;
import io.llmload.metrics.IntervalSnapshot;
import io.llmload.metrics.LlmMeters;
import io.llmload.metrics.MeterLabels;
import io.llmload.metrics.MetricsEndpoint;
import io.llmload.metrics.ServerMetricsScraper;
import io.llmload.result.ServerMetrics;
import io.llmload.scenario.MetricsSpec;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ServerMetricsSpec;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.PrintStream;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything a run exposes beyond its reports: the Prometheus endpoint with llmload's meters and
 * Vert.x's HTTP client metrics in one registry ({@code metrics:} / {@code --metrics-port}), and
 * the scraping of the server's own metrics ({@code server_metrics:}). Both are off unless asked
 * for; with {@code metrics.vertx} the Vert.x instance is built with Micrometer metrics, which only
 * this class knows (otherwise the registry gets llmload's and the JVM's meters only).
 *
 * <p>Thread contract: created, started, finished and closed by the command's thread; its
 * {@link #listener} is called on the engine's event loop and hands snapshots to a single
 * "llmload-meters" thread, so recording never runs on an event loop.
 */
public final class Observability implements AutoCloseable {
    /**
     * Vert.x registers one connection gauge per HTTP client and shares its value through a cache,
     * so Micrometer's "already registered" warning (one per driver's client) is noise to a user.
     * Held here because java.util.logging keeps loggers only weakly.
     */
    private static final Logger DOUBLE_REGISTRATION = Logger.getLogger("io.micrometer.core.instrument.MeterRegistry");

    static {
        DOUBLE_REGISTRATION.setLevel(Level.SEVERE);
    }

    private final MetricsSpec spec;
    private final ServerMetricsSpec serverSpec;
    private final Scenario scenario;
    private final PrometheusMeterRegistry registry;
    private final Vertx vertx;
    private final CountDownLatch lingerCut = new CountDownLatch(1);
    private ExecutorService feeder;
    private LlmMeters meters;
    private MetricsEndpoint endpoint;
    private volatile ServerMetricsScraper scraper;
    private JvmGcMetrics gcMetrics;

    public Observability(Scenario scenario) {
        this.scenario = scenario;
        this.spec = scenario.metrics();
        this.serverSpec = scenario.serverMetrics();
        if (spec.enabled() && !spec.vertx()) {
            // The JVM meters vertx-micrometer would bind, without Vert.x's own.
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new ClassLoaderMetrics().bindTo(registry);
            new JvmMemoryMetrics().bindTo(registry);
            gcMetrics = new JvmGcMetrics();
            gcMetrics.bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            vertx = VertxFactory.create();
        } else if (spec.enabled()) {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            MicrometerMetricsOptions options = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true);
            // Only the load's HTTP client: the embedded mock and this endpoint are servers, and not what is measured.
            for (MetricsDomain d : new MetricsDomain[] {MetricsDomain.HTTP_SERVER, MetricsDomain.NET_SERVER, MetricsDomain.NET_CLIENT,
                MetricsDomain.EVENT_BUS, MetricsDomain.VERTICLES, MetricsDomain.DATAGRAM_SOCKET}) {
                options.addDisabledMetricsCategory(d);
            }
            vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(options).setPreferNativeTransport(true))
                    .withMetrics(new ClientConnectionMetrics(registry)).build();
        } else {
            registry = null;
            vertx = VertxFactory.create();
        }
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Opens the endpoint when asked for; a port that cannot be bound is a usage error. */
    public void start(PrintStream err, int concurrency) {
        if (!spec.enabled()) {
            return;
        }
        try {
            endpoint = MetricsEndpoint.start(vertx, registry, spec.host(), spec.port()).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new UsageException("cannot serve metrics on " + spec.host() + ":" + spec.port() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while opening the metrics endpoint");
        }
        meters = new LlmMeters(registry, MeterLabels.of(scenario.name(), targetLabel(scenario), scenario.target().model()),
                Api.of(scenario.target().api()).streamsTokens());
        meters.target(concurrency, 0);
        feeder = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "llmload-meters");
            t.setDaemon(true);
            return t;
        });
        err.println("metrics: " + endpoint.url());
    }

    /** What the engine calls: snapshots go to the meters, the run's start and target to the server scraper. */
    public RunListener listener() {
        return new RunListener() {
            @Override
            public void targetReady(String baseUrl) {
                if (serverSpec.enabled()) {
                    scraper = new ServerMetricsScraper(vertx, serverMetricsUrl(baseUrl), serverSpec.every(), serverSpec.include());
                }
            }

            @Override
            public void started(String targetDescription) {
                if (scraper != null) {
                    scraper.begin(System.nanoTime());
                }
            }

            @Override
            public void finished() {
                if (scraper != null && scenario.target().embedded()) {
                    scraper.stop(); // the embedded mock stops with the run: no scrape may reach it after that
                }
            }

            @Override
            public void tick(IntervalSnapshot interval, double plannedS) {
                if (meters != null) {
                    feeder.execute(() -> meters.record(interval));
                }
            }
        };
    }

    /**
     * The run is over: the meters take its last counts (after every queued snapshot), and the
     * server scraper takes a last scrape. Returns the server's series, or null when not scraped.
     */
    public ServerMetrics finish(RunResult result, PrintStream err) throws InterruptedException {
        if (meters != null) {
            try {
                feeder.submit(() -> meters.complete(result.summary())).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                err.println("warning: the metrics endpoint may not show final values: " + e);
            }
        }
        ServerMetricsScraper s = scraper;
        if (s == null) {
            return null;
        }
        try {
            ServerMetrics sm = s.finish(!scenario.target().embedded()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            if (sm.failedScrapes() > 0) {
                err.println("warning: server metrics: " + sm.failedScrapes() + " of " + (sm.scrapes() + sm.failedScrapes())
                        + " scrape(s) of " + sm.url() + " failed; last: " + sm.lastError());
            }
            return sm;
        } catch (ExecutionException | TimeoutException e) {
            err.println("warning: server metrics were not collected: " + e.getMessage());
            return null;
        }
    }

    /** Keeps the endpoint up for the linger time so the last scrape sees the final values; Ctrl-C cuts it short. */
    public void linger(PrintStream err) throws InterruptedException {
        if (endpoint == null || spec.linger().isZero()) {
            return;
        }
        err.println("metrics: serving final values at " + endpoint.url() + " for " + spec.linger().toSeconds() + "s more");
        lingerCut.await(spec.linger().toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stopLingering() {
        lingerCut.countDown();
    }

    @Override
    public void close() {
        if (gcMetrics != null) {
            gcMetrics.close();
        }
        if (feeder != null) {
            feeder.shutdownNow();
        }
        if (endpoint != null) {
            endpoint.close();
        }
        vertx.close();
    }

    private String serverMetricsUrl(String targetBaseUrl) {
        if (serverSpec.url() != null) {
            return serverSpec.url();
        }
        URI base = URI.create(targetBaseUrl);
        return base.getScheme() + "://" + base.getRawAuthority() + "/metrics";
    }

    /** The target for the {@code target} label: "embedded", or the base URL without credentials or query. */
    public static String targetLabel(Scenario s) {
        if (s.target().embedded()) {
            return "embedded";
        }
        try {
            URI u = URI.create(s.target().url());
            String port = u.getPort() >= 0 ? ":" + u.getPort() : "";
            return u.getScheme() + "://" + u.getHost() + port + (u.getRawPath() == null ? "" : u.getRawPath());
        } catch (IllegalArgumentException e) {
            return s.target().url();
        }
    }
}
