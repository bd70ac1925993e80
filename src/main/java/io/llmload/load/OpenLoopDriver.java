package io.llmload.load;

import io.llmload.client.ClientConfig;
import io.llmload.client.Exchange;
import io.llmload.metrics.DriverStats;
import io.llmload.workload.UserWorkload;
import io.vertx.core.Future;
import io.vertx.core.Timer;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-model load from one event loop: requests start at their arrivals' due times (a seeded
 * schedule or a trace, see {@link Arrivals}), whatever the server does. Latency counts from each
 * due time, so a late send shows up as schedule lag and latency, never as silence. An arrival that
 * would exceed the lane's {@code max_in_flight} is counted as dropped, not queued.
 *
 * <p>With conversations, each arrival is a new user opening one; its follow-up turns are due when
 * the reply has ended plus the user's think time (timers on this loop), so they come on top of the
 * arrival schedule, as real users' next messages do. A follow-up is timed from that due time, counts
 * against {@code max_in_flight} like any request (dropped, its conversation over, when the cap is
 * reached), and is not sent once issuing has stopped: thinking users then leave at once.
 */
final class OpenLoopDriver extends DriverBase {
    /** Arrivals handled back to back before yielding to I/O, so a late driver catches up without starving reads. */
    private static final int BURST = 64;

    private final AtomicInteger laneInFlight;
    private final Arrivals arrivals;
    private final ArrayDeque<Exchange> idle = new ArrayDeque<>();
    private final ArrayDeque<UserWorkload> idleUsers = new ArrayDeque<>();
    private long pendingDueNanos;
    private long pendingSequence;
    private Buffer pendingBody;
    private boolean awaitingArrivals;
    private boolean issuing = true;
    private int outstanding;
    /** Users between a reply and their next turn, by their think-time timer. */
    private final Map<Timer, UserWorkload> thinking = new HashMap<>();
    private int usersCreated;
    private final int upFront;

    /** @param upFront connections to open before the clock starts */
    OpenLoopDriver(LanePlan lane, ClientConfig client, Admission admission, DriverStats stats, AtomicLong sequence,
                   Arrivals arrivals, AtomicInteger laneInFlight, int upFront) {
        super(lane, client, admission, stats, sequence);
        this.upFront = upFront;
        this.arrivals = arrivals;
        this.laneInFlight = laneInFlight;
    }

    @Override
    protected Future<Void> prepare() {
        return arrivals.open();
    }

    @Override
    protected int connectionsUpFront() {
        return upFront;
    }

    @Override
    protected void begin() {
        run();
    }

    @Override
    protected void onStopIssuing() {
        stopIssuingNow();
    }

    private void run() {
        int burst = 0;
        while (issuing) {
            if (pendingDueNanos == 0) {
                long due = arrivals.next(this::arrivalsReady);
                if (due == Arrivals.PENDING) {
                    awaitingArrivals = true;
                    return;
                }
                if (due == Arrivals.END) {
                    stopIssuingNow();
                    return;
                }
                pendingDueNanos = due;
                pendingSequence = arrivals.sequence();
                pendingBody = arrivals.body();
            }
            long wait = pendingDueNanos - System.nanoTime();
            if (wait > 0) {
                vertx.timer(wait, TimeUnit.NANOSECONDS).onComplete(v -> run());
                return;
            }
            long due = pendingDueNanos;
            pendingDueNanos = 0;
            Buffer body = pendingBody;
            pendingBody = null;
            arrive(due, pendingSequence, body);
            if (++burst >= BURST) {
                context.runOnContext(v -> run());
                return;
            }
        }
    }

    private void arrivalsReady() {
        if (awaitingArrivals) {
            awaitingArrivals = false;
            run();
        }
    }

    /** A new arrival: a new user (a new conversation, when requests are conversations). */
    private void arrive(long dueNanos, long sequence, Buffer body) {
        Admission.Kind kind = admission.admit(dueNanos);
        if (kind == Admission.Kind.STOP) {
            stopIssuingNow();
            return;
        }
        boolean measured = kind == Admission.Kind.MEASURED;
        if (!reserveSlot()) {
            stats.recordDropped(measured, 1);
            return;
        }
        UserWorkload user = idleUsers.isEmpty() ? lane.requests().forUser(usersCreated++) : idleUsers.pop();
        send(user, dueNanos, measured, sequence, body);
    }

    /** A conversation's next turn, due now: sent unless issuing has stopped or the cap is reached. */
    private void followUp(Timer timer, long dueNanos) {
        UserWorkload user = thinking.remove(timer);
        if (user == null) {
            return; // issuing stopped meanwhile and the user has left
        }
        Admission.Kind kind = issuing ? admission.admit(dueNanos) : Admission.Kind.STOP;
        if (kind == Admission.Kind.STOP) {
            release(user);
            return;
        }
        boolean measured = kind == Admission.Kind.MEASURED;
        if (!reserveSlot()) {
            stats.recordDropped(measured, user.turn() + 1);
            release(user);
            return;
        }
        send(user, dueNanos, measured, -1, null);
    }

    private boolean reserveSlot() {
        if (laneInFlight.incrementAndGet() > lane.maxInFlight()) {
            laneInFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Sends the user's next request; {@code sequence} -1 takes the lane's next, {@code ownBody} null the user's next body. */
    private void send(UserWorkload user, long dueNanos, boolean measured, long sequence, Buffer ownBody) {
        Exchange exchange = idle.isEmpty() ? newExchange() : idle.pop();
        outstanding++;
        long seq = sequence >= 0 ? sequence : nextSequence();
        Buffer body = ownBody != null ? ownBody : user.next(seq);
        launch(exchange, body, seq, user.turn(), dueNanos, measured, outcome -> {
            laneInFlight.decrementAndGet();
            outstanding--;
            long thinkNanos = user.replied(outcome, exchange.content());
            idle.push(exchange);
            if (issuing && user.inConversation()) {
                long due = outcome.endNanos() + thinkNanos;
                Timer timer = vertx.timer(Math.max(1, due - System.nanoTime()), TimeUnit.NANOSECONDS);
                thinking.put(timer, user);
                timer.onSuccess(v -> followUp(timer, due));
            } else {
                release(user);
            }
            drainedIfDone();
        });
    }

    private void release(UserWorkload user) {
        user.leave();
        idleUsers.push(user);
        drainedIfDone();
    }

    private void stopIssuingNow() {
        if (!issuing) {
            return;
        }
        issuing = false;
        arrivals.close();
        for (Map.Entry<Timer, UserWorkload> e : thinking.entrySet()) {
            e.getKey().cancel();
            e.getValue().leave();
            idleUsers.push(e.getValue());
        }
        thinking.clear();
        drainedIfDone();
    }

    /** Once issuing has stopped, done when nothing is in flight (thinking users have left). */
    private void drainedIfDone() {
        if (!issuing && outstanding == 0 && thinking.isEmpty()) {
            markDrained();
        }
    }
}
