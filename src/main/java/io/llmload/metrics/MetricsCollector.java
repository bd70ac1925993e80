package io.llmload.metrics;

import io.llmload.client.TokenSource;
import io.llmload.result.Goodput;
import io.llmload.result.LatencyStats;
import io.llmload.result.RequestCounts;
import io.llmload.result.Summary;
import io.llmload.result.Throughput;
import io.llmload.result.TimePoint;
import io.llmload.result.TokenCounts;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * The single reader of all drivers' {@link DriverStats}: once a second it takes every driver's
 * interval histograms, adds them to the cumulative histograms of the driver's lane and of the
 * whole run (histograms are added, never percentiles averaged), and appends a {@link TimePoint}.
 * Per-turn histograms of conversations are gathered the same way. At the end it computes a
 * {@link Summary} per lane and for the run. Thread contract: all methods
 * are synchronized; call them from one periodic timer and once at the end.
 */
public final class MetricsCollector {
    private final List<DriverStats> drivers;
    private final int[] laneOf;
    private final int lanes;
    private final long runStartNanos;
    private final LongSupplier warmupEndNanos;
    private final GoodputRule goodput;
    private final Map<Metric, Histogram> total = new EnumMap<>(Metric.class);
    private final List<Map<Metric, Histogram>> perLane = new ArrayList<>();
    private final Map<Metric, Histogram> interval = new EnumMap<>(Metric.class);
    private final Histogram warmupTtft = Histograms.create();
    private final List<TimePoint> series = new ArrayList<>();
    private final Counters last = new Counters();
    private final TurnTotals totalTurns;
    private final List<TurnTotals> laneTurns = new ArrayList<>();
    private long lastSampleNanos;

    /**
     * @param laneOf         the lane of each driver, by position
     * @param warmupEndNanos the absolute end of warmup (Long.MAX_VALUE while undecided)
     */
    public MetricsCollector(List<DriverStats> drivers, int[] laneOf, int lanes, long runStartNanos, LongSupplier warmupEndNanos,
                            GoodputRule goodput) {
        this.drivers = List.copyOf(drivers);
        this.laneOf = laneOf.clone();
        this.lanes = lanes;
        this.runStartNanos = runStartNanos;
        this.warmupEndNanos = warmupEndNanos;
        this.goodput = goodput;
        this.lastSampleNanos = runStartNanos;
        for (Metric m : Metric.values()) {
            total.put(m, Histograms.create());
            interval.put(m, Histograms.create());
        }
        for (int l = 0; l < lanes; l++) {
            Map<Metric, Histogram> h = new EnumMap<>(Metric.class);
            for (Metric m : Metric.values()) {
                h.put(m, Histograms.create());
            }
            perLane.add(h);
        }
        int turns = 0;
        for (DriverStats d : drivers) {
            turns = Math.max(turns, d.turns == null ? 0 : d.turns.turns);
        }
        totalTurns = new TurnTotals(turns);
        for (int l = 0; l < lanes; l++) {
            laneTurns.add(new TurnTotals(turns));
        }
    }

    /** A single-lane collector. */
    public MetricsCollector(List<DriverStats> drivers, long runStartNanos, long warmupEndNanos) {
        this(drivers, new int[drivers.size()], 1, runStartNanos, () -> warmupEndNanos, GoodputRule.NONE);
    }

    /** Running totals over a set of drivers. */
    private static final class Counters {
        long succeeded;
        long failed;
        long cancelled;
        long cancelledBeforeFirstToken;
        long warmupEnded;
        long warmupFailed;
        long output;
        long reasoning;
        long toolCallAnswers;
        long input;
        long dropped;
        long items;
        final Map<String, Long> errors = new TreeMap<>();

        static Counters of(List<DriverStats> list) {
            Counters c = new Counters();
            for (DriverStats d : list) {
                c.succeeded += d.succeeded.get();
                c.failed += d.failed.get();
                c.cancelled += d.cancelled.get();
                c.cancelledBeforeFirstToken += d.cancelledBeforeFirstToken.get();
                c.warmupEnded += d.warmupEnded.get();
                c.warmupFailed += d.warmupFailed.get();
                c.output += d.outputTokens.get();
                c.reasoning += d.reasoningTokens.get();
                c.toolCallAnswers += d.toolCallAnswers.get();
                c.input += d.inputTokens.get();
                c.dropped += d.dropped.get();
                c.items += d.items.get();
                d.errors.forEach((k, v) -> c.errors.merge(k, v.sum(), Long::sum));
            }
            return c;
        }
    }

