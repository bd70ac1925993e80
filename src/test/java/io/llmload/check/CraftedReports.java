package io.llmload.check;

import io.llmload.metrics.Histograms;
import io.llmload.result.LatencyStats;
import io.llmload.result.Report;
import io.llmload.result.Repeats;
import io.llmload.result.RequestCounts;
import io.llmload.result.RunInfo;
import io.llmload.result.Summary;
import io.llmload.result.Throughput;
import io.llmload.result.TimePoint;
import io.llmload.result.TokenCounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;

/**
 * Reports built from a few numbers for baseline tests: latencies drawn (seeded) into real
 * HdrHistograms with the summary computed from them, and a per-second series whose throughput
 * varies by a given relative noise. Expectations come from the same histograms, never constants.
 */
final class CraftedReports {
    private static final int TOKENS_PER_REQUEST = 64;
    private static final int WARMUP_S = 2;

    /**
     * @param requests    ended measured requests; {@code failed} of them failed
     * @param ttftMs      mean TTFT; values are uniform within ± {@code spread} of it (a fraction)
     * @param tokensPerS  output tokens per second; each second varies by {@code tokenNoise} (a fraction, normal)
     * @param seconds     measured seconds in the series
     */
    record Spec(String name, long seed, int requests, int failed, double ttftMs, double spread, double tokensPerS, double tokenNoise,
                int seconds, Repeats repeats) {
        Spec ttft(double ms, double s) {
            return new Spec(name, seed, requests, failed, ms, s, tokensPerS, tokenNoise, seconds, repeats);
        }

        Spec requests(int n, int f) {
            return new Spec(name, seed, n, f, ttftMs, spread, tokensPerS, tokenNoise, seconds, repeats);
        }

        Spec tokens(double perS, double noise, int s) {
            return new Spec(name, seed, requests, failed, ttftMs, spread, perS, noise, s, repeats);
        }

        Spec seed(long s) {
            return new Spec(name, s, requests, failed, ttftMs, spread, tokensPerS, tokenNoise, seconds, repeats);
        }

        Spec named(String n) {
            return new Spec(n, seed, requests, failed, ttftMs, spread, tokensPerS, tokenNoise, seconds, repeats);
        }

        Spec repeats(Repeats r) {
            return new Spec(name, seed, requests, failed, ttftMs, spread, tokensPerS, tokenNoise, seconds, r);
        }
    }

    private CraftedReports() {
    }

    static Spec spec() {
        return new Spec("ci", 1, 2000, 0, 200, 0.2, 3000, 0.02, 30, null);
    }

    static Report report(Spec spec) {
        Random random = new Random(spec.seed());
        int ok = spec.requests() - spec.failed();
        Map<String, Histogram> hist = new LinkedHashMap<>();
        hist.put("ttft", draw(random, ok, spec.ttftMs(), spec.spread()));
        hist.put("itl", draw(random, ok * 10, 10, 0.2));
        hist.put("e2e", draw(random, ok, spec.ttftMs() + 640, 0.1));
        Map<String, String> encoded = new LinkedHashMap<>();
        hist.forEach((k, h) -> encoded.put(k, Histograms.encode(h)));
        Map<String, LatencyStats> latency = new LinkedHashMap<>();
        hist.forEach((k, h) -> latency.put(k, stats(h)));
        double perS = spec.tokensPerS();
        Summary summary = new Summary(new RequestCounts(spec.requests(), ok, spec.failed(), 0, 0, Map.of(), Map.of()),
                new TokenCounts(ok * 10L, (long) ok * TOKENS_PER_REQUEST, "usage", Map.of()),
                new Throughput(perS / TOKENS_PER_REQUEST, perS, perS * 1.2), null, latency, List.of());
        List<TimePoint> series = new ArrayList<>();
        for (int s = 1; s <= WARMUP_S + spec.seconds(); s++) {
            boolean warmup = s <= WARMUP_S;
            double tokens = warmup ? 0 : Math.max(0, perS * (1 + spec.tokenNoise() * random.nextGaussian()));
            long requests = Math.round(tokens / TOKENS_PER_REQUEST);
            series.add(new TimePoint(s, warmup, warmup ? -1 : 0, 16, requests, requests, 0, 0, Math.round(tokens), 16, 0, 0, 0, 0, 0, 0));
        }
        Map<String, Object> scenario = new LinkedHashMap<>();
        scenario.put("name", spec.name());
        RunInfo run = new RunInfo("2025-03-04T05:06:07Z", WARMUP_S + spec.seconds(), WARMUP_S, spec.seconds(), false, "duration",
                "http://127.0.0.1:8000/v1", "mock-llm", null, null, null, List.of());
        return new Report(Report.SCHEMA, new Report.Tool("llmload", "test", null), scenario, run, summary, series, encoded, null, null,
                null, null, spec.repeats());
    }

    /** {@code n} values uniform within ± spread of {@code meanMs}, in microseconds. */
    static Histogram draw(Random random, int n, double meanMs, double spread) {
        Histogram h = Histograms.create();
        for (int i = 0; i < n; i++) {
            double ms = meanMs * (1 + spread * (2 * random.nextDouble() - 1));
            h.recordValue(Math.max(1, Math.round(ms * 1000)));
        }
        return h;
    }

    static LatencyStats stats(Histogram h) {
        if (h.getTotalCount() == 0) {
            return LatencyStats.EMPTY;
        }
        return new LatencyStats(h.getTotalCount(), h.getMinValue() / 1000.0, h.getMean() / 1000.0, ms(h, 50), ms(h, 90), ms(h, 95),
                ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The histogram of {@code metric} in a report, decoded. */
    static Histogram histogram(Report r, String metric) {
        return Histograms.decode(r.histograms().get(metric));
    }
}
