package io.llmload.report;

import io.llmload.metrics.Histograms;
import io.llmload.result.CheckResult;
import io.llmload.result.LatencyStats;
import io.llmload.result.Point;
import io.llmload.result.Report;
import io.llmload.result.RequestCounts;
import io.llmload.result.RunInfo;
import io.llmload.result.Summary;
import io.llmload.result.Throughput;
import io.llmload.result.TimePoint;
import io.llmload.result.TokenCounts;
import io.llmload.result.VariantSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Builds reports whose numbers follow from a few inputs: latencies drawn (seeded) around given
 * means into real HdrHistograms, summaries computed from those histograms, a per-second series.
 * Tests derive their expectations from the same histograms, never from constants.
 */
public final class TestReports {
    public static final String HOSTILE = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\"> & \"quotes\" <!-- </script>";

    /** What to build; every field has a plain default in {@link #spec()}. */
    public record Spec(String name, String model, long seed, double ttftMs, double itlMs, int requests, int failed, int seconds,
                       String errorSample, List<Point> points, List<VariantSummary> variants, String version) {
        public Spec withName(String n) {
            return new Spec(n, model, seed, ttftMs, itlMs, requests, failed, seconds, errorSample, points, variants, version);
        }

        public Spec withModel(String m) {
            return new Spec(name, m, seed, ttftMs, itlMs, requests, failed, seconds, errorSample, points, variants, version);
        }

        public Spec withTtft(double ms) {
            return new Spec(name, model, seed, ms, itlMs, requests, failed, seconds, errorSample, points, variants, version);
        }

        public Spec withItl(double ms) {
            return new Spec(name, model, seed, ttftMs, ms, requests, failed, seconds, errorSample, points, variants, version);
        }

        public Spec withRequests(int n, int f) {
            return new Spec(name, model, seed, ttftMs, itlMs, n, f, seconds, errorSample, points, variants, version);
        }

        public Spec withSeed(long s) {
            return new Spec(name, model, s, ttftMs, itlMs, requests, failed, seconds, errorSample, points, variants, version);
        }

        public Spec withErrorSample(String sample) {
            return new Spec(name, model, seed, ttftMs, itlMs, requests, failed, seconds, sample, points, variants, version);
        }

        public Spec withPoints(List<Point> p) {
            return new Spec(name, model, seed, ttftMs, itlMs, requests, failed, seconds, errorSample, p, variants, version);
        }

        public Spec withVariants(List<VariantSummary> v) {
            return new Spec(name, model, seed, ttftMs, itlMs, requests, failed, seconds, errorSample, points, v, version);
        }

        public Spec withVersion(String v) {
            return new Spec(name, model, seed, ttftMs, itlMs, requests, failed, seconds, errorSample, points, variants, v);
        }
    }

    private TestReports() {
    }

    public static Spec spec() {
        return new Spec("sample", "mock-llm", 1, 150, 10, 2000, 20, 20, "HTTP 500: upstream failed", null, null, "0.1.0");
    }

    public static Report report(Spec spec) {
        Random random = new Random(spec.seed());
        int ok = spec.requests() - spec.failed();
        Map<String, Histogram> hist = new LinkedHashMap<>();
        hist.put("ttft", draw(random, ok, spec.ttftMs(), 0.15));
        hist.put("ttfat", hist.get("ttft").copy()); // no reasoning: the answer begins with the first token
        hist.put("itl", draw(random, ok * 20, spec.itlMs(), 0.3));
        hist.put("tpot", draw(random, ok, spec.itlMs(), 0.05));
        hist.put("e2e", draw(random, ok, spec.ttftMs() + 64 * spec.itlMs(), 0.1));
        hist.put("schedule_lag", draw(random, ok, 0.3, 0.5));
        Map<String, String> encoded = new LinkedHashMap<>();
        hist.forEach((k, h) -> encoded.put(k, Histograms.encode(h)));
        double warmupS = 2;
        double measuredS = spec.seconds() - warmupS;
        Summary summary = summary(hist, ok, spec.failed(), measuredS, spec.errorSample());
        summary = summary.withChecks(List.of(new CheckResult("ttft.p99 < 800ms", summary.latency("ttft").p99(), summary.latency("ttft").p99() < 800, null),
                new CheckResult("error_rate < 0.1%", summary.requests().errorRate(), summary.requests().errorRate() < 0.001, null)));
        List<TimePoint> series = new ArrayList<>();
        for (int s = 1; s <= spec.seconds(); s++) {
            boolean warmup = s <= warmupS;
            long requests = spec.requests() / spec.seconds();
            long errors = spec.failed() / spec.seconds();
            series.add(Records.build(TimePoint.class, Map.ofEntries(Map.entry("t", s + 0.001 * s), Map.entry("warmup", warmup),
                    Map.entry("requests", requests), Map.entry("succeeded", requests - errors), Map.entry("errors", errors),
                    Map.entry("outputTokens", warmup ? 0L : requests * 64), Map.entry("inFlight", 16),
                    Map.entry("ttftP50Ms", warmup ? 0 : spec.ttftMs()), Map.entry("ttftP99Ms", warmup ? 0 : spec.ttftMs() * 1.3),
                    Map.entry("itlP50Ms", warmup ? 0 : spec.itlMs()), Map.entry("itlP99Ms", warmup ? 0 : spec.itlMs() * 2),
                    Map.entry("e2eP50Ms", warmup ? 0.0 : 800.0), Map.entry("e2eP99Ms", warmup ? 0.0 : 900.0))));
        }
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("concurrency", 16);
        load.put("warmup", "2s");
        load.put("duration", (spec.seconds() - 2) + "s");
        Map<String, Object> scenario = new LinkedHashMap<>();
        scenario.put("name", spec.name());
        scenario.put("description", "a test report for " + spec.name());
        scenario.put("target", Map.of("url", "http://127.0.0.1:8000/v1", "model", spec.model()));
        scenario.put("load", load);
        RunInfo run = Records.build(RunInfo.class, Map.of("startedAt", "2025-03-04T05:06:07.123456Z", "durationS", (double) spec.seconds(),
                "warmupS", warmupS, "measuredS", measuredS, "stopReason", "duration", "target", "http://127.0.0.1:8000/v1/chat/completions",
                "model", spec.model(), "host", new RunInfo.Host("test-host", 2, "17", "Linux amd64")));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("schema", Report.SCHEMA);
        fields.put("tool", new Report.Tool("llmload", spec.version(), null));
        fields.put("scenario", scenario);
        fields.put("run", run);
        fields.put("summary", summary);
        fields.put("timeseries", series);
        fields.put("histograms", encoded);
        fields.put("points", spec.points());
        fields.put("variants", spec.variants());
        return Records.build(Report.class, fields);
    }