    /**
     * Pulls everything recorded since the last call, appends it to the time series and returns it
     * with the interval's histograms and counter increments.
     *
     * @param stage  the load stage now (-1 in warmup)
     * @param target the planned level now (users, or requests per second)
     */
    public synchronized IntervalSnapshot sample(long nowNanos, int stage, double target) {
        interval.values().forEach(Histogram::reset);
        Histogram warmupInterval = Histograms.create();
        int inFlight = 0;
        for (int i = 0; i < drivers.size(); i++) {
            DriverStats d = drivers.get(i);
            for (Metric m : Metric.values()) {
                Histogram h = d.takeInterval(m);
                interval.get(m).add(h);
                total.get(m).add(h);
                perLane.get(laneOf[i]).get(m).add(h);
            }
            warmupInterval.add(d.takeWarmupTtft());
            inFlight += Math.max(0, d.inFlight());
            if (d.turns != null) {
                TurnTotals.take(d.turns, totalTurns, laneTurns.get(laneOf[i]));
            }
        }
        warmupTtft.add(warmupInterval);
        Counters now = Counters.of(drivers);
        long dSucceeded = now.succeeded - last.succeeded;
        long dFailed = now.failed - last.failed;
        long dCancelled = now.cancelled - last.cancelled;
        long dWarmup = now.warmupEnded - last.warmupEnded;
        long dWarmupFailed = now.warmupFailed - last.warmupFailed;
        long dDropped = now.dropped - last.dropped;
        Map<String, Long> errorDeltas = new TreeMap<>();
        now.errors.forEach((k, v) -> {
            long delta = v - last.errors.getOrDefault(k, 0L);
            if (delta != 0) {
                errorDeltas.put(k, delta);
            }
        });
        IntervalSnapshot snapshot;
        Histogram ttft = interval.get(Metric.TTFT);
        Histogram itl = interval.get(Metric.ITL);
        Histogram e2e = interval.get(Metric.E2E);
        boolean warmup = lastSampleNanos < warmupEndNanos.getAsLong();
        double elapsedS = round3((nowNanos - runStartNanos) / 1e9);
        TimePoint point = new TimePoint(elapsedS, warmup, stage, round3(target), dSucceeded + dFailed + dCancelled + dWarmup,
                dSucceeded + dWarmup - dWarmupFailed, dFailed + dWarmupFailed, dCancelled, dDropped, now.output - last.output, inFlight,
                ms(ttft, 50), ms(ttft, 99), ms(itl, 50), ms(itl, 99), ms(e2e, 50), ms(e2e, 99));
        series.add(point);
        Map<Metric, Histogram> copies = new EnumMap<>(Metric.class);
        interval.forEach((m, h) -> copies.put(m, h.copy()));
        snapshot = new IntervalSnapshot(point, elapsedS, copies, dSucceeded, dFailed, errorDeltas, now.input - last.input,
                now.output - last.output, dDropped, inFlight, ms(warmupInterval, 50), now.reasoning - last.reasoning);
        last.succeeded = now.succeeded;
        last.failed = now.failed;
        last.cancelled = now.cancelled;
        last.warmupEnded = now.warmupEnded;
        last.warmupFailed = now.warmupFailed;
        last.output = now.output;
        last.reasoning = now.reasoning;
        last.input = now.input;
        last.dropped = now.dropped;
        last.errors.putAll(now.errors);
        lastSampleNanos = nowNanos;
        return snapshot;
    }

    public synchronized List<TimePoint> series() {
        return List.copyOf(series);
    }

    /** The cumulative histogram of one metric over the whole run (a copy). */
    public synchronized Histogram cumulative(Metric metric) {
        return total.get(metric).copy();
    }

    /** The cumulative histogram of one metric for one lane (a copy). */
    public synchronized Histogram cumulative(int lane, Metric metric) {
        return perLane.get(lane).get(metric).copy();
    }

    /** Every metric's histogram, and per turn of conversations {@code turn<k>.ttft} and {@code turn<k>.e2e}. */
    public synchronized Map<String, String> encodedHistograms() {
        return encode(total, totalTurns);
    }

    public synchronized Map<String, String> encodedHistograms(int lane) {
        return encode(perLane.get(lane), laneTurns.get(lane));
    }

