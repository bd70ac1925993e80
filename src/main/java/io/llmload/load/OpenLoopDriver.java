package io.llmload.load;

import io.llmload.client.ClientConfig;
import io.llmload.client.Exchange;
import io.llmload.load.schedule.ArrivalProcess;
import io.llmload.load.schedule.FireTimes;
import io.llmload.metrics.DriverStats;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-model load from one event loop: requests start at the arrival schedule's fire times
 * ({@link FireTimes}, the same sequence in every driver; this one takes indices
 * {@code i % drivers == index}), whatever the server does. Latency counts from each fire time, so
 * a late send shows up as schedule lag and latency, never as silence. An arrival that would exceed
 * the lane's {@code max_in_flight} is counted as dropped, not queued.
 */
final class OpenLoopDriver extends DriverBase {
    /** Arrivals handled back to back before yielding to I/O, so a late driver catches up without starving reads. */
    private static final int BURST = 64;

    private final int index;
    private final int drivers;
    private final AtomicInteger laneInFlight;
    private final ArrayDeque<Exchange> idle = new ArrayDeque<>();
    private FireTimes fireTimes;
    private long pendingDueNanos;
    private boolean issuing = true;
    private int outstanding;

    OpenLoopDriver(LanePlan lane, ClientConfig client, Admission admission, DriverStats stats, AtomicLong sequence,
                   int index, int drivers, AtomicInteger laneInFlight) {
        super(lane, client, admission, stats, sequence);
        this.index = index;
        this.drivers = drivers;
        this.laneInFlight = laneInFlight;
    }

    @Override
    protected void begin() {
        fireTimes = new FireTimes(lane.profile(), ArrivalProcess.of(lane.arrival(), lane.burstiness(), lane.seed()));
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
                pendingDueNanos = nextOwnDue();
                if (pendingDueNanos == Long.MAX_VALUE) {
                    stopIssuingNow();
                    return;
                }
            }
            long wait = pendingDueNanos - System.nanoTime();
            if (wait > 0) {
                vertx.timer(wait, TimeUnit.NANOSECONDS).onComplete(v -> run());
                return;
            }
            long due = pendingDueNanos;
            pendingDueNanos = 0;
            fire(due);
            if (++burst >= BURST) {
                context.runOnContext(v -> run());
                return;
            }
        }
    }

    /** The next fire time that belongs to this driver and was not skipped, as an absolute nanoTime. */
    private long nextOwnDue() {
        while (true) {
            long profileOffset = fireTimes.next();
            if (profileOffset == FireTimes.END) {
                return Long.MAX_VALUE;
            }
            if (fireTimes.index() % drivers != index) {
                continue;
            }
            long real = clock.realOffset(profileOffset);
            if (real >= 0) {
                return clock.runStartNanos() + real;
            }
        }
    }

    private void fire(long dueNanos) {
        Admission.Kind kind = admission.admit(dueNanos);
        if (kind == Admission.Kind.STOP) {
            stopIssuingNow();
            return;
        }
        boolean measured = kind == Admission.Kind.MEASURED;
        if (laneInFlight.incrementAndGet() > lane.maxInFlight()) {
            laneInFlight.decrementAndGet();
            stats.recordDropped(measured);
            return;
        }
        Exchange exchange = idle.isEmpty() ? newExchange() : idle.pop();
        outstanding++;
        launch(exchange, dueNanos, measured, outcome -> {
            laneInFlight.decrementAndGet();
            outstanding--;
            idle.push(exchange);
            if (!issuing && outstanding == 0) {
                markDrained();
            }
        });
    }

    private void stopIssuingNow() {
        if (!issuing) {
            return;
        }
        issuing = false;
        if (outstanding == 0) {
            markDrained();
        }
    }
}