    public static Summary summary(Map<String, Histogram> hist, long ok, long failed, double measuredS, String errorSample) {
        Map<String, LatencyStats> latency = new LinkedHashMap<>();
        hist.forEach((k, h) -> latency.put(k, stats(h)));
        Map<String, Long> errors = new TreeMap<>();
        Map<String, String> samples = new TreeMap<>();
        if (failed > 0) {
            errors.put("http_500", failed - failed / 4);
            samples.put("http_500", errorSample);
            if (failed / 4 > 0) {
                errors.put("timeout_first_token", failed / 4);
                samples.put("timeout_first_token", "no first token within 60s");
            }
        }
        long output = ok * 64;
        return Records.build(Summary.class, Map.of("requests", new RequestCounts(ok + failed, ok, failed, 0, 0, errors, samples),
                "tokens", new TokenCounts(ok * 30, output, "usage", Map.of("usage", ok)),
                "throughput", new Throughput(ok / measuredS, output / measuredS, (ok * 94) / measuredS), "latencyMs", latency,
                "checks", List.of()));
    }

    /** The same report with its throughput replaced by known numbers. */
    public static Report withThroughput(Report r, double requestsPerS, double outputTokensPerS) {
        Summary changed = Records.copy(r.summary(), Map.of("throughput", new Throughput(requestsPerS, outputTokensPerS, outputTokensPerS * 2)));
        return Records.copy(r, Map.of("summary", changed));
    }

    /** {@code n} values around {@code meanMs} (uniform ± spread), in microseconds. */
    public static Histogram draw(Random random, int n, double meanMs, double spread) {
        Histogram h = Histograms.create();
        for (int i = 0; i < n; i++) {
            double ms = meanMs * (1 + spread * (2 * random.nextDouble() - 1));
            h.recordValue(Math.max(1, Math.round(ms * 1000)));
        }
        return h;
    }

    public static LatencyStats stats(Histogram h) {
        if (h.getTotalCount() == 0) {
            return LatencyStats.EMPTY;
        }
        return new LatencyStats(h.getTotalCount(), h.getMinValue() / 1000.0, h.getMean() / 1000.0, ms(h, 50), ms(h, 90), ms(h, 95),
                ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0);
    }

    public static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Sweep points at the given concurrencies: latency grows and throughput flattens as concurrency rises. */
    public static List<Point> sweep(int... concurrencies) {
        List<Point> points = new ArrayList<>();
        Random random = new Random(7);
        for (int c : concurrencies) {
            Map<String, Histogram> hist = new LinkedHashMap<>();
            double ttft = 100 + 10.0 * c;
            hist.put("ttft", draw(random, 300, ttft, 0.2));
            hist.put("itl", draw(random, 3000, 8 + c / 4.0, 0.3));
            hist.put("e2e", draw(random, 300, ttft + 64 * (8 + c / 4.0), 0.1));
            Summary s = summary(hist, 300, 0, 10, null);
            double tokens = 64 * c / ((ttft + 64 * (8 + c / 4.0)) / 1000.0);
            s = Records.copy(s, Map.of("throughput", new Throughput(tokens / 64, tokens, tokens * 1.5)));
            points.add(Records.build(Point.class, Map.of("settings", Map.of("concurrency", c), "summary", s)));
        }
        return points;
    }

    /** Variants with the given names, each with its own latencies. */
    public static List<VariantSummary> variants(String... names) {
        List<VariantSummary> out = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < names.length; i++) {
            Map<String, Histogram> hist = new LinkedHashMap<>();
            hist.put("ttft", draw(random, 500, 120 + 40 * i, 0.2));
            hist.put("itl", draw(random, 5000, 9 + i, 0.3));
            out.add(Records.build(VariantSummary.class, Map.of("name", names[i], "settings", Map.of("target.url", "http://127.0.0.1:800" + i + "/v1"),
                    "summary", summary(hist, 500, i * 5L, 10, "HTTP 503 from " + names[i]))));
        }
        return out;
    }
}
