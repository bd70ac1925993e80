package io.llmload.load;

import io.llmload.load.schedule.ArrivalProcess;
import io.llmload.load.schedule.FireTimes;
import io.vertx.core.buffer.Buffer;

/**
 * The open model's seeded arrival schedule ({@link FireTimes}, the same sequence in every driver),
 * of which this driver takes indices {@code i % drivers == index}; arrivals that fall in the
 * skipped part of an automatic warmup are passed over. Thread contract: one driver's event loop.
 */
final class ScheduleArrivals implements Arrivals {
    private final FireTimes fireTimes;
    private final RunClock clock;
    private final int index;
    private final int drivers;

    ScheduleArrivals(LanePlan lane, RunClock clock, int index, int drivers) {
        this.fireTimes = new FireTimes(lane.profile(), ArrivalProcess.of(lane.arrival(), lane.burstiness(), lane.seed()));
        this.clock = clock;
        this.index = index;
        this.drivers = drivers;
    }

    @Override
    public long next(Runnable ready) {
        while (true) {
            long profileOffset = fireTimes.next();
            if (profileOffset == FireTimes.END) {
                return END;
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

    @Override
    public long sequence() {
        return -1;
    }

    @Override
    public Buffer body() {
        return null;
    }
}
