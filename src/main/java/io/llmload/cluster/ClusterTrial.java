package io.llmload.cluster;

import io.llmload.load.RunEngine;
import io.llmload.load.RunListener;
import io.llmload.metrics.IntervalSnapshot;
import io.llmload.record.RequestRecord;
import io.llmload.record.RequestRecordBatch;
import io.llmload.record.RequestSink;
import io.llmload.result.ClusterInfo;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One trial on the cluster: every agent prepares its share (planning takes time, so nobody starts
 * before all are ready), then all start at one coordinator timestamp — sent to each agent on its
 * own clock, corrected by its measured offset — and stream their seconds, which
 * {@link IntervalMerger} adds up for the live view and the time series. The trial ends when every
 * agent has sent its result or been lost: it left the cluster, or sent nothing for the agent
 * timeout. A lost agent leaves a gap (time and name); the others go on.
 *
 * <p>Thread contract: confined to the {@link Coordinator}'s context.
 */
public final class ClusterTrial {
    private static final long PREPARE_TIMEOUT_MS = 300_000;
    private static final long START_LEAD_MS = 500;

    /**
     * @param works    one per agent, in the coordinator's agent order
     * @param plannedS the planned run length for the live view, 0 if unknown
     */
    /** {@code records} takes the agents' request records (the run's {@code requests.jsonl}), {@link RequestSink#NONE} for none. */
    public record Request(String label, List<AgentWork> works, double plannedS, String target, Duration agentTimeout,
                          RunListener listener, RequestSink records) {
    }

    private final Coordinator coordinator;
    private final Request request;
    private final List<AgentHandle> agents;
    private final Promise<TrialOutcome> promise;
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, AgentHandle> byName = new LinkedHashMap<>();
    private final Map<String, AgentResult> results = new HashMap<>();
    private final Map<String, String> lost = new HashMap<>();
    private final Map<String, Integer> draining = new HashMap<>();
    private final Map<String, Long> lastHeardNanos = new HashMap<>();
    private final List<ClusterInfo.Gap> gaps = new ArrayList<>();
    private final IntervalMerger merger;
    private final MergedSoFar soFar = new MergedSoFar();
    private long startWallMicros;
    private long startNanos;
    private long timer = -1;
    private boolean started;
    private String stopReason;

    ClusterTrial(Coordinator coordinator, Request request, List<AgentHandle> agents, Promise<TrialOutcome> promise) {
        this.coordinator = coordinator;
        this.request = request;
        this.agents = agents;
        this.promise = promise;
        agents.forEach(a -> byName.put(a.name(), a));
        this.merger = new IntervalMerger(byName.keySet(), this::onSecond);
    }

    /**
     * A merged second: to the live view and the meters, then, while the agents are still issuing,
     * the abort_on_fail check on the cluster's results so far. Those are whole-run figures, so
     * they answer for lane 0 only when it is the only lane (interleaved variants are judged at the end).
     */
    private void onSecond(IntervalSnapshot s) {
        soFar.add(s);
        request.listener().tick(s, request.plannedS());
        boolean oneLane = request.works().get(0).lanes().size() == 1;
        if (stopReason == null && draining.isEmpty() && request.listener().stopNow(lane -> lane < 0 || oneLane ? soFar.summary() : null)) {
            coordinator.log("stopping every agent: an abort_on_fail threshold can no longer pass");
            stop(RunEngine.THRESHOLD_STOP);
        }
    }

    void begin() {
        if (agents.isEmpty()) {
            promise.fail(new ClusterFailure(ClusterFailure.Kind.RUN_FAILED, "no agent is left to run on"));
            return;
        }
        List<Future<JsonObject>> prepared = new ArrayList<>();
        for (int i = 0; i < agents.size(); i++) {
            AgentHandle a = agents.get(i);
            AgentWork work = request.works().get(i);
            prepared.add(coordinator.request(a.node(), new JsonObject().put("type", "prepare").put("work", rename(work).toJson()),
                    PREPARE_TIMEOUT_MS).recover(e -> Future.failedFuture(new ClusterFailure(ClusterFailure.Kind.RUN_FAILED,
                    "agent " + a.name() + " did not answer the request to prepare: " + e.getMessage()))).compose(reply -> {
                        if (reply.getBoolean("ok", false)) {
                            return Future.succeededFuture(reply);
                        }
                        return Future.failedFuture(new ClusterFailure(reply.getBoolean("usage", false)
                                ? ClusterFailure.Kind.USAGE : ClusterFailure.Kind.RUN_FAILED,
                                "agent " + a.name() + " cannot run the scenario: " + reply.getString("error")));
                    }));
        }
        Future.all(prepared).onComplete(ar -> {
            if (ar.failed()) {
                promise.fail(ar.cause());
                return;
            }
            start();
        });
    }

    private AgentWork rename(AgentWork w) {
        return new AgentWork(id, w.index(), w.count(), w.base(), w.lanes(), w.sliceNanos(), w.seedOffset(), w.shipRecords(),
                w.recordTokens());
    }

    private void start() {
        long maxRttMicros = agents.stream().mapToLong(a -> a.clock().rttMicros()).max().orElse(0);
        long leadMicros = START_LEAD_MS * 1000 + 2 * maxRttMicros;
        startWallMicros = ClockSync.wallMicros() + leadMicros;
        startNanos = System.nanoTime() + leadMicros * 1000;
        started = true;
        for (AgentHandle a : agents) {
            lastHeardNanos.put(a.name(), startNanos);
            coordinator.request(a.node(), new JsonObject().put("type", "start").put("trial", id)
                    .put("start_at_micros", startWallMicros + a.clock().offsetMicros()), 10_000)
                    .onFailure(e -> lose(a.name(), "did not take the start: " + e.getMessage()));
        }
        if (stopReason != null) {
            sendStop();
        }
        request.listener().started(request.target() + " from " + agents.size() + " agents ("
                + String.join(", ", byName.keySet()) + ")");
        timer = coordinator.vertx().setPeriodic(1000, t -> tick());
    }

