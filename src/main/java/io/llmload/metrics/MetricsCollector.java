package io.llmload.metrics;

import io.llmload.client.TokenSource;
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
import org.HdrHistogram.Histogram;

/**
 * The single reader of all drivers' {@link DriverStats}: once a second it takes every driver's
 * interval histograms, adds them to the run's cumulative histograms (histograms are added, never
 * percentiles averaged), and appends a {@link TimePoint}. At the end it computes the
 * {@link Summary}. Thread contract: all methods are synchronized; call them from one periodic
 * timer and once at the end.
 */
public final class MetricsCollector {
    private final List<DriverStats> drivers;
    private final long runStartNanos;
    private final long warmupEndNanos;
    private final Map<Metric, Histogram> cumulative = new EnumMap<>(Metric.class);
    private final Map<Metric, Histogram> interval = new EnumMap<>(Metric.class);
    private final List<TimePoint> series = new ArrayList<>();
    private long lastSucceeded;
    private long lastFailed;
    private long lastWarmupEnded;
    private long lastWarmupFailed;
    private long lastOutput;
    private long lastInput;
    private long lastSampleNanos;
    private final Map<String, Long> lastErrors = new TreeMap<>();

    public MetricsCollector(List<DriverStats> drivers, long runStartNanos, long warmupEndNanos) {
        this.drivers = List.copyOf(drivers);
        this.runStartNanos = runStartNanos;
        this.warmupEndNanos = warmupEndNanos;
        this.lastSampleNanos = runStartNanos;
        for (Metric m : Metric.values()) {
            cumulative.put(m, Histograms.create());
            interval.put(m, Histograms.create());
        }
    }

    /**
     * Pulls everything recorded since the last call, appends it to the time series and returns it
     * with the interval's histograms and counter increments.
     */
    public synchronized IntervalSnapshot sample(long nowNanos) {
        interval.values().forEach(Histogram::reset);
        long succeeded = 0;
        long failed = 0;
        long warmupEnded = 0;
        long warmupFailed = 0;
        long output = 0;
        long input = 0;
        int inFlight = 0;
        Map<String, Long> errors = new TreeMap<>();
        for (DriverStats d : drivers) {
            for (Metric m : Metric.values()) {
                Histogram h = d.takeInterval(m);
                interval.get(m).add(h);
                cumulative.get(m).add(h);
            }
            succeeded += d.succeeded.get();
            failed += d.failed.get();
            warmupEnded += d.warmupEnded.get();
            warmupFailed += d.warmupFailed.get();
            output += d.outputTokens.get();
            input += d.inputTokens.get();
            inFlight += Math.max(0, d.inFlight());
            d.errors.forEach((k, v) -> errors.merge(k, v.sum(), Long::sum));
        }
        long dSucceeded = succeeded - lastSucceeded;
        long dFailed = failed - lastFailed;
        long dWarmup = warmupEnded - lastWarmupEnded;
        long dWarmupFailed = warmupFailed - lastWarmupFailed;
        long dOutput = output - lastOutput;
        long dInput = input - lastInput;
        Map<String, Long> errorDeltas = new TreeMap<>();
        errors.forEach((k, v) -> {
            long d = v - lastErrors.getOrDefault(k, 0L);
            if (d != 0) {
                errorDeltas.put(k, d);
            }
        });
        lastErrors.putAll(errors);
        lastSucceeded = succeeded;
        lastFailed = failed;
        lastWarmupEnded = warmupEnded;
        lastWarmupFailed = warmupFailed;
        lastOutput = output;
        lastInput = input;
        Histogram ttft = interval.get(Metric.TTFT);
        Histogram itl = interval.get(Metric.ITL);
        Histogram e2e = interval.get(Metric.E2E);
        boolean warmup = lastSampleNanos < warmupEndNanos;
        lastSampleNanos = nowNanos;
        double elapsedS = round3((nowNanos - runStartNanos) / 1e9);
        TimePoint point = new TimePoint(elapsedS, warmup,
                dSucceeded + dFailed + dWarmup, dSucceeded + dWarmup - dWarmupFailed, dFailed + dWarmupFailed, dOutput,
                inFlight, ms(ttft, 50), ms(ttft, 99), ms(itl, 50), ms(itl, 99), ms(e2e, 50), ms(e2e, 99));
        series.add(point);
        Map<Metric, Histogram> copies = new EnumMap<>(Metric.class);
        interval.forEach((m, h) -> copies.put(m, h.copy()));
        return new IntervalSnapshot(point, elapsedS, copies, dSucceeded, dFailed, errorDeltas, dInput, dOutput, 0, inFlight);
    }

