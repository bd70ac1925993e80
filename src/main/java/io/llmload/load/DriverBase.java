package io.llmload.load;

import io.llmload.client.ChatClient;
import io.llmload.client.ClientConfig;
import io.llmload.client.ConnectionsOpened;
import io.llmload.client.ErrorKind;
import io.llmload.client.Exchange;
import io.llmload.client.RequestOutcome;
import io.llmload.client.TimeoutWatchdog;
import io.llmload.metrics.DriverStats;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What every driver verticle shares: its own {@link ChatClient} (so connections stay on its event
 * loop), its exchanges under one {@link TimeoutWatchdog}, its single-writer {@link DriverStats},
 * and the launching and recording of one request (with the abandon point its user has, if any).
 * Subclasses decide when requests start and what their users send.
 *
 * <p>Thread contract: a verticle; all state is confined to its event loop. {@link #drained()},
 * {@link #stopIssuing()} and {@link #cutOff()} may be called from elsewhere.
 */
abstract class DriverBase extends VerticleBase {
    /** Connections one driver opens before the clock starts at most; more open as the load needs them. */
    private static final int MAX_UP_FRONT = 256;
    /** Opening connections up front waits at most this long (a target that does not answer is measured as such). */
    private static final long UP_FRONT_CAP_MS = 3000;
    protected final LanePlan lane;
    protected final Admission admission;
    protected final RunClock clock;
    protected final DriverStats stats;
    private final ClientConfig clientConfig;
    private final AtomicLong sequence;
    private final Promise<Void> drained = Promise.promise();
    private final List<Exchange> exchanges = new ArrayList<>();
    private ChatClient client;
    private TimeoutWatchdog watchdog;
    private boolean launching;
    private ConnectionsOpened opened = new ConnectionsOpened(new long[0]);
    private RequestRecorder recorder = RequestRecorder.NONE;

    DriverBase(LanePlan lane, ClientConfig clientConfig, Admission admission, DriverStats stats, AtomicLong sequence) {
        this.lane = lane;
        this.clientConfig = clientConfig;
        this.admission = admission;
        this.clock = admission.clock();
        this.stats = stats;
        this.sequence = sequence;
    }

    @Override
    public final Future<?> start() {
        client = new ChatClient(vertx, clientConfig);
        watchdog = new TimeoutWatchdog(vertx, exchanges, clientConfig.firstTokenTimeout(), clientConfig.idleTimeout(),
                clientConfig.totalTimeout());
        watchdog.start();
        int count = Math.min(Math.max(0, connectionsUpFront()), Math.min(MAX_UP_FRONT, Math.max(1, clientConfig.poolSize())));
        long capMillis = Math.min(UP_FRONT_CAP_MS, Math.max(1, clientConfig.connectTimeout().toMillis()));
        return prepare().compose(v -> client.openUpFront(count, capMillis)).onSuccess(o -> {
            opened = o;
            for (long nanos : o.connectNanos()) {
                stats.recordConnectionUpFront(nanos);
            }
        });
    }

    /**
     * Starts issuing on this driver's event loop. The engine calls it once every driver is
     * deployed and has opened its first connections, and only then starts the run's clock.
     */
    public final void go() {
        context.runOnContext(v -> begin());
    }

    /** Where this driver's ended requests go on record ({@code requests.jsonl}); set before deployment. */
    final void records(RequestRecorder recorder) {
        this.recorder = recorder;
    }

    /** The connections this driver opened before the schedule started. */
    public final ConnectionsOpened opened() {
        return opened;
    }

    /** How many connections the first moments of this driver's load need: opened before the clock starts. */
    protected abstract int connectionsUpFront();

    /** Gets ready to issue (opens a trace file, say) before {@link #begin}; a failure fails the deployment. */
    protected Future<Void> prepare() {
        return Future.succeededFuture();
    }

    @Override
    public final Future<?> stop() {
        watchdog.stop();
        return client.close();
    }

    /** Starts issuing; called on the event loop once every driver is ready and the clock has started. */
    protected abstract void begin();

    /** Admission has stopped: finish issuing now rather than at the next scheduled moment. */
    protected abstract void onStopIssuing();

    /** Completes once no request is in flight and none will start. */
    public final Future<Void> drained() {
        return drained.future();
    }

    protected final void markDrained() {
        drained.tryComplete();
    }

    public final void stopIssuing() {
        context.runOnContext(v -> onStopIssuing());
    }

    /** Ends the requests still in flight (the drain time is over); they are counted as incomplete. */
    public final void cutOff() {
        context.runOnContext(v -> {
            for (Exchange e : exchanges) {
                if (e.inFlight()) {
                    e.cancel(ErrorKind.CUT_OFF, "still running when the drain time ran out");
                }
            }
        });
    }

    /** The next of the lane's per-run sequence numbers (shared by its drivers). */
    protected final long nextSequence() {
        return sequence.getAndIncrement();
    }

    protected final Exchange newExchange() {
        Exchange e = client.newExchange();
        exchanges.add(e);
        return e;
    }

    /**
     * Sends {@code body}, request number {@code sequence} and turn {@code turn} of its conversation
     * (1 when not in one), on {@code exchange}, timed from {@code intendedStartNanos}; records the
     * outcome and then calls {@code after} on this event loop (never from inside this call), while
     * the exchange still holds the answer's text.
     */
    protected final void launch(Exchange exchange, Buffer body, long sequence, int turn, long intendedStartNanos, boolean measured,
                                Consumer<RequestOutcome> after) {
        stats.requestStarted();
        launching = true;
        exchange.start(body, lane.stream(), intendedStartNanos, lane.cancels().decide(sequence))
                .onSuccess(outcome -> {
                    if (ErrorKind.isCutOff(outcome.errorKind())) {
                        stats.recordCutOff(outcome, measured);
                    } else if (ErrorKind.CANCELLED.equals(outcome.errorKind())) {
                        stats.recordCancelled(outcome, measured, turn);
                    } else {
                        stats.record(outcome, exchange.itl(), measured, turn);
                    }
                    recorder.ended(outcome, exchange.itl(), sequence, turn, measured);
                    if (launching) {
                        // Ended synchronously inside start(): continue from the event loop, not deeper in this stack.
                        context.runOnContext(v -> after.accept(outcome));
                    } else {
                        after.accept(outcome);
                    }
                });
        launching = false;
    }

    /** Offset of {@code nowNanos} on the load profile's timeline. */
    protected final long profileOffset(long nowNanos) {
        return clock.profileOffset(nowNanos - clock.runStartNanos());
    }
}