    void stop(String reason) {
        stopReason = reason;
        if (started) {
            sendStop();
        }
    }

    private void sendStop() {
        for (AgentHandle a : agents) {
            if (running(a.name())) {
                coordinator.request(a.node(), new JsonObject().put("type", "stop").put("trial", id).put("reason", stopReason), 5000)
                        .otherwiseEmpty();
            }
        }
    }

    void onInterval(IntervalMessage m) {
        if (!id.equals(m.trial()) || !running(m.agent())) {
            return;
        }
        lastHeardNanos.put(m.agent(), System.nanoTime());
        merger.add(m);
    }

    void onMessage(Message<JsonObject> message, JsonObject body) {
        if (!id.equals(body.getString("trial"))) {
            return;
        }
        String agent = body.getString("agent", "");
        String type = body.getString("type", "");
        if (type.equals("draining") && running(agent)) {
            draining.put(agent, body.getInteger("in_flight", 0));
            if (draining.size() == agents.size() - lost.size()) {
                request.listener().draining(body.getString("reason", "duration"),
                        draining.values().stream().mapToInt(Integer::intValue).sum());
            }
        } else if (type.equals("records")) {
            if (byName.containsKey(agent)) {
                file(agent, body.getString("records", "[]"));
            }
        } else if (type.equals("result")) {
            message.reply(new JsonObject().put("ok", true));
            if (!running(agent)) {
                return;
            }
            request.records().droppedBefore(body.getLong("records_dropped", 0L));
            if (body.containsKey("error")) {
                lose(agent, "its run failed: " + body.getString("error"));
                return;
            }
            AgentResult result = AgentResult.fromJson(body.getString("result"));
            results.put(agent, result);
            // Intervals and results reach different consumers, so the last interval may come after
            // the result (and is then ignored): what the intervals did not bring, the result settles.
            merger.forget(agent);
            merger.settle(agent, result.summary(), result.histograms());
            finishIfDone();
        }
    }

    /** An agent's batch of request records, into the run's file with the coordinator's ids and the run's tags. */
    private void file(String agent, String batch) {
        RequestSink sink = request.records();
        List<RequestRecord> records;
        try {
            records = RequestRecordBatch.decode(batch);
        } catch (IllegalArgumentException e) {
            return; // sealed with the secret, so from an agent of this version: not expected; the file's count tells
        }
        for (RequestRecord r : records) {
            sink.accept(r.fromAgent(sink.nextId(), sink.tags(), agent));
        }
    }

    void memberLeft(String nodeId) {
        for (AgentHandle a : agents) {
            if (a.node().equals(nodeId)) {
                coordinator.forget(nodeId);
                if (!started) {
                    promise.tryFail(new ClusterFailure(ClusterFailure.Kind.RUN_FAILED, "agent " + a.name() + " left the cluster before the start"));
                } else if (running(a.name())) {
                    lose(a.name(), "left the cluster");
                }
            }
        }
    }

    private boolean running(String agent) {
        return byName.containsKey(agent) && !results.containsKey(agent) && !lost.containsKey(agent);
    }

    private void tick() {
        merger.tick();
        long now = System.nanoTime();
        long limit = request.agentTimeout().toNanos();
        for (AgentHandle a : agents) {
            if (running(a.name()) && now - lastHeardNanos.get(a.name()) > limit) {
                lose(a.name(), String.format(Locale.ROOT, "sent nothing for %.1f s", (now - lastHeardNanos.get(a.name())) / 1e9));
            }
        }
    }

    private void lose(String agent, String reason) {
        if (!running(agent)) {
            return;
        }
        lost.put(agent, reason);
        AgentHandle a = byName.get(agent);
        coordinator.forget(a.node());
        double detected = Math.max(0, (System.nanoTime() - startNanos) / 1e9);
        IntervalMerger.Running r = merger.running(agent);
        double since = r == null ? 0 : r.elapsedS;
        long atMicros = startWallMicros + Math.round(since * 1e6);
        String at = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochSecond(atMicros / 1_000_000, (atMicros % 1_000_000) * 1000)
                .atOffset(ZoneOffset.UTC));
        gaps.add(new ClusterInfo.Gap(agent, at, round(since), round(detected), request.label(), reason));
        merger.forget(agent);
        int left = agents.size() - lost.size();
        coordinator.log(String.format(Locale.ROOT, "agent %s lost at %.1f s (no data since %.1f s): %s; the run goes on with %d agent(s)",
                agent, detected, since, reason, left));
        finishIfDone();
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    private void finishIfDone() {
        for (AgentHandle a : agents) {
            if (running(a.name())) {
                return;
            }
        }
        if (timer >= 0) {
            coordinator.vertx().cancelTimer(timer);
        }
        merger.flush();
        if (merger.lateIntervals() > 0) {
            coordinator.log(merger.lateIntervals() + " interval(s) arrived late: counted in the totals, not in their second's percentiles");
        }
        List<ClusterMerge.Ending> endings = new ArrayList<>();
        double warmupS = results.values().stream().mapToDouble(AgentResult::warmupS).max().orElse(0);
        for (AgentHandle a : agents) {
            endings.add(new ClusterMerge.Ending(a.name(), results.get(a.name()), merger.running(a.name()), warmupS));
        }
        Instant startedAt = Instant.ofEpochSecond(startWallMicros / 1_000_000, (startWallMicros % 1_000_000) * 1000);
        promise.tryComplete(ClusterMerge.merge(startedAt, endings, merger.series(), gaps));
    }
}
