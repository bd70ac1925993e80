package io.llmload.client;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;

/**
 * Enforces the first-token, idle and total limits of a driver's exchanges with one periodic
 * timer instead of a timer per request or per chunk. The period is a twentieth of the shortest
 * limit (between 5 ms and 250 ms), so a limit is enforced within about 5% of its value.
 *
 * <p>Thread contract: start and stop it on the driver's event loop; it runs there.
 */
public final class TimeoutWatchdog {
    private final Vertx vertx;
    private final List<Exchange> exchanges;
    private final long firstTokenNanos;
    private final long idleNanos;
    private final long totalNanos;
    private final long periodMs;
    private long timerId = -1;

    public TimeoutWatchdog(Vertx vertx, List<Exchange> exchanges, Duration firstToken, Duration idle, Duration total) {
        this.vertx = vertx;
        this.exchanges = exchanges;
        this.firstTokenNanos = firstToken.toNanos();
        this.idleNanos = idle.toNanos();
        this.totalNanos = total.toNanos();
        long shortestMs = Math.min(firstToken.toMillis(), Math.min(idle.toMillis(), total.toMillis()));
        this.periodMs = Math.max(5, Math.min(250, shortestMs / 20));
    }

    public void start() {
        timerId = vertx.setPeriodic(periodMs, id -> sweep());
    }

    public void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (int i = 0; i < exchanges.size(); i++) {
            exchanges.get(i).checkTimeouts(now, firstTokenNanos, idleNanos, totalNanos);
        }
    }
}
