package io.llmload.load;

import io.llmload.client.ClientConfig;
import io.llmload.client.Exchange;
import io.llmload.metrics.DriverStats;
import io.llmload.workload.UserWorkload;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-model load from one event loop: virtual users, each sending its next request as soon
 * as the previous one ends — or, in conversations, after its think time (a timer on this loop),
 * so with think times fewer requests than users are in flight. With stages the number of active
 * users follows the profile's level: user g is active while g < level, so a ramp switches users on
 * one by one; inactive users are parked (leaving any conversation) and checked every
 * {@value #PARK_CHECK_MS} ms.
 */
final class ClosedLoopDriver extends DriverBase {
    private static final long PARK_CHECK_MS = 10;

    private final int[] userIds;
    private final Exchange[] exchanges;
    private final UserWorkload[] users;
    private final boolean[] parked;
    /** The think-time timer of each user, or -1. */
    private final long[] thinkTimers;
    private int activeUsers;
    private int parkedCount;
    private long wakeTimer = -1;

    /** @param userIds the global indices of this driver's users (user g is active while g < level) */
    ClosedLoopDriver(LanePlan lane, ClientConfig client, Admission admission, DriverStats stats, AtomicLong sequence, int[] userIds) {
        super(lane, client, admission, stats, sequence);
        this.userIds = userIds.clone();
        this.exchanges = new Exchange[userIds.length];
        this.users = new UserWorkload[userIds.length];
        this.parked = new boolean[userIds.length];
        this.thinkTimers = new long[userIds.length];
    }

    @Override
    protected int connectionsUpFront() {
        // The users active at the start, each of which sends at once.
        long level = Math.round(lane.profile().levelAt(0));
        int n = 0;
        for (int id : userIds) {
            if (id < level) {
                n++;
            }
        }
        return n;
    }

    @Override
    protected void begin() {
        activeUsers = userIds.length;
        for (int u = 0; u < userIds.length; u++) {
            exchanges[u] = newExchange();
            users[u] = lane.requests().forUser(userIds[u]);
            thinkTimers[u] = -1;
        }
        if (activeUsers == 0) {
            markDrained();
        }
        for (int u = 0; u < userIds.length; u++) {
            next(u);
        }
    }

    @Override
    protected void onStopIssuing() {
        for (int u = 0; u < userIds.length; u++) {
            if (parked[u]) {
                unpark(u);
                finishUser();
            } else if (thinkTimers[u] >= 0) {
                // A thinking user would only find admission closed when it wakes: finish it now.
                vertx.cancelTimer(thinkTimers[u]);
                thinkTimers[u] = -1;
                users[u].leave();
                finishUser();
            }
        }
    }

    private void next(int u) {
        if (admission.stopped()) {
            finishUser();
            return;
        }
        long now = System.nanoTime();
        if (userIds[u] >= Math.round(lane.profile().levelAt(profileOffset(now)))) {
            users[u].leave();
            park(u);
            return;
        }
        Admission.Kind kind = admission.admit(now);
        if (kind == Admission.Kind.STOP) {
            finishUser();
            return;
        }
        UserWorkload user = users[u];
        long sequence = nextSequence();
        launch(exchanges[u], user.next(sequence), sequence, user.turn(), now, kind == Admission.Kind.MEASURED, outcome -> {
            long thinkNanos = user.replied(outcome, exchanges[u].content());
            if (thinkNanos <= 0 || admission.stopped()) {
                next(u);
            } else {
                thinkTimers[u] = vertx.setTimer(Math.max(1, (thinkNanos + 999_999) / 1_000_000), id -> {
                    thinkTimers[u] = -1;
                    next(u);
                });
            }
        });
    }

    private void finishUser() {
        if (--activeUsers == 0) {
            markDrained();
        }
    }

    private void park(int u) {
        parked[u] = true;
        parkedCount++;
        if (wakeTimer < 0) {
            wakeTimer = vertx.setPeriodic(PARK_CHECK_MS, id -> wake());
        }
    }

    private void unpark(int u) {
        parked[u] = false;
        if (--parkedCount == 0 && wakeTimer >= 0) {
            vertx.cancelTimer(wakeTimer);
            wakeTimer = -1;
        }
    }

    private void wake() {
        long offset = profileOffset(System.nanoTime());
        long level = Math.round(lane.profile().levelAt(offset));
        for (int u = 0; u < userIds.length; u++) {
            if (parked[u] && (userIds[u] < level || admission.stopped())) {
                unpark(u);
                next(u);
            }
        }
    }
}
