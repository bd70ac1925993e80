package io.llmload.load;

import io.llmload.load.schedule.ArrivalProcess;
import io.llmload.load.schedule.FireTimes;
import io.llmload.result.LoadInfo;
import io.llmload.result.StageInfo;
import io.llmload.result.Summary;
import io.llmload.load.schedule.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * After a run, how the load went against its plan: the scheduled and achieved rates of an open
 * model and whether the client kept up, and the stages on the run's real timeline. With
 * conversations the open model's rates count conversations (their first turns): arrivals open
 * them, and the follow-up turns come on top.
 */
final class LoadAccounting {
    static final double MAX_LAG_P99_MS = 5.0;
    static final double MIN_ACHIEVED_FRACTION = 0.99;

    private LoadAccounting() {
    }

    /**
     * @param lastSendNanos the last measured send (absolute nanoTime), 0 if none
     */
    static LoadInfo of(LanePlan lane, RunClock clock, Summary s, long lastSendNanos, boolean stoppedEarly) {
        if (!lane.open()) {
            return new LoadInfo("closed", null, null, null, null, null, null, lane.maxConcurrency(), false, null);
        }
        long from = clock.warmupNanos();
        long measureEnd = clock.measureEndNanos();
        long to = measureEnd == Long.MAX_VALUE ? Math.max(from, lastSendNanos - clock.runStartNanos()) : measureEnd - clock.runStartNanos();
        double windowS = (Math.max(to, lastSendNanos - clock.runStartNanos()) - from) / 1e9;
        List<String> why = new ArrayList<>();
        double lagP99 = s.latency("schedule_lag").p99();
        if (lagP99 > MAX_LAG_P99_MS) {
            why.add(String.format(Locale.ROOT, "schedule lag p99 %.1f ms > %.0f ms: sends fell behind the schedule", lagP99, MAX_LAG_P99_MS));
        }
        if (lane.trace() != null) {
            return trace(lane, s, windowS, why);
        }
        boolean conversations = s.turns() != null && !s.turns().isEmpty();
        long scheduled = scheduledBetween(lane, clock, from, to);
        double plannedS = (to - from) / 1e9;
        double targetRate = plannedS > 0 ? scheduled / plannedS : 0;
        long sent = conversations ? s.turns().get(0).requests() : s.requests().total();
        long issued = sent + (conversations ? s.turns().get(0).dropped() : s.requests().dropped());
        double achieved = windowS > 0 ? sent / windowS : 0;
        double issuedRate = windowS > 0 ? issued / windowS : 0;
        if (!stoppedEarly && scheduled > 0 && issuedRate < MIN_ACHIEVED_FRACTION * targetRate) {
            why.add(String.format(Locale.ROOT, "issued %.2f req/s against %.2f scheduled (%.1f%% short)", issuedRate, targetRate,
                    100 * (1 - issuedRate / targetRate)));
        }
        return new LoadInfo("open", lane.arrival(), "gamma".equals(lane.arrival()) ? lane.burstiness() : null, round(targetRate),
                round(achieved), scheduled, lane.maxInFlight(), null, !why.isEmpty(), why.isEmpty() ? null : String.join("; ", why),
                conversations ? "conversations" : "requests", null);
    }

    /**
     * A replayed trace: its target rate is its mean rate (records over its span); a driver never
     * skips a record, it only sends late, so the schedule lag alone tells whether the client kept up.
     */
    private static LoadInfo trace(LanePlan lane, Summary s, double windowS, List<String> why) {
        long records = lane.trace().records();
        double spanS = lane.trace().spanNanos() / 1e9;
        double target = spanS > 0 ? records / spanS : 0;
        double achieved = windowS > 0 ? s.requests().total() / windowS : 0;
        return new LoadInfo("trace", null, null, round(target), round(achieved), null, lane.maxInFlight(), null, !why.isEmpty(),
                why.isEmpty() ? null : String.join("; ", why), "requests",
                new LoadInfo.TraceReplay(lane.trace().path().getFileName().toString(), records, round(spanS), lane.trace().timeScale()));
    }

    /** Arrivals of this lane's schedule due in [fromOffset, toOffset) of real time, counted by replaying the schedule. */
    static long scheduledBetween(LanePlan lane, RunClock clock, long fromOffset, long toOffset) {
        FireTimes f = new FireTimes(lane.profile(), ArrivalProcess.of(lane.arrival(), lane.burstiness(), lane.seed()));
        long n = 0;
        for (long p = f.next(); p != FireTimes.END; p = f.next()) {
            long real = clock.realOffset(p);
            if (real >= toOffset) {
                break;
            }
            if (real >= fromOffset) {
                n++;
            }
        }
        return n;
    }

    /**
     * The scenario's stages on the run's real timeline (warmup excluded). Consecutive segments of
     * one stage (an interleaved lane's slices) are shown as that one stage at its highest level.
     */
    static List<StageInfo> stages(LanePlan lane, RunClock clock, List<String> ramps) {
        List<StageInfo> out = new ArrayList<>();
        List<Segment> segments = lane.profile().segments();
        int i = 0;
        while (i < segments.size()) {
            Segment first = segments.get(i);
            int j = i;
            double level = 0;
            while (j < segments.size() && segments.get(j).stage() == first.stage()) {
                level = Math.max(level, Math.max(segments.get(j).from(), segments.get(j).to()));
                j++;
            }
            Segment lastOfStage = segments.get(j - 1);
            i = j;
            if (first.stage() < 0) {
                continue;
            }
            long start = clock.realOffset(first.startNanos());
            long end = clock.realOffset(lastOfStage.endNanos());
            if (start < 0 || end < 0) {
                continue;
            }
            String ramp = first.stage() < ramps.size() ? ramps.get(first.stage()) : "step";
            double shown = "linear".equals(ramp) ? lastOfStage.to() : level;
            out.add(new StageInfo(first.stage(), round(start / 1e9), round(end / 1e9), lane.open() ? null : shown,
                    lane.open() ? shown : null, ramp));
        }
        return out;
    }

    /**
     * Seconds of the planned measured time in which a lane was switched on (all of it unless
     * variants are interleaved), so an interleaved variant's rates are per second of its own slices.
     */
    static double activeSeconds(LanePlan lane, RunClock clock, double measuredS) {
        long measureEnd = clock.measureEndNanos();
        if (measureEnd == Long.MAX_VALUE) {
            return measuredS;
        }
        long from = clock.profileOffset(clock.warmupNanos());
        long to = from + (measureEnd - clock.warmupEndNanos());
        long on = 0;
        for (Segment seg : lane.profile().segments()) {
            long a = Math.max(from, seg.startNanos());
            long b = Math.min(to, seg.endNanos());
            if (b > a && (seg.from() > 0 || seg.to() > 0)) {
                on += b - a;
            }
        }
        return on == 0 ? measuredS : on / 1e9;
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
