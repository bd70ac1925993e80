package io.llmload.metrics;

import io.llmload.result.TurnStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The cumulative per-turn TTFT and end-to-end histograms of conversations, for one lane or the
 * whole run (index 0 is turn 1), and the per-turn summary built from them and the drivers'
 * counters. Thread contract: used by {@link MetricsCollector} under its lock.
 */
final class TurnTotals {
    private final Histogram[] ttft;
    private final Histogram[] e2e;

    TurnTotals(int turns) {
        ttft = new Histogram[turns];
        e2e = new Histogram[turns];
        for (int i = 0; i < turns; i++) {
            ttft[i] = Histograms.create();
            e2e[i] = Histograms.create();
        }
    }

    static String key(int turn, String metric) {
        return "turn" + turn + "." + metric;
    }

    /** Takes a driver's interval histograms of every turn into the run's and its lane's totals. */
    static void take(TurnRecorders from, TurnTotals total, TurnTotals lane) {
        for (int t = 0; t < from.turns; t++) {
            Histogram ttft = from.takeTtft(t);
            Histogram e2e = from.takeE2e(t);
            total.ttft[t].add(ttft);
            total.e2e[t].add(e2e);
            lane.ttft[t].add(ttft);
            lane.e2e[t].add(e2e);
        }
    }

    /** Adds {@code turn<k>.ttft} and {@code turn<k>.e2e} for every turn that saw a request. */
    void encodeInto(Map<String, String> out) {
        for (int t = 0; t < ttft.length; t++) {
            if (e2e[t].getTotalCount() > 0) {
                out.put(key(t + 1, "ttft"), Histograms.encode(ttft[t]));
                out.put(key(t + 1, "e2e"), Histograms.encode(e2e[t]));
            }
        }
    }

    /** One entry per turn up to the last that saw a request, or null when these drivers ran no conversations. */
    List<TurnStats> summary(List<DriverStats> drivers) {
        int turns = 0;
        for (DriverStats d : drivers) {
            turns = Math.max(turns, d.turns == null ? 0 : d.turns.turns);
        }
        if (turns == 0) {
            return null;
        }
        List<TurnStats> out = new ArrayList<>();
        for (int t = 0; t < turns; t++) {
            long ok = 0;
            long failed = 0;
            long cancelled = 0;
            long dropped = 0;
            long input = 0;
            long inputCounted = 0;
            long output = 0;
            for (DriverStats d : drivers) {
                TurnRecorders r = d.turns;
                if (r == null || t >= r.turns) {
                    continue;
                }
                ok += r.succeeded.get(t);
                failed += r.failed.get(t);
                cancelled += r.cancelled.get(t);
                dropped += r.dropped.get(t);
                input += r.inputTokens.get(t);
                inputCounted += r.inputCounted.get(t);
                output += r.outputTokens.get(t);
            }
            out.add(new TurnStats(t + 1, ok + failed + cancelled, ok, failed, cancelled, dropped,
                    inputCounted == 0 ? null : round3((double) input / inputCounted), ok == 0 ? null : round3((double) output / ok),
                    MetricsCollector.stats(ttft[t]), MetricsCollector.stats(e2e[t])));
        }
        while (out.size() > 1 && out.get(out.size() - 1).requests() == 0 && out.get(out.size() - 1).dropped() == 0) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
