package io.llmload.load;

import io.llmload.client.ChatClient;
import io.llmload.client.ClientConfig;
import io.llmload.client.ErrorKind;
import io.llmload.client.Exchange;
import io.llmload.client.RequestOutcome;
import io.llmload.client.TimeoutWatchdog;
import io.llmload.metrics.DriverStats;
import io.llmload.workload.RequestSource;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-model load from one event loop: {@code users} virtual users, each sending its next
 * request as soon as the previous one ends, for as long as {@link Admission} allows. Owns its
 * {@link ChatClient} (pool sized to its users), its exchanges and its {@link DriverStats}
 * (single writer). {@link #drained()} completes when its last request has ended.
 *
 * <p>Thread contract: a verticle; all state is confined to its event loop.
 */
public final class ClosedLoopDriver extends VerticleBase {
    private final int users;
    private final ClientConfig clientConfig;
    private final RequestSource requests;
    private final boolean stream;
    private final Admission admission;
    private final DriverStats stats;
    private final AtomicLong sequence;
    private final Promise<Void> drained = Promise.promise();
    private final List<Exchange> exchanges = new ArrayList<>();
    private final List<Boolean> measuredFlags = new ArrayList<>();
    private ChatClient client;
    private TimeoutWatchdog watchdog;
    private int activeUsers;
    private boolean starting;

    public ClosedLoopDriver(int users, ClientConfig clientConfig, RequestSource requests, boolean stream,
                            Admission admission, DriverStats stats, AtomicLong sequence) {
        this.users = users;
        this.clientConfig = clientConfig;
        this.requests = requests;
        this.stream = stream;
        this.admission = admission;
        this.stats = stats;
        this.sequence = sequence;
    }

    @Override
    public Future<?> start() {
        client = new ChatClient(vertx, clientConfig);
        for (int i = 0; i < users; i++) {
            exchanges.add(client.newExchange());
            measuredFlags.add(Boolean.FALSE);
        }
        watchdog = new TimeoutWatchdog(vertx, exchanges, clientConfig.firstTokenTimeout(), clientConfig.idleTimeout(),
                clientConfig.totalTimeout());
        watchdog.start();
        activeUsers = users;
        for (int i = 0; i < users; i++) {
            next(i);
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        watchdog.stop();
        return client.close();
    }

    /** Completes on this driver's event loop once no request is in flight and none will start. */
    public Future<Void> drained() {
        return drained.future();
    }

    /** Ends the requests still in flight (drain time is over); they are counted as incomplete. */
    public void cutOff() {
        context.runOnContext(v -> {
            for (int i = 0; i < exchanges.size(); i++) {
                if (exchanges.get(i).inFlight()) {
                    exchanges.get(i).cancel(ErrorKind.CUT_OFF, "still running when the drain time ran out");
                }
            }
        });
    }

    private void next(int user) {
        long now = System.nanoTime();
        Admission.Kind kind = admission.admit(now);
        if (kind == Admission.Kind.STOP) {
            if (--activeUsers == 0) {
                drained.tryComplete();
            }
            return;
        }
        boolean measured = kind == Admission.Kind.MEASURED;
        measuredFlags.set(user, measured);
        Exchange exchange = exchanges.get(user);
        stats.requestStarted();
        starting = true;
        exchange.start(requests.body(sequence.getAndIncrement()), stream, now)
                .onSuccess(outcome -> ended(user, outcome));
        starting = false;
    }

    private void ended(int user, RequestOutcome outcome) {
        boolean measured = measuredFlags.get(user);
        if (ErrorKind.CUT_OFF.equals(outcome.errorKind())) {
            stats.recordCutOff(measured);
        } else {
            stats.record(outcome, exchanges.get(user).itl(), measured);
        }
        if (starting) {
            // Ended synchronously inside start(): continue from the event loop, not deeper in this stack.
            context.runOnContext(v -> next(user));
        } else {
            next(user);
        }
    }
}