    public synchronized List<TimePoint> series() {
        return List.copyOf(series);
    }

    /** The cumulative histogram of one metric (a copy). */
    public synchronized Histogram cumulative(Metric metric) {
        return cumulative.get(metric).copy();
    }

    public synchronized Map<String, String> encodedHistograms() {
        Map<String, String> out = new LinkedHashMap<>();
        cumulative.forEach((m, h) -> out.put(m.key(), Histograms.encode(h)));
        return out;
    }

    /** Requests ended so far, measured or not; for the live view and stop decisions. */
    public synchronized long endedSoFar() {
        long n = 0;
        for (DriverStats d : drivers) {
            n += d.succeeded.get() + d.failed.get() + d.warmupEnded.get();
        }
        return n;
    }

    /** Requests that succeeded so far, warmup included; zero after many ended means nothing works. */
    public synchronized long succeededSoFar() {
        long n = 0;
        for (DriverStats d : drivers) {
            n += d.succeeded.get() + d.warmupEnded.get() - d.warmupFailed.get();
        }
        return n;
    }

    /** Requests in flight right now, across drivers. */
    public synchronized int inFlight() {
        int n = 0;
        for (DriverStats d : drivers) {
            n += Math.max(0, d.inFlight());
        }
        return n;
    }

    /** Like {@link #summary()} but keeping warmup error samples, to explain a run where nothing works. */
    public synchronized Summary summaryWithWarmupSamples() {
        Summary s = summary();
        Map<String, String> samples = new TreeMap<>();
        drivers.forEach(d -> d.errorSamples.forEach(samples::putIfAbsent));
        RequestCounts r = s.requests();
        return new Summary(new RequestCounts(r.total(), r.succeeded(), r.failed(), r.incomplete(), r.dropped(), r.errors(), samples,
                r.retries(), r.retriesByKind()), s.tokens(), s.throughput(), s.latencyMs(), s.checks());
    }

    /** The measured window in seconds: first measured start to last measured end. */
    public synchronized double measuredSeconds() {
        long first = Long.MAX_VALUE;
        long last = 0;
        for (DriverStats d : drivers) {
            first = Math.min(first, d.firstMeasuredStartNanos.get());
            last = Math.max(last, d.lastMeasuredEndNanos.get());
        }
        return first == Long.MAX_VALUE || last <= first ? 0 : (last - first) / 1e9;
    }

    /** The summary of everything measured; call after a final {@link #sample}. */
    public synchronized Summary summary() {
        long succeeded = 0;
        long failed = 0;
        long incomplete = 0;
        long input = 0;
        long output = 0;
        Map<String, Long> errors = new TreeMap<>();
        Map<String, String> samples = new TreeMap<>();
        Map<String, Long> retries = new TreeMap<>();
        long[] sources = new long[TokenSource.values().length];
        for (DriverStats d : drivers) {
            succeeded += d.succeeded.get();
            failed += d.failed.get();
            incomplete += d.incomplete.get();
            input += d.inputTokens.get();
            output += d.outputTokens.get();
            d.errors.forEach((k, v) -> errors.merge(k, v.sum(), Long::sum));
            d.errorSamples.forEach(samples::putIfAbsent);
            d.retries.forEach((k, v) -> retries.merge(k, v.sum(), Long::sum));
            for (TokenSource s : TokenSource.values()) {
                sources[s.ordinal()] += d.outputSource(s);
            }
        }
        samples.keySet().retainAll(errors.keySet());
        double window = measuredSeconds();
        Map<String, LatencyStats> latency = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            latency.put(m.key(), stats(cumulative.get(m)));
        }
        Map<String, Long> sourceCounts = new LinkedHashMap<>();
        String source = TokenSource.USAGE.label();
        for (TokenSource s : TokenSource.values()) {
            if (sources[s.ordinal()] > 0) {
                sourceCounts.put(s.label(), sources[s.ordinal()]);
                source = s.label(); // enum order is best first, so the last one present is the least exact
            }
        }
        Throughput throughput = window <= 0 ? new Throughput(0, 0, 0)
                : new Throughput(round3(succeeded / window), round3(output / window), round3((input + output) / window));
        long retryCount = retries.values().stream().mapToLong(Long::longValue).sum();
        return new Summary(new RequestCounts(succeeded + failed + incomplete, succeeded, failed, incomplete, 0, errors, samples,
                retryCount, retries),
                new TokenCounts(input, output, source, sourceCounts), throughput, latency, List.of());
    }

    static LatencyStats stats(Histogram h) {
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
