package io.llmload.cluster;

import io.llmload.metrics.Histograms;
import io.llmload.metrics.IntervalSnapshot;
import io.llmload.metrics.Metric;
import io.llmload.result.Summary;
import io.llmload.result.TimePoint;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Adds the agents' per-second {@link IntervalMessage}s into the cluster's seconds. Agents start
 * together, so their n-th intervals cover the same second: second n is emitted — as a
 * {@link TimePoint} for the report and an {@link IntervalSnapshot} for the live view — once every
 * agent still expected has sent its n-th interval, or when it is {@value #MAX_LAG} seconds behind
 * the newest one (an agent that is slow to report does not hold the live view up; what it sends
 * later still counts in the totals). Histograms are added, never percentiles averaged. It also
 * keeps each agent's running totals, which stand in for the result of an agent that is lost.
 *
 * <p>Thread contract: not thread-safe; the coordinator calls it from its event loop.
 */
final class IntervalMerger {
    static final int MAX_LAG = 3;

    private final Set<String> expected;
    private final Consumer<IntervalSnapshot> live;
    private final Map<String, Integer> lastSeq = new HashMap<>();
    private final Map<String, Running> running = new HashMap<>();
    private final TreeMap<Integer, Slot> pending = new TreeMap<>();
    private final List<TimePoint> series = new ArrayList<>();
    private int emitted;
    private int newest;
    private long lateIntervals;

    IntervalMerger(Set<String> agents, Consumer<IntervalSnapshot> live) {
        this.expected = new HashSet<>(agents);
        this.live = live;
        agents.forEach(a -> running.put(a, new Running()));
    }

    /** One agent's running totals since the trial started. */
    static final class Running {
        final Map<Metric, Histogram> histograms = new EnumMap<>(Metric.class);
        long succeeded;
        long failed;
        long input;
        long output;
        long dropped;
        double elapsedS;
        final Map<String, Long> errors = new TreeMap<>();

        Running() {
            for (Metric m : Metric.values()) {
                histograms.put(m, Histograms.create());
            }
        }
    }

    /** The cluster's second {@code seq}, built up from the agents' intervals. */
    private static final class Slot {
        final Set<String> from = new HashSet<>();
        final Map<Metric, Histogram> histograms = new EnumMap<>(Metric.class);
        final Map<String, Long> errors = new TreeMap<>();
        double elapsedS;
        boolean warmup;
        int stage = -1;
        double target;
        long requests;
        long succeeded;
        long errorCount;
        long dropped;
        long output;
        long input;
        long measuredOk;
        long measuredFailed;
        int inFlight;

        Slot() {
            for (Metric m : Metric.values()) {
                histograms.put(m, Histograms.create());
            }
        }
    }

    void add(IntervalMessage m) {
        Running r = running.get(m.agent());
        if (r == null) {
            return;
        }
        Map<Metric, Histogram> decoded = m.decodeHistograms();
        decoded.forEach((metric, h) -> r.histograms.get(metric).add(h));
        r.succeeded += m.measuredOk();
        r.failed += m.measuredFailed();
        r.input += m.inputTokens();
        r.output += m.outputTokens();
        r.dropped += m.dropped();
        r.elapsedS = Math.max(r.elapsedS, m.elapsedS());
        m.errorKinds().forEach((k, v) -> r.errors.merge(k, v, Long::sum));
        lastSeq.merge(m.agent(), m.seq(), Math::max);
        if (m.last()) {
            expected.remove(m.agent());
        }
        newest = Math.max(newest, m.seq());
        if (m.seq() <= emitted) {
            late(m);
        } else {
            Slot s = pending.computeIfAbsent(m.seq(), k -> new Slot());
            s.from.add(m.agent());
            decoded.forEach((metric, h) -> s.histograms.get(metric).add(h));
            s.elapsedS = Math.max(s.elapsedS, m.elapsedS());
            s.warmup |= m.warmup();
            s.stage = Math.max(s.stage, m.stage());
            s.target += m.target();
            s.requests += m.requests();
            s.succeeded += m.succeeded();
            s.errorCount += m.errors();
            s.dropped += m.dropped();
            s.output += m.outputTokens();
            s.input += m.inputTokens();
            s.measuredOk += m.measuredOk();
            s.measuredFailed += m.measuredFailed();
            s.inFlight += m.inFlight();
            m.errorKinds().forEach((k, v) -> s.errors.merge(k, v, Long::sum));
        }
        emitReady(false);
    }

    /** An agent that will send no more (lost, or its result came): seconds no longer wait for it. */
    void forget(String agent) {
        expected.remove(agent);
        emitReady(false);
    }

    /**
     * An agent's result has come, with its measured totals: whatever of them its intervals did not
     * bring (a last interval overtaken by the result, which is ignored from then on) goes to the
     * live view now, as one more snapshot, and into the counts of the last emitted second, so the
     * live totals and the time series end equal to the report's.
     */
    void settle(String agent, Summary result, Map<String, String> encodedHistograms) {
        Running r = running.get(agent);
        if (r == null || result == null) {
            return;
        }
        long ok = result.requests().succeeded() - r.succeeded;
        long failed = result.requests().failed() - r.failed;
        long input = result.tokens().input() - r.input;
        long output = result.tokens().output() - r.output;
        long dropped = result.requests().dropped() - r.dropped;
        Map<String, Long> errors = new TreeMap<>();
        result.requests().errors().forEach((kind, n) -> {
            long missing = n - r.errors.getOrDefault(kind, 0L);
            if (missing > 0) {
                errors.put(kind, missing);
            }
        });
        Map<Metric, Histogram> histograms = new EnumMap<>(Metric.class);
        boolean missingValues = false;
        for (Metric m : Metric.values()) {
            Histogram h = Histograms.create();
            String encoded = encodedHistograms == null ? null : encodedHistograms.get(m.key());
            if (encoded != null) {
                Histogram all = Histograms.decode(encoded);
                if (all.getTotalCount() > r.histograms.get(m).getTotalCount()) {
                    try {
                        all.subtract(r.histograms.get(m));
                        h = all;
                        missingValues = true;
                    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                        // counts the intervals have that the result does not: leave the values as they are
                    }
                }
            }
            histograms.put(m, h);
        }
        if (ok <= 0 && failed <= 0 && input <= 0 && output <= 0 && dropped <= 0 && errors.isEmpty() && !missingValues) {
            return;
        }
        ok = Math.max(0, ok);
        failed = Math.max(0, failed);
        input = Math.max(0, input);
        output = Math.max(0, output);
        dropped = Math.max(0, dropped);
        r.succeeded += ok;
        r.failed += failed;
        r.input += input;
        r.output += output;
        r.dropped += dropped;
        errors.forEach((k, v) -> r.errors.merge(k, v, Long::sum));
        histograms.forEach((m, h) -> r.histograms.get(m).add(h));
        lateIntervals++;
        double at = series.isEmpty() ? r.elapsedS : series.get(series.size() - 1).t();
        if (!series.isEmpty()) {
            TimePoint p = series.get(series.size() - 1);
            series.set(series.size() - 1, new TimePoint(p.t(), p.warmup(), p.stage(), p.target(), p.requests() + ok + failed,
                    p.succeeded() + ok, p.errors() + failed, p.dropped() + dropped, p.outputTokens() + output, p.inFlight(), p.ttftP50Ms(),
                    p.ttftP99Ms(), p.itlP50Ms(), p.itlP99Ms(), p.e2eP50Ms(), p.e2eP99Ms()));
        }
        TimePoint none = new TimePoint(at, false, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        live.accept(new IntervalSnapshot(none, at, histograms, ok, failed, errors, input, output, dropped, 0, 0));
    }

    /** Emits seconds that waited too long for a slow agent; call about once a second. */
    void tick() {
        emitReady(false);
    }

    /** Emits everything still pending; call when the trial is over. */
    void flush() {
        emitReady(true);
    }

    List<TimePoint> series() {
        return List.copyOf(series);
    }

    Running running(String agent) {
        return running.get(agent);
    }

    /** Intervals that arrived after their second had been emitted (counted in the totals, not in that second's percentiles). */
    long lateIntervals() {
        return lateIntervals;
    }

    private void emitReady(boolean all) {
        while (!pending.isEmpty()) {
            int seq = pending.firstKey();
            Slot s = pending.get(seq);
            boolean complete = true;
            for (String agent : expected) {
                if (!s.from.contains(agent)) {
                    complete = false;
                    break;
                }
            }
            if (!(all || complete || newest - seq >= MAX_LAG)) {
                return;
            }
            pending.remove(seq);
            emitted = seq;
            emit(s);
        }
    }

    private void emit(Slot s) {
        Histogram ttft = s.histograms.get(Metric.TTFT);
        Histogram itl = s.histograms.get(Metric.ITL);
        Histogram e2e = s.histograms.get(Metric.E2E);
        TimePoint p = new TimePoint(s.elapsedS, s.warmup, s.stage, round3(s.target), s.requests, s.succeeded, s.errorCount, s.dropped,
                s.output, s.inFlight, ms(ttft, 50), ms(ttft, 99), ms(itl, 50), ms(itl, 99), ms(e2e, 50), ms(e2e, 99));
        series.add(p);
        live.accept(new IntervalSnapshot(p, s.elapsedS, s.histograms, s.measuredOk, s.measuredFailed, s.errors, s.input, s.output,
                s.dropped, s.inFlight, 0));
    }

    /** A late interval joins the counts of its already emitted second (its percentiles stay as they were). */
    private void late(IntervalMessage m) {
        lateIntervals++;
        int i = Math.min(m.seq(), series.size()) - 1; // agents number their seconds 1, 2, ... without gaps
        if (i < 0) {
            return;
        }
        TimePoint p = series.get(i);
        series.set(i, new TimePoint(p.t(), p.warmup(), p.stage(), p.target(), p.requests() + m.requests(), p.succeeded() + m.succeeded(),
                p.errors() + m.errors(), p.dropped() + m.dropped(), p.outputTokens() + m.outputTokens(), p.inFlight(), p.ttftP50Ms(),
                p.ttftP99Ms(), p.itlP50Ms(), p.itlP99Ms(), p.e2eP50Ms(), p.e2eP99Ms()));
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
