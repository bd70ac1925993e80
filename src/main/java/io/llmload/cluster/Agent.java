package io.llmload.cluster;

import io.llmload.load.RunEngine;
import io.llmload.load.RunListener;
import io.llmload.load.RunPlan;
import io.llmload.load.RunResult;
import io.llmload.metrics.IntervalSnapshot;
import io.llmload.record.RequestSink;
import io.llmload.workload.InputTokenTally;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * An llmload agent: answers coordinators looking for agents, lets one coordinator at a time claim
 * it, and runs the trials it is sent — planning each (blocking work, on a worker thread),
 * starting at the coordinator's timestamp translated to its own clock, streaming one
 * {@link IntervalMessage} per second and, when asked, every request's record in batches
 * ({@link RecordShipper}), and sending its {@link AgentResult} at the end. Work is taken
 * only in messages sealed with the shared secret. When its coordinator leaves the cluster, a run in
 * progress is stopped and the agent waits for work again.
 *
 * <p>Thread contract: a verticle; all state lives on its event loop.
 */
public final class Agent extends VerticleBase {
    /** Builds the plan of one trial from the work sent; blocking. */
    public interface Planner {
        /** @throws WorkRefused when the agent cannot run the work (the message says why, for the coordinator's user) */
        Planned plan(AgentWork work) throws WorkRefused;
    }

    /** A plan, with the prompt tally of its first lane (null when not counted) and a line for the agent's log. */
    public record Planned(RunPlan plan, InputTokenTally sent, String description) {
    }

    /** Why an agent cannot run some work; {@code usage} when the scenario is at fault (the coordinator exits 2). */
    public static final class WorkRefused extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean usage;

        public WorkRefused(String message, boolean usage) {
            super(message);
            this.usage = usage;
        }

