package io.llmload.cluster;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The coordinator's side of a distributed run: finds agents (publishing a discovery message
 * every second), refuses those whose secret, tool version or schema differs — telling them and
 * the user why — claims the first {@code N} compatible ones, estimates each one's clock offset,
 * and then runs trials on them ({@link ClusterTrial}). Agents lost during a trial are dropped
 * from the following ones.
 *
 * <p>Thread contract: all state lives on one event-loop context; the public methods may be
 * called from any thread and return futures.
 */
public final class Coordinator {
    private static final long DISCOVER_EVERY_MS = 1000;
    private static final int CLOCK_PINGS = 8;
    private static final long REQUEST_TIMEOUT_MS = 10_000;

    private final ClusterNode node;
    private final Identity identity;
    private final Signer signer;
    private final Consumer<String> log;
    private final Vertx vertx;
    private final Context context;
    private final String session = UUID.randomUUID().toString();
    private final Map<String, AgentHandle> agents = new LinkedHashMap<>();
    private final Map<String, String> claiming = new LinkedHashMap<>();
    private final Map<String, String> refused = new LinkedHashMap<>();
    private final Map<String, String> busy = new LinkedHashMap<>();
    private final List<MessageConsumer<?>> consumers = new ArrayList<>();
    private Promise<List<AgentHandle>> gathering;
    private int wanted;
    private long discoverTimer = -1;
    private long deadlineTimer = -1;
    private ClusterTrial trial;
    private String pendingStop;

    public Coordinator(ClusterNode node, Identity identity, Signer signer, Consumer<String> log) {
        this.node = node;
        this.identity = identity;
        this.signer = signer;
        this.log = log;
        this.vertx = node.vertx();
        this.context = vertx.getOrCreateContext();
    }