    private static Map<String, String> encode(Map<Metric, Histogram> histograms, TurnTotals turns) {
        Map<String, String> out = new LinkedHashMap<>();
        histograms.forEach((m, h) -> out.put(m.key(), Histograms.encode(h)));
        turns.encodeInto(out);
        return out;
    }

    /** The name of a per-turn histogram in reports, e.g. {@code turn2.ttft}. */
    public static String turnKey(int turn, String metric) {
        return TurnTotals.key(turn, metric);
    }

    /** Requests ended so far, measured or not. */
    public synchronized long endedSoFar() {
        Counters c = Counters.of(drivers);
        return c.succeeded + c.failed + c.warmupEnded;
    }

    /** Requests that succeeded so far, warmup included; zero after many ended means nothing works. */
    public synchronized long succeededSoFar() {
        Counters c = Counters.of(drivers);
        return c.succeeded + c.warmupEnded - c.warmupFailed;
    }

    /** Requests in flight right now, across drivers. */
    public synchronized int inFlight() {
        int n = 0;
        for (DriverStats d : drivers) {
            n += Math.max(0, d.inFlight());
        }
        return n;
    }

    /** Error samples of every request so far, warmup included, to explain a run where nothing works. */
    public synchronized Map<String, String> allErrorSamples() {
        Map<String, String> samples = new TreeMap<>();
        drivers.forEach(d -> d.errorSamples.forEach(samples::putIfAbsent));
        return samples;
    }

    /** The measured window of a lane (or of the run for lane -1) in seconds: first measured start to last measured end. */
    public synchronized double measuredSeconds(int lane) {
        long first = Long.MAX_VALUE;
        long lastEnd = 0;
        for (DriverStats d : of(lane)) {
            first = Math.min(first, d.firstMeasuredStartNanos.get());
            lastEnd = Math.max(lastEnd, d.lastMeasuredEndNanos.get());
        }
        return first == Long.MAX_VALUE || lastEnd <= first ? 0 : (lastEnd - first) / 1e9;
    }

    /** The last send of a measured request in a lane (or the run for -1), as nanoTime; 0 if none. */
    public synchronized long lastMeasuredSendNanos(int lane) {
        long last = 0;
        for (DriverStats d : of(lane)) {
            last = Math.max(last, d.lastMeasuredSendNanos.get());
        }
        return last;
    }

    /** The summary of the whole run; call after a final {@link #sample}. */
    public synchronized Summary summary() {
        return summary(-1);
    }

    /** The summary of one lane (or of the whole run for -1); call after a final {@link #sample}. */
    public synchronized Summary summary(int lane) {
        return summary(lane, measuredSeconds(lane));
    }