        public boolean usage() {
            return usage;
        }
    }

    private static final long RESULT_TIMEOUT_MS = 10_000;
    private static final long SHIP_RECORDS_EVERY_MS = 250;
    private static final int RESULT_ATTEMPTS = 3;

    private final ClusterNode node;
    private final Identity identity;
    private final Signer signer;
    private final Planner planner;
    private final PrintStream log;
    private final Set<String> warnedSessions = new HashSet<>();
    private String session;
    private String coordinatorNode;
    private String trial;
    private Planned planned;
    private AgentWork plannedWork;
    private RunEngine engine;
    private int seq;
    private long startTimer = -1;
    private boolean shippingRecords;
    private String stopRequested;

    public Agent(ClusterNode node, Identity identity, Signer signer, Planner planner, PrintStream log) {
        this.node = node;
        this.identity = identity;
        this.signer = signer;
        this.planner = planner;
        this.log = log;
    }

    @Override
    public Future<?> start() {
        // Warm up before offering to work: a run's agents start together, and a coordinator takes
        // an agent that is silent for seconds at the start of a run for lost.
        return RunEngine.warmClient(vertx).compose(w -> {
            node.onMemberLeft(id -> context.runOnContext(v -> memberLeft(id)));
            Future<Void> discover = vertx.eventBus().<JsonObject>consumer(Addresses.DISCOVER, this::discover).completion();
            Future<Void> control = vertx.eventBus().<JsonObject>consumer(Addresses.agent(node.nodeId()), this::control).completion();
            return Future.all(discover, control);
        });
    }

    /** A coordinator looks for agents: say who we are (sealed, so it can tell whether our secrets match). */
    private void discover(Message<JsonObject> message) {
        JsonObject body = Signer.peek(message.body());
        if (body == null) {
            return;
        }
        String from = body.getString("session");
        if (signer.open(message.body()) == null && warnedSessions.add(from)) {
            say("a coordinator on " + body.getString("host", "?") + " is looking for agents, but its cluster secret differs: "
                    + "it gets no work from this agent");
        }
        JsonObject hello = new JsonObject().put("type", "hello").put("session", from).put("node", node.nodeId())
                .put("address", node.address()).put("identity", identity.toJson());
        if (session != null && !session.equals(from)) {
            hello.put("busy", true);
        }
        vertx.eventBus().send(body.getString("reply"), signer.seal(hello));
    }

    private void control(Message<JsonObject> message) {
        JsonObject body = signer.open(message.body());
        if (body == null) {
            message.fail(403, "refused: the message is not sealed with this agent's cluster secret");
            return;
        }
        String type = body.getString("type", "");
        String from = body.getString("session");
        if (type.equals("claim")) {
            claim(message, body);
            return;
        }
        if (type.equals("refused")) {
            say("refused by the coordinator on " + body.getString("host", "?") + ": " + body.getString("reason"));
            return;
        }
        if (type.equals("ping")) {
            message.reply(new JsonObject().put("wall_micros", ClockSync.wallMicros()));
            return;
        }
        if (session == null || !session.equals(from)) {
            message.fail(409, "this agent is not working for that coordinator (claim it first)");
            return;
        }
        if (type.equals("prepare")) {
            prepare(message, AgentWork.fromJson(body.getJsonObject("work")));
        } else if (type.equals("start")) {
            start(message, body);
        } else if (type.equals("stop")) {
            if (body.getString("trial", "").equals(trial)) {
                // Before the engine has begun a stop would be ignored: Streamer.started asks again.
                stopRequested = body.getString("reason", "interrupted");
                if (engine != null) {
                    engine.requestStop(stopRequested);
                }
            }
            message.reply(new JsonObject().put("ok", true));
        } else if (type.equals("release")) {
            say("released by the coordinator");
            idle();
            message.reply(new JsonObject().put("ok", true));
        } else {
            message.fail(400, "unknown request '" + type + "'");
        }
    }

    private void claim(Message<JsonObject> message, JsonObject body) {
        String from = body.getString("session");
        if (session != null && !session.equals(from)) {
            message.reply(new JsonObject().put("ok", false).put("reason", "busy with another coordinator's run"));
            return;
        }
        if (session == null) {
            say("working for the coordinator on " + body.getString("host", "?"));
        }
        session = from;
        coordinatorNode = body.getString("node");
        message.reply(new JsonObject().put("ok", true));
    }

    private void prepare(Message<JsonObject> message, AgentWork work) {
        if (engine != null) {
            message.reply(new JsonObject().put("ok", false).put("error", "a trial is still running on this agent"));
            return;
        }
        vertx.executeBlocking(() -> planner.plan(work), false).onComplete(ar -> {
            if (ar.failed()) {
                Throwable t = ar.cause();
                boolean usage = t instanceof WorkRefused w && w.usage();
                say("cannot run trial " + work.trial() + ": " + t.getMessage());
                message.reply(new JsonObject().put("ok", false).put("usage", usage).put("error", String.valueOf(t.getMessage())));
                return;
            }
            trial = work.trial();
            planned = ar.result();
            plannedWork = work;
            stopRequested = null;
            message.reply(new JsonObject().put("ok", true).put("description", planned.description()));
        });
    }

    private void start(Message<JsonObject> message, JsonObject body) {
        if (planned == null || !body.getString("trial", "").equals(trial)) {
            message.fail(409, "no prepared trial " + body.getString("trial"));
            return;
        }
        long delayMicros = body.getLong("start_at_micros") - ClockSync.wallMicros();
        message.reply(new JsonObject().put("ok", true).put("delay_ms", delayMicros / 1000.0));
        if (delayMicros <= 0) {
            run();
        } else {
            startTimer = vertx.setTimer(Math.max(1, TimeUnit.MICROSECONDS.toMillis(delayMicros)), id -> run());
        }
    }

    private void run() {
        startTimer = -1;
        Planned p = planned;
        String t = trial;
        String coordinator = session;
        seq = 0;
        say("trial " + t + ": starting — " + p.description());
        RecordShipper records = plannedWork.shipRecords() ? new RecordShipper(plannedWork.recordTokens()) : null;
        long shipping = records == null ? -1 : vertx.setPeriodic(SHIP_RECORDS_EVERY_MS, id -> {
            if (!shippingRecords) {
                shippingRecords = true;
                ship(records, t, coordinator).onComplete(v -> shippingRecords = false);
            }
        });
        engine = new RunEngine(vertx, p.plan(), new Streamer(t, coordinator), records == null ? RequestSink.NONE : records);
        engine.run().compose(r -> {
            if (shipping >= 0) {
                vertx.cancelTimer(shipping);
            }
            // every record is sent before the result, in order on the same address: the coordinator files them all first
            return records == null ? Future.succeededFuture(r) : ship(records, t, coordinator).map(r);
        }, e -> {
            if (shipping >= 0) {
                vertx.cancelTimer(shipping);
            }
            return Future.failedFuture(e);
        }).onComplete(ar -> {
            engine = null;
            planned = null;
            if (!coordinator.equals(session)) {
                return; // the coordinator left mid-run; nobody wants the result
            }
            JsonObject result = new JsonObject().put("type", "result").put("trial", t).put("agent", identity.name());
            if (records != null) {
                result.put("records_dropped", records.dropped());
            }
            if (ar.succeeded()) {
                RunResult r = ar.result();
                say(String.format(Locale.ROOT, "trial %s: done — %d requests (%d succeeded, %d failed), %d output tokens%s",
                        t, r.summary().requests().total(), r.summary().requests().succeeded(), r.summary().requests().failed(),
                        r.summary().tokens().output(), r.interrupted() ? ", interrupted" : ""));
                result.put("result", AgentResult.of(t, identity.name(), r, p.sent()).toJson());
            } else {
                say("trial " + t + ": failed — " + ar.cause().getMessage());
                result.put("error", String.valueOf(ar.cause().getMessage()));
            }
            sendResult(Addresses.coordinator(coordinator), signer.seal(result), 1);
        });
    }

    /**
     * Sends the waiting records in batches until none wait, each encoded and sealed on a worker (a
     * batch is up to a thousand records: not event-loop work). Ordered, so batches leave in the
     * order the records were taken, the last ones (at the end of the run) after any earlier call's.
     */
    private Future<Void> ship(RecordShipper records, String t, String coordinator) {
        return vertx.executeBlocking(() -> {
            String batch = records.nextBatch();
            return batch == null ? null : signer.seal(new JsonObject().put("type", "records").put("trial", t)
                    .put("agent", identity.name()).put("records", batch));
        }, true).compose(sealed -> {
            if (sealed == null || !coordinator.equals(session)) {
                return Future.succeededFuture();
            }
            vertx.eventBus().send(Addresses.coordinator(coordinator), sealed);
            return ship(records, t, coordinator);
        });
    }

    private void sendResult(String address, JsonObject sealed, int attempt) {
        vertx.eventBus().request(address, sealed, new DeliveryOptions().setSendTimeout(RESULT_TIMEOUT_MS)).onFailure(e -> {
            if (attempt < RESULT_ATTEMPTS && session != null) {
                sendResult(address, sealed, attempt + 1);
            } else {
                say("could not deliver the result to the coordinator: " + e.getMessage());
            }
        });
    }

    /** Streams a run's intervals to the coordinator; called on this verticle's event loop by the engine. */
    private final class Streamer implements RunListener {
        private final String trialId;
        private final String coordinator;

        Streamer(String trialId, String coordinator) {
            this.trialId = trialId;
            this.coordinator = coordinator;
        }

        @Override
        public void started(String targetDescription) {
            if (stopRequested != null && engine != null) {
                engine.requestStop(stopRequested);
            }
        }

        @Override
        public void tick(IntervalSnapshot interval, double plannedS) {
            send(interval, false);
        }

        @Override
        public void draining(String reason, int inFlight) {
            if (coordinator.equals(session)) {
                vertx.eventBus().send(Addresses.coordinator(coordinator), signer.seal(new JsonObject().put("type", "draining")
                        .put("trial", trialId).put("agent", identity.name()).put("reason", reason).put("in_flight", inFlight)));
            }
        }

        private void send(IntervalSnapshot interval, boolean last) {
            if (coordinator.equals(session)) {
                vertx.eventBus().send(Addresses.intervals(coordinator), IntervalMessage.of(trialId, identity.name(), ++seq, last, interval));
            }
        }
    }

    private void memberLeft(String nodeId) {
        if (nodeId.equals(coordinatorNode)) {
            say("the coordinator left the cluster" + (engine != null ? "; stopping the trial in progress" : ""));
            idle();
        }
    }

    private void idle() {
        stopRequested = "interrupted";
        if (engine != null) {
            engine.requestStop("interrupted");
        }
        if (startTimer >= 0) {
            vertx.cancelTimer(startTimer);
            startTimer = -1;
        }
        session = null;
        coordinatorNode = null;
        planned = null;
        plannedWork = null;
        trial = null;
    }

    private void say(String line) {
        log.println("agent " + identity.name() + ": " + line);
    }
}