    /**
     * Waits for {@code count} compatible agents; fails after {@code timeout} naming who is
     * missing ({@code joinList}: the members the user expected, checked against the cluster).
     */
    public Future<List<AgentHandle>> gather(int count, Duration timeout, List<String> joinList) {
        Promise<List<AgentHandle>> promise = Promise.promise();
        context.runOnContext(v -> {
            gathering = promise;
            wanted = count;
            consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.coordinator(session), this::onMessage));
            consumers.add(vertx.eventBus().<IntervalMessage>consumer(Addresses.intervals(session), m -> {
                if (trial != null) {
                    trial.onInterval(m.body());
                }
            }));
            node.onMemberLeft(id -> context.runOnContext(x -> memberLeft(id)));
            Future.all(consumers.stream().map(MessageConsumer::completion).toList()).onComplete(ar -> {
                discover();
                discoverTimer = vertx.setPeriodic(DISCOVER_EVERY_MS, id -> discover());
                deadlineTimer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> giveUp(timeout, joinList));
            });
        });
        return promise.future();
    }

    /** Runs one trial on the agents still alive; {@code works} has one entry per agent of {@link #agents()}, in order. */
    public Future<TrialOutcome> runTrial(ClusterTrial.Request request) {
        Promise<TrialOutcome> promise = Promise.promise();
        context.runOnContext(v -> {
            trial = new ClusterTrial(this, request, new ArrayList<>(agents.values()), promise);
            if (pendingStop != null) {
                trial.stop(pendingStop);
            }
            trial.begin();
            promise.future().onComplete(x -> trial = null);
        });
        return promise.future();
    }

    /** Stops the trial in progress (every agent drains and reports), or the gathering of agents. */
    public void stop(String reason) {
        context.runOnContext(v -> {
            pendingStop = reason;
            if (trial != null) {
                trial.stop(reason);
            } else if (gathering != null && !gathering.future().isComplete()) {
                endGathering();
                gathering.tryFail(new ClusterFailure(ClusterFailure.Kind.INTERRUPTED, "interrupted while waiting for agents"));
            }
        });
    }

    /** Tells every agent it is free again and stops listening. */
    public Future<Void> release() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            endGathering();
            List<Future<?>> sent = new ArrayList<>();
            for (String id : new ArrayList<>(agents.keySet())) {
                sent.add(request(id, new JsonObject().put("type", "release"), 2000).otherwiseEmpty());
            }
            Future.join(sent).onComplete(x -> {
                consumers.forEach(c -> c.unregister());
                done.complete();
            });
        });
        return done.future();
    }

    /** The agents claimed and not lost, in the order the load is split. */
    public List<AgentHandle> agents() {
        return List.copyOf(agents.values());
    }

    public String host() {
        return node.address();
    }

    // ---- used by ClusterTrial (on this context) ----

    Vertx vertx() {
        return vertx;
    }

    String session() {
        return session;
    }

    Signer signer() {
        return signer;
    }

    void log(String line) {
        log.accept(line);
    }

    /** A sealed request to an agent's control address. */
    Future<JsonObject> request(String agentNode, JsonObject body, long timeoutMs) {
        body.put("session", session).put("node", node.nodeId()).put("host", node.address());
        return vertx.eventBus().<JsonObject>request(Addresses.agent(agentNode), signer.seal(body),
                new DeliveryOptions().setSendTimeout(timeoutMs)).map(Message::body);
    }

    /** An agent lost during a trial takes no part in later ones. */
    void forget(String agentNode) {
        agents.remove(agentNode);
    }

    // ---- discovery ----

    private void discover() {
        vertx.eventBus().publish(Addresses.DISCOVER, signer.seal(new JsonObject().put("type", "discover").put("session", session)
                .put("node", node.nodeId()).put("host", node.address()).put("reply", Addresses.coordinator(session))));
    }

    private void onMessage(Message<JsonObject> message) {
        JsonObject body = Signer.peek(message.body());
        if (body == null) {
            return;
        }
        String type = body.getString("type", "");
        if (type.equals("hello")) {
            onHello(message.body(), body);
        } else if (trial != null && signer.open(message.body()) != null) {
            trial.onMessage(message, body);
        }
    }

    private void onHello(JsonObject sealed, JsonObject body) {
        String agentNode = body.getString("node");
        if (gathering == null || gathering.future().isComplete() || agents.containsKey(agentNode) || claiming.containsKey(agentNode)
                || refused.containsKey(agentNode) || !session.equals(body.getString("session"))) {
            return;
        }
        Identity who = Identity.fromJson(body.getJsonObject("identity", new JsonObject()));
        String label = who.name() + " (" + body.getString("address", "?") + ")";
        if (signer.open(sealed) == null) {
            refuse(agentNode, label, "its cluster secret differs: give agents and coordinator the same secret");
            return;
        }
        String why = identity.incompatibility(who);
        if (why != null) {
            refuse(agentNode, label, why);
            return;
        }
        boolean nameTaken = agents.values().stream().anyMatch(a -> a.name().equals(who.name())) || claiming.containsValue(who.name());
        if (nameTaken) {
            refuse(agentNode, label, "another agent already has the name " + who.name() + " (give each agent its own --name)");
            return;
        }
        if (body.getBoolean("busy", false)) {
            if (busy.put(agentNode, label) == null) {
                log.accept("agent " + label + " is busy with another coordinator's run");
            }
            return;
        }
        if (agents.size() + claiming.size() >= wanted) {
            return;
        }
        claiming.put(agentNode, who.name());
        request(agentNode, new JsonObject().put("type", "claim"), REQUEST_TIMEOUT_MS)
                .compose(reply -> reply.getBoolean("ok", false) ? syncClock(agentNode)
                        : Future.failedFuture(reply.getString("reason", "it declined")))
                .onComplete(ar -> {
                    claiming.remove(agentNode);
                    if (ar.failed()) {
                        busy.put(agentNode, label + ": " + ar.cause().getMessage());
                        return;
                    }
                    if (gathering.future().isComplete()) {
                        request(agentNode, new JsonObject().put("type", "release"), 2000);
                        return;
                    }
                    busy.remove(agentNode);
                    AgentHandle handle = new AgentHandle(agentNode, body.getString("address", "?"), who, ar.result());
                    agents.put(agentNode, handle);
                    log.accept(String.format(Locale.ROOT, "agent %s joined (%d/%d): %s, %d cpus, clock offset %+.2f ms (±%.2f)",
                            label, agents.size(), wanted, who.host(), who.cpus(), handle.clock().offsetMs(), handle.clock().rttMs() / 2));
                    if (agents.size() == wanted) {
                        endGathering();
                        gathering.tryComplete(List.copyOf(agents.values()));
                    }
                });
    }

    private void refuse(String agentNode, String label, String reason) {
        refused.put(agentNode, label + ": " + reason);
        log.accept("refused agent " + label + ": " + reason);
        request(agentNode, new JsonObject().put("type", "refused").put("reason", reason), 2000).otherwiseEmpty();
    }

    /** {@value #CLOCK_PINGS} pings one after another; the one with the shortest round trip gives the offset. */
    private Future<ClockSync.Estimate> syncClock(String agentNode) {
        List<ClockSync.Sample> samples = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (int i = 0; i < CLOCK_PINGS; i++) {
            chain = chain.compose(v -> {
                long sent = ClockSync.wallMicros();
                return request(agentNode, new JsonObject().put("type", "ping"), REQUEST_TIMEOUT_MS).map(reply -> {
                    samples.add(new ClockSync.Sample(sent, reply.getLong("wall_micros"), ClockSync.wallMicros()));
                    return null;
                });
            });
        }
        return chain.map(v -> ClockSync.estimate(samples));
    }

    private void giveUp(Duration timeout, List<String> joinList) {
        if (gathering.future().isComplete()) {
            return;
        }
        endGathering();
        List<String> missing = new ArrayList<>();
        List<String> members = node.memberAddresses();
        for (String member : joinList) {
            if (!member.startsWith("dns:") && member.contains(":") && !members.contains(member) && !member.equals(node.address())) {
                missing.add("nobody is listening at " + member);
            }
        }
        refused.values().forEach(r -> missing.add("refused " + r));
        busy.values().forEach(b -> missing.add("busy " + b));
        String joined = agents.isEmpty() ? "none joined"
                : agents.size() + " joined (" + String.join(", ", agents.values().stream().map(AgentHandle::name).toList()) + ")";
        int absent = wanted - agents.size() - refused.size() - busy.size();
        if (absent > 0) {
            missing.add(absent + " more agent(s) never answered (the cluster has " + members.size() + " member(s) including this coordinator)");
        }
        gathering.tryFail(new ClusterFailure(ClusterFailure.Kind.RUN_FAILED, String.format(Locale.ROOT,
                "waited %d s for %d agent(s): %s; missing: %s", timeout.toSeconds(), wanted, joined, String.join("; ", missing))));
    }

    private void endGathering() {
        if (discoverTimer >= 0) {
            vertx.cancelTimer(discoverTimer);
            discoverTimer = -1;
        }
        if (deadlineTimer >= 0) {
            vertx.cancelTimer(deadlineTimer);
            deadlineTimer = -1;
        }
    }

    private void memberLeft(String id) {
        if (trial != null) {
            trial.memberLeft(id);
        } else if (agents.remove(id) != null) {
            log.accept("an agent left the cluster before the run");
        }
    }
}
