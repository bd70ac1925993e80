package io.llmload.load;

import io.llmload.client.Api;
import io.llmload.client.ClientConfig;
import io.llmload.client.ConnectionsOpened;
import io.llmload.client.Endpoint;
import io.llmload.client.ErrorKind;
import io.llmload.metrics.DriverStats;
import io.llmload.metrics.IntervalSnapshot;
import io.llmload.metrics.MetricsCollector;
import io.llmload.mock.MockServer;
import io.llmload.record.RequestSink;
import io.llmload.result.ClientPauses;
import io.llmload.result.SteadyState;
import io.llmload.result.Summary;
import io.llmload.scenario.QueryMask;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one benchmark: warms the JVM's own request path the first time ({@link ClientWarmup}),
 * starts each lane's embedded mock when asked, deploys the drivers (closed or open model) on the
 * event loops, lets them open their first connections, starts the clock only then, samples metrics every second, ends an automatic warmup at
 * steady state, stops issuing at the end of the measured time or request budget (or on
 * {@link #requestStop}), lets in-flight requests drain up to the drain limit, cuts off the rest,
 * and returns a {@link RunResult}.
 *
 * <p>Thread contract: its own state lives on one event-loop context; {@link #requestStop} may
 * be called from any thread (a signal handler, say).
 */
public final class RunEngine {
    /** The stop reason when a {@link RunListener#stopNow} asked to stop (a threshold that can no longer pass). */
    public static final String THRESHOLD_STOP = "threshold";
    private static final long TICK_MS = 1000;
    private static final Duration INTERRUPT_DRAIN = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final RunPlan plan;
    private final RunListener listener;
    private final Context context;
    private final boolean warmClient;
    private final RequestSink records;
    private final Promise<RunResult> result = Promise.promise();
    private final List<DriverBase> drivers = new ArrayList<>();
    private final List<String> deployments = new ArrayList<>();
    private final List<MockServer> mocks = new ArrayList<>();
    private final List<Admission> admissions = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();
    private SteadyStateDetector detector;
    private boolean steadyReached;
    private RunClock clock;
    private MetricsCollector collector;
    private PauseWatch pauses;
    private Instant startedAt;
    private long tickTimer = -1;
    private long measureTimer = -1;
    private boolean draining;
    private boolean interrupted;
    private String failure;
    private String stopReason;
    private String pendingStop;

    public RunEngine(Vertx vertx, RunPlan plan, RunListener listener) {
        this(vertx, plan, listener, RequestSink.NONE);
    }

    /** @param records where every ended request, warmup included, goes on record ({@code requests.jsonl}) */
    public RunEngine(Vertx vertx, RunPlan plan, RunListener listener, RequestSink records) {
        this(vertx, plan, listener, true, records);
    }

    RunEngine(Vertx vertx, RunPlan plan, RunListener listener, boolean warmClient) {
        this(vertx, plan, listener, warmClient, RequestSink.NONE);
    }

    /** @param warmClient whether to warm the JVM's request path first ({@link ClientWarmup}, once per JVM) */
    RunEngine(Vertx vertx, RunPlan plan, RunListener listener, boolean warmClient, RequestSink records) {
        this.records = records;
        this.vertx = vertx;
        this.plan = plan;
        this.listener = listener;
        this.warmClient = warmClient;
        this.context = vertx.getOrCreateContext();
    }

    /**
     * Warms this JVM's request path now rather than at the first run ({@link ClientWarmup}): an
     * agent does it before it offers itself for work, so its first run starts at once, in step
     * with the other agents. Never fails.
     */
    public static Future<Void> warmClient(Vertx vertx) {
        return ClientWarmup.once(vertx, null);
    }

    public Future<RunResult> run() {
        context.runOnContext(v -> begin());
        return result.future();
    }

    /** Stops issuing and drains for a short, bounded time; the result is marked interrupted. */
    public void requestStop(String reason) {
        context.runOnContext(v -> {
            if ("interrupted".equals(reason)) {
                interrupted = true;
            }
            if (collector == null) {
                pendingStop = reason; // still getting ready: stop as soon as the clock starts
                return;
            }
            stopIssuing(reason);
        });
    }

    private void begin() {
        (warmClient ? ClientWarmup.once(vertx, plan) : Future.<Void>succeededFuture()).onComplete(v -> context.runOnContext(x -> startLanes()));
    }

    private void startLanes() {
        List<Future<ClientConfig>> configs = new ArrayList<>();
        for (LanePlan lane : plan.lanes()) {
            if (lane.mock() != null) {
                configs.add(MockServer.start(vertx, lane.mock()).map(server -> {
                    mocks.add(server);
                    targets.add("embedded mock at " + server.baseUrl());
                    return lane.client().withEndpoint(Endpoint.fromBaseUrl(server.baseUrl(),
                            lane.client().endpoint() == null ? Api.CHAT : lane.client().endpoint().api()));
                }));
            } else {
                Endpoint e = lane.client().endpoint();
                targets.add(QueryMask.mask((e.ssl() ? "https://" : "http://") + e.authority() + e.requestUri()));
                configs.add(Future.succeededFuture(lane.client()));
            }
        }
        Future.all(configs).compose(all -> {
            List<ClientConfig> resolved = all.list();
            Endpoint e = resolved.get(0).endpoint();
            listener.targetReady((e.ssl() ? "https://" : "http://") + e.authority() + e.basePath());
            return deployDrivers(resolved);
        }).onComplete(ar -> {
            if (ar.failed()) {
                shutdown().onComplete(x -> result.tryFail(ar.cause()));
            }
        });
    }

    private Future<Void> deployDrivers(List<ClientConfig> clientConfigs) {
        long runStart = System.nanoTime();
        long measured = plan.measured() == null ? Long.MAX_VALUE : plan.measured().toNanos();
        clock = new RunClock(runStart, plan.autoWarmup() ? -1 : plan.warmup().toNanos(), plan.warmupMax().toNanos(), measured);
        if (plan.autoWarmup()) {
            detector = new SteadyStateDetector(plan.steadyState());
        }
        List<DriverStats> stats = new ArrayList<>();
        List<Integer> laneOf = new ArrayList<>();
        for (int l = 0; l < plan.lanes().size(); l++) {
            LanePlan lane = plan.lanes().get(l);
            Admission admission = new Admission(clock, lane.requestsLimit() == null ? Long.MAX_VALUE : lane.requestsLimit());
            admissions.add(admission);
            AtomicLong sequence = new AtomicLong();
            ClientConfig config = clientConfigs.get(l);
            RequestRecorder recorder = RequestRecorder.of(records, lane, clock);
            int firstDriver = drivers.size();
            if (lane.open()) {
                AtomicInteger inFlight = new AtomicInteger();
                for (int d = 0; d < plan.drivers(); d++) {
                    DriverStats s = new DriverStats(plan.goodput(), lane.requests().maxTurns(), config.endpoint().api().itemsLabel());
                    stats.add(s);
                    laneOf.add(l);
                    int pool = poolSize(config.poolSize(), lane.maxInFlight() / plan.drivers() + 1, lane.maxInFlight());
                    Arrivals arrivals = lane.trace() != null ? new TraceArrivals(vertx, lane.trace(), clock, d, plan.drivers())
                            : new ScheduleArrivals(lane, clock, d, plan.drivers());
                    // About a second of this driver's share of the first rate: what the first requests
                    // need whatever the server's latency, not thousands for a high max_in_flight.
                    // A trace's profile level is its mean rate.
                    int upFront = (int) Math.ceil(lane.profile().levelAt(0) / plan.drivers());
                    drivers.add(new OpenLoopDriver(lane, config.withPoolSize(pool), admission, s, sequence, arrivals, inFlight, upFront));
                }
            } else {
                int users = lane.maxConcurrency();
                int count = Math.max(1, Math.min(plan.drivers(), users));
                for (int d = 0; d < count; d++) {
                    List<Integer> ids = new ArrayList<>();
                    for (int g = d; g < users; g += count) {
                        ids.add(g);
                    }
                    DriverStats s = new DriverStats(plan.goodput(), lane.requests().maxTurns(), config.endpoint().api().itemsLabel());
                    stats.add(s);
                    laneOf.add(l);
                    int pool = poolSize(config.poolSize(), Math.max(1, ids.size()), users);
                    drivers.add(new ClosedLoopDriver(lane, config.withPoolSize(pool), admission, s, sequence,
                            ids.stream().mapToInt(Integer::intValue).toArray()));
                }
            }
            for (int d = firstDriver; d < drivers.size(); d++) {
                drivers.get(d).records(recorder);
            }
        }
        listener.started(String.join(" | ", targets));
        Future<Void> chain = Future.succeededFuture();
        for (DriverBase d : drivers) {
            chain = chain.compose(v -> vertx.deployVerticle(d).map(id -> {
                deployments.add(id);
                return null;
            }));
        }
        // The clock starts once every driver is deployed and has opened its first connections, so
        // neither is on the schedule: the first arrivals are due from here, not from before.
        return chain.onSuccess(v -> {
            long start = System.nanoTime();
            clock.startAt(start);
            pauses = PauseWatch.start(clock::warmupEndNanos);
            startedAt = Instant.now();
            collector = new MetricsCollector(stats, laneOf.stream().mapToInt(Integer::intValue).toArray(), plan.lanes().size(), start,
                    clock::warmupEndNanos, plan.goodput());
            listener.connectionsOpened(ConnectionsOpened.of(drivers.stream().map(DriverBase::opened).toList()));
            drivers.forEach(DriverBase::go);
            tickTimer = vertx.setPeriodic(TICK_MS, id -> tick());
            armMeasureEnd();
            Future.all(drivers.stream().map(DriverBase::drained).toList())
                    .onComplete(x -> context.runOnContext(y -> finish()));
            if (pendingStop != null) {
                stopIssuing(pendingStop);
            }
        });
    }

    /** Stops issuing exactly when the measured time ends (once the warmup's end is known). */
    private void armMeasureEnd() {
        long end = clock.measureEndNanos();
        if (end == Long.MAX_VALUE || measureTimer >= 0) {
            return;
        }
        long delayMs = Math.max(1, (end - System.nanoTime()) / 1_000_000);
        measureTimer = vertx.setTimer(delayMs, id -> stopIssuing("duration"));
    }

    private void tick() {
        long now = System.nanoTime();
        LanePlan first = plan.lanes().get(0);
        long offset = clock.profileOffset(now - clock.runStartNanos());
        IntervalSnapshot interval = collector.sample(now, first.profile().stageAt(offset), first.profile().levelAt(offset));
        listener.tick(interval, plannedSeconds());
        if (detector != null && !clock.warmupKnown()) {
            long elapsed = now - clock.runStartNanos();
            boolean steady = detector.offer(interval.point().requests(), interval.warmupTtftP50Ms());
            if (steady || elapsed >= plan.warmupMax().toNanos()) {
                steadyReached = steady;
                clock.endWarmup(elapsed);
                armMeasureEnd();
            }
        }
        long ended = collector.endedSoFar();
        long concurrency = plan.lanes().stream().mapToLong(LanePlan::maxConcurrency).sum();
        if (!draining && collector.succeededSoFar() == 0 && ended >= Math.max(20, 2 * Math.min(concurrency, 1000))) {
            failure = "every request failed (" + ended + " so far); " + dominantError(collector.summary().requests().errors(),
                    collector.allErrorSamples());
            stopIssuing("all_failed");
        }
        if (!draining && admissions.stream().allMatch(Admission::stopped)) {
            stopIssuing(admissions.get(0).stopReason());
        }
        if (!draining && listener.stopNow(lane -> lane < 0 ? collector.summary() : collector.summary(lane))) {
            stopIssuing(THRESHOLD_STOP);
        }
    }

    private double plannedSeconds() {
        return plan.measured() == null ? 0 : (clock.warmupNanos() + plan.measured().toNanos()) / 1e9;
    }

    private void stopIssuing(String reason) {
        if (draining) {
            return;
        }
        draining = true;
        stopReason = reason;
        admissions.forEach(a -> a.stop(reason));
        drivers.forEach(DriverBase::stopIssuing);
        listener.draining(reason, collector.inFlight());
        Duration cap = interrupted && plan.drain().compareTo(INTERRUPT_DRAIN) > 0 ? INTERRUPT_DRAIN : plan.drain();
        vertx.setTimer(Math.max(1, cap.toMillis()), id -> drivers.forEach(DriverBase::cutOff));
    }

    private void finish() {
        if (result.future().isComplete()) {
            return;
        }
        long end = System.nanoTime();
        if (tickTimer >= 0) {
            vertx.cancelTimer(tickTimer);
        }
        if (measureTimer >= 0) {
            vertx.cancelTimer(measureTimer);
        }
        if (!clock.warmupKnown()) {
            clock.endWarmup(end - clock.runStartNanos());
        }
        LanePlan first = plan.lanes().get(0);
        // The last, partial interval goes to the listeners too, so live counters end at the report's totals.
        listener.tick(collector.sample(end, first.profile().stageAt(clock.profileOffset(end - clock.runStartNanos())), 0),
                plannedSeconds());
        Summary summary = collector.summary();
        if (failure == null && summary.requests().succeeded() == 0 && summary.requests().failed() > 0) {
            failure = "every request failed; " + dominantError(summary.requests().errors(), summary.requests().errorSamples());
        }
        String reason = interrupted ? "interrupted" : stopReason != null ? stopReason
                : admissions.stream().map(Admission::stopReason).filter(r -> r != null).findFirst()
                        .orElse(plan.lanes().stream().allMatch(l -> l.trace() != null) ? "trace_end" : "duration");
        boolean early = interrupted || "all_failed".equals(reason) || THRESHOLD_STOP.equals(reason);
        ClientPauses paused = pauses == null ? null : pauses.stop();
        List<LaneResult> lanes = new ArrayList<>();
        for (int l = 0; l < plan.lanes().size(); l++) {
            LanePlan lane = plan.lanes().get(l);
            double active = plan.lanes().size() > 1
                    ? LoadAccounting.activeSeconds(lane, clock, collector.measuredSeconds(l)) : collector.measuredSeconds(l);
            Summary s = collector.summary(l, active);
            lanes.add(new LaneResult(lane.name(), s, collector.encodedHistograms(l), active,
                    LoadAccounting.of(lane, clock, s, collector.lastMeasuredSendNanos(l), early).withClientPauses(paused)));
        }
        SteadyState steady = plan.autoWarmup()
                ? new SteadyState("auto", steadyReached, clock.warmupNanos() / 1e9, detector.rule())
                : plan.warmupRule() != null ? new SteadyState("default", true, clock.warmupNanos() / 1e9, plan.warmupRule())
                : new SteadyState("fixed", true, clock.warmupNanos() / 1e9, "fixed warmup");
        RunResult r = new RunResult(startedAt, (end - clock.runStartNanos()) / 1e9, clock.warmupNanos() / 1e9,
                collector.measuredSeconds(-1), reason, interrupted, String.join(" | ", targets), summary, collector.series(),
                collector.encodedHistograms(), failure, lanes,
                plan.lanes().size() == 1 ? lanes.get(0).load() : null, steady, LoadAccounting.stages(first, clock, rampsOf(first)));
        listener.finished();
        shutdown().onComplete(x -> result.tryComplete(r));
    }

    private static List<String> rampsOf(LanePlan lane) {
        List<String> ramps = new ArrayList<>();
        lane.profile().segments().forEach(s -> {
            if (s.stage() >= 0) {
                while (ramps.size() <= s.stage()) {
                    ramps.add("step");
                }
                if (s.from() != s.to()) {
                    ramps.set(s.stage(), "linear");
                }
            }
        });
        return ramps;
    }

    private Future<Void> shutdown() {
        Future<Void> chain = Future.succeededFuture();
        for (String id : deployments) {
            chain = chain.compose(v -> vertx.undeploy(id).otherwise((Void) null));
        }
        for (MockServer m : mocks) {
            chain = chain.compose(v -> m.stop());
        }
        return chain;
    }

    /**
     * A driver's share of the connection limit: by default one connection per user or allowed
     * in-flight request, so no request ever waits in the pool; with http.max_connections, that
     * limit split in proportion.
     */
    private static int poolSize(int maxConnections, int share, int whole) {
        if (maxConnections <= 0) {
            return share;
        }
        return Math.max(1, (int) Math.ceil((double) maxConnections * share / Math.max(1, whole)));
    }

    /** The most frequent error kind with its sample message, e.g. "connection refused: 127.0.0.1:8000". */
    static String dominantError(Map<String, Long> errors, Map<String, String> samples) {
        return errors.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(e -> describe(e.getKey(), samples.get(e.getKey())))
                .orElseGet(() -> samples.entrySet().stream().findFirst()
                        .map(e -> describe(e.getKey(), e.getValue())).orElse("no error recorded"));
    }

    private static String describe(String kind, String sample) {
        return kind.equals(ErrorKind.CONNECT_REFUSED) && sample != null ? sample : kind + (sample != null ? ": " + sample : "");
    }
}