    /** The summary of one lane with rates over {@code windowS} seconds (an interleaved lane's own slices). */
    public synchronized Summary summary(int lane, double windowS) {
        List<DriverStats> list = of(lane);
        Counters c = Counters.of(list);
        long incomplete = 0;
        long incompleteRetrying = 0;
        long unstreamed = 0;
        long goodputMet = 0;
        Map<String, String> samples = new TreeMap<>();
        Map<String, Long> retries = new TreeMap<>();
        long[] sources = new long[TokenSource.values().length];
        long[] reasoningSources = new long[TokenSource.values().length];
        for (DriverStats d : list) {
            incomplete += d.incomplete.get();
            incompleteRetrying += d.incompleteRetrying.get();
            unstreamed += d.unstreamed.get();
            goodputMet += d.goodputMet.get();
            d.errorSamples.forEach(samples::putIfAbsent);
            d.retries.forEach((k, v) -> retries.merge(k, v.sum(), Long::sum));
            for (TokenSource s : TokenSource.values()) {
                sources[s.ordinal()] += d.outputSource(s);
                reasoningSources[s.ordinal()] += d.reasoningSource(s);
            }
        }
        samples.keySet().retainAll(c.errors.keySet());
        double window = windowS;
        Map<Metric, Histogram> histograms = lane < 0 ? total : perLane.get(lane);
        String itemsLabel = itemsLabel(list);
        Map<String, LatencyStats> latency = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            if (itemsLabel == null || !Summary.TOKEN_METRICS.contains(m.key())) {
                latency.put(m.key(), stats(histograms.get(m)));
            }
        }
        Map<String, Long> sourceCounts = new LinkedHashMap<>();
        String source = leastExact(sources, sourceCounts);
        Map<String, Long> reasoningSourceCounts = new LinkedHashMap<>();
        String reasoningSource = leastExact(reasoningSources, reasoningSourceCounts);
        Throughput throughput = window <= 0 ? new Throughput(0, 0, 0)
                : new Throughput(round3(c.succeeded / window), round3(c.output / window), round3((c.input + c.output) / window));
        TokenCounts tokens = new TokenCounts(c.input, c.output, source, sourceCounts)
                .withReasoning(c.reasoning, reasoningSource, reasoningSourceCounts).withToolCallAnswers(c.toolCallAnswers);
        if (itemsLabel != null) {
            // embeddings, rerank: no token stream, so what they have instead (input tokens/s, items/s)
            tokens = new TokenCounts(c.input, 0, null, Map.of()).withItems(c.items, itemsLabel);
            throughput = window <= 0 ? Throughput.ofItems(0, 0, 0)
                    : Throughput.ofItems(round3(c.succeeded / window), round3(c.input / window), round3(c.items / window));
        }
        Goodput good = goodput.active() ? new Goodput(goodputSlo(), goodputMet, window <= 0 ? 0 : round3(goodputMet / window),
                c.succeeded == 0 ? 0 : round3((double) goodputMet / c.succeeded)) : null;
        long retryCount = retries.values().stream().mapToLong(Long::longValue).sum();
        return new Summary(new RequestCounts(c.succeeded + c.failed + incomplete + c.cancelled, c.succeeded, c.failed, incomplete,
                c.dropped, c.errors, samples, retryCount, retries, c.cancelled, c.cancelledBeforeFirstToken, incompleteRetrying,
                unstreamed),
                tokens, throughput, good, latency, List.of(),
                (lane < 0 ? totalTurns : laneTurns.get(lane)).summary(list));
    }

    /**
     * What the answers of these drivers carry instead of tokens (vectors, documents), or null when
     * some driver's API answers with tokens; {@code items} when vector APIs of different kinds are mixed.
     */
    private static String itemsLabel(List<DriverStats> list) {
        String label = null;
        for (DriverStats d : list) {
            if (d.itemsLabel == null) {
                return null;
            }
            label = label == null || label.equals(d.itemsLabel) ? d.itemsLabel : "items";
        }
        return label;
    }

    /** Fills {@code counts} with the sources used (by label) and returns the least exact one (usage when none). */
    private static String leastExact(long[] bySource, Map<String, Long> counts) {
        String source = TokenSource.USAGE.label();
        for (TokenSource s : TokenSource.values()) {
            if (bySource[s.ordinal()] > 0) {
                counts.put(s.label(), bySource[s.ordinal()]);
                source = s.label(); // enum order is best first, so the last one present is the least exact
            }
        }
        return source;
    }

    private Map<String, Double> goodputSlo() {
        Map<String, Double> slo = new LinkedHashMap<>();
        if (goodput.ttftNanos() >= 0) {
            slo.put("ttft", goodput.ttftNanos() / 1e6);
        }
        if (goodput.tpotNanos() >= 0) {
            slo.put("tpot", goodput.tpotNanos() / 1e6);
        }
        if (goodput.itlNanos() >= 0) {
            slo.put("itl", goodput.itlNanos() / 1e6);
        }
        if (goodput.e2eNanos() >= 0) {
            slo.put("e2e", goodput.e2eNanos() / 1e6);
        }
        return slo;
    }

    private List<DriverStats> of(int lane) {
        if (lane < 0) {
            return drivers;
        }
        List<DriverStats> out = new ArrayList<>();
        for (int i = 0; i < drivers.size(); i++) {
            if (laneOf[i] == lane) {
                out.add(drivers.get(i));
            }
        }
        return out;
    }

    public int lanes() {
        return lanes;
    }

    /** The distribution of a histogram of microseconds, in milliseconds. */
    public static LatencyStats stats(Histogram h) {
        if (h.getTotalCount() == 0) {
            return LatencyStats.EMPTY;
        }
        return new LatencyStats(h.getTotalCount(), msValue(h.getMinValue()), round3(h.getMean() / 1000.0),
                ms(h, 50), ms(h, 90), ms(h, 95), ms(h, 99), ms(h, 99.9), msValue(h.getMaxValue()));
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : msValue(h.getValueAtPercentile(percentile));
    }

    private static double msValue(long micros) {
        return micros / 1000.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
