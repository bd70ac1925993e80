package io.llmload.check;

import io.llmload.metrics.Histograms;
import io.llmload.result.Baseline;
import io.llmload.result.CheckResult;
import io.llmload.result.LatencyStats;
import io.llmload.result.RegressionCheck;
import io.llmload.result.Report;
import io.llmload.result.Summary;
import io.llmload.stats.Noise;
import io.llmload.stats.ReportComparison;
import io.llmload.text.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * Compares a run's report with an earlier one ({@code --baseline}). A metric fails only when it is
 * worse by more than its allowance ({@link RegressionRule}) <em>and</em> the difference is beyond
 * the noise of the two measurements, judged as {@code llmload compare} judges it ({@link Noise}):
 * percentiles by their 95% confidence intervals from the histograms, error rates by a
 * two-proportion test, means by a normal interval, rates by {@link RateNoise}. A metric with too
 * few samples to tell is skipped, and says how many it would need. Latency changes under
 * {@link ReportComparison#DEFAULT_NOISE_MS} never count. The top-level summaries are compared (for a
 * sweep, its last point; for variants, all of them together). Pure functions of the reports.
 */
public final class BaselineCheck {
    /** A mean's normal interval needs about this many samples to be trusted. */
    static final int MIN_MEAN_SAMPLES = 30;
    /** A two-proportion test needs about this many ended requests per run. */
    static final int MIN_RATE_REQUESTS = 30;
    private static final double Z95 = 1.959964;

    private BaselineCheck() {
    }

    public static Baseline compare(String file, Report base, Report now, List<RegressionRule> rules) {
        List<RegressionCheck> checks = rules.stream().map(r -> check(r, base, now)).toList();
        return new Baseline(file, name(base), base.run() == null ? null : base.run().model(),
                base.run() == null ? null : base.run().startedAt(), note(base, now), checks);
    }

    /** The checks as entries of {@code summary.checks}: a failed one fails the run, a skipped one fails nothing. */
    public static List<CheckResult> asChecks(Baseline b, List<RegressionRule> rules) {
        List<CheckResult> out = new ArrayList<>();
        for (int i = 0; i < b.checks().size(); i++) {
            RegressionCheck c = b.checks().get(i);
            RegressionRule r = rules.get(i);
            String expr = c.metric() + " vs baseline (max " + (r.higherIsBetter() ? "-" : "+") + c.allowed() + ")";
            boolean skipped = RegressionCheck.SKIPPED.equals(c.status());
            out.add(new CheckResult(expr, c.value(), !RegressionCheck.FAILED.equals(c.status()), c.reason(), skipped ? true : null));
        }
        return out;
    }

    static RegressionCheck check(RegressionRule rule, Report base, Report now) {
        Double b = value(rule, base.summary());
        Double v = value(rule, now.summary());
        if (b == null || v == null) {
            String where = b == null ? "the baseline" : "this run";
            return new RegressionCheck(rule.name(), rule.written(), round(b), round(v), null, RegressionCheck.SKIPPED,
                    "no " + rule.name() + " in " + where + " (no successful requests)", null, null);
        }
        double delta = v - b;
        Double pct = b == 0 ? null : delta / Math.abs(b) * 100;
        boolean worse = rule.higherIsBetter() ? delta < 0 : delta > 0;
        String change = show(rule, b) + " → " + show(rule, v) + unit(rule) + " (" + (pct == null ? signed(rule, delta)
                : String.format(Locale.ROOT, "%+.1f%%", pct)) + ")";
        NoiseBand noise = noise(rule, base, now, delta);
        String status;
        String reason;
        if (!noise.decided()) {
            status = RegressionCheck.SKIPPED;
            reason = noise.tooFew() + "; " + change;
        } else if (worse && rule.latency() && Math.abs(delta) < ReportComparison.DEFAULT_NOISE_MS) {
            status = RegressionCheck.PASSED;
            reason = change + ": less than " + Format.plain(ReportComparison.DEFAULT_NOISE_MS) + " ms, too small to count";
        } else if (worse && beyondAllowance(rule, delta, pct)) {
            boolean real = noise.real();
            status = real ? RegressionCheck.FAILED : RegressionCheck.PASSED;
            reason = change + (real ? ": worse than the " + rule.written() + " allowed, beyond noise"
                    : ": worse than the " + rule.written() + " allowed, but within noise");
        } else {
            status = RegressionCheck.PASSED;
            boolean unchanged = delta == 0 || pct != null && Math.abs(pct) < 0.05; // shown as ±0.0%
            reason = change + (unchanged ? ": unchanged" : worse ? ": within the " + rule.written() + " allowed" : ": better");
        }
        return new RegressionCheck(rule.name(), rule.written(), round(b), round(v), pct == null ? null : round(pct), status, reason,
                noise.method(), noise.band());
    }

    private static boolean beyondAllowance(RegressionRule rule, double delta, Double pct) {
        if (!rule.relative()) {
            return Math.abs(delta) > rule.allowance();
        }
        return pct == null ? delta != 0 : Math.abs(pct) > rule.allowance(); // from zero, any change is beyond a percentage
    }

    private static NoiseBand noise(RegressionRule rule, Report base, Report now, double delta) {
        if (ThresholdParser.ERROR_RATE.equals(rule.metric())) {
            return errorRateNoise(base.summary(), now.summary());
        }
        if (!rule.latency()) {
            return RateNoise.of(rule.metric(), base, now, delta);
        }
        Histogram hb = histogram(base, rule.metric());
        Histogram hn = histogram(now, rule.metric());
        String method = rule.stat().equals("mean") ? "mean_ci" : "quantile_ci";
        if (hb == null || hn == null) {
            return NoiseBand.tooFew(method, (hb == null ? "the baseline" : "this run") + " has no " + rule.metric() + " histogram");
        }
        Samples sb = samples(rule.metric(), hb, base.summary());
        Samples sn = samples(rule.metric(), hn, now.summary());
        return rule.stat().equals("mean") ? meanNoise(hb, hn, sb, sn) : quantileNoise(rule.stat(), hb, hn, sb, sn);
    }

    /** How many independent samples a histogram holds, and what they are called in messages. */
    private record Samples(long n, String what) {
    }

    /**
     * The inter-token gaps of one request rise and fall together (a busy server slows all of
     * them), so they are not independent samples: an ITL interval counts each request once.
     */
    private static Samples samples(String metric, Histogram h, Summary s) {
        if ("itl".equals(metric)) {
            return new Samples(Math.min(h.getTotalCount(), s.requests().succeeded()), "requests");
        }
        return new Samples(h.getTotalCount(), "samples");
    }

    private static NoiseBand quantileNoise(String stat, Histogram hb, Histogram hn, Samples sb, Samples sn) {
        double q = quantile(stat);
        if (!Noise.boundedInterval(sb.n(), q) || !Noise.boundedInterval(sn.n(), q)) {
            return NoiseBand.tooFew("quantile_ci", "too few " + sb.what() + " for a 95% interval of the " + stat + ": "
                    + Format.count(sb.n()) + " in the baseline, " + Format.count(sn.n()) + " in this run (needs "
                    + Format.count(Noise.samplesForBoundedInterval(q)) + " each)");
        }
        double[] ib = Noise.quantileInterval(hb, q, sb.n());
        double[] in = Noise.quantileInterval(hn, q, sn.n());
        boolean differ = ib[1] < in[0] || in[1] < ib[0];
        return new NoiseBand(differ, "quantile_ci", "95% intervals " + Format.ms(ib[0]) + "–" + Format.ms(ib[1])
                + " ms (baseline) and " + Format.ms(in[0]) + "–" + Format.ms(in[1]) + " ms"
                + (sb.what().equals("requests") ? ", one sample per request" : ""), null);
    }

    private static NoiseBand meanNoise(Histogram hb, Histogram hn, Samples sb, Samples sn) {
        if (sb.n() < MIN_MEAN_SAMPLES || sn.n() < MIN_MEAN_SAMPLES) {
            return NoiseBand.tooFew("mean_ci", "too few " + sb.what() + " for an interval of the mean: " + Format.count(sb.n())
                    + " in the baseline, " + Format.count(sn.n()) + " in this run (needs " + MIN_MEAN_SAMPLES + " each)");
        }
        // normal interval of the difference of means (what a bootstrap of a mean converges to), in ms
        double se = Math.sqrt(Math.pow(hb.getStdDeviation(), 2) / sb.n() + Math.pow(hn.getStdDeviation(), 2) / sn.n()) / 1000;
        double half = Z95 * se;
        boolean real = Math.abs(hn.getMean() - hb.getMean()) / 1000 > half;
        return new NoiseBand(real, "mean_ci", "95% noise band of the difference ±" + Format.ms(half) + " ms", null);
    }

    private static NoiseBand errorRateNoise(Summary a, Summary b) {
        long endedA = a.requests().succeeded() + a.requests().failed();
        long endedB = b.requests().succeeded() + b.requests().failed();
        if (endedA < MIN_RATE_REQUESTS || endedB < MIN_RATE_REQUESTS) {
            return NoiseBand.tooFew("two_proportion", "too few requests for a test of the error rate: " + Format.count(endedA)
                    + " in the baseline, " + Format.count(endedB) + " in this run (needs " + MIN_RATE_REQUESTS + " each)");
        }
        boolean real = Noise.ratesDiffer(a.requests().failed(), endedA, b.requests().failed(), endedB);
        return new NoiseBand(real, "two_proportion", "two-proportion test at 95% over " + Format.count(endedA) + " and "
                + Format.count(endedB) + " requests", null);
    }

    static double quantile(String stat) {
        return switch (stat) {
            case "p50" -> 0.5;
            case "p90" -> 0.9;
            case "p95" -> 0.95;
            case "p99" -> 0.99;
            case "p999" -> 0.999;
            default -> throw new IllegalArgumentException("not a percentile: " + stat);
        };
    }

    private static Double value(RegressionRule rule, Summary s) {
        if (s == null || s.requests() == null) {
            return null;
        }
        if (rule.latency()) {
            LatencyStats l = s.latency(rule.metric());
            return l.count() == 0 ? null : l.stat(rule.stat());
        }
        if (ThresholdParser.ERROR_RATE.equals(rule.metric())) {
            return s.requests().succeeded() + s.requests().failed() == 0 ? null : s.requests().errorRate();
        }
        return "requests_per_s".equals(rule.metric()) ? s.throughput().requestsPerS() : s.throughput().outputTokensPerS();
    }

    private static Histogram histogram(Report r, String metric) {
        Map<String, String> h = r.histograms();
        String encoded = h == null ? null : h.get(metric);
        return encoded == null || encoded.isEmpty() ? null : Histograms.decode(encoded);
    }

    private static String show(RegressionRule rule, double v) {
        if (rule.latency()) {
            return Format.ms(v);
        }
        return ThresholdParser.ERROR_RATE.equals(rule.metric()) ? Format.percent(v) : Format.rate(v);
    }

    private static String unit(RegressionRule rule) {
        return rule.latency() ? " ms" : ThresholdParser.ERROR_RATE.equals(rule.metric()) ? "" : "/s";
    }

    private static String signed(RegressionRule rule, double delta) {
        if (ThresholdParser.ERROR_RATE.equals(rule.metric())) {
            return String.format(Locale.ROOT, "%+.2fpp", delta * 100);
        }
        return (delta >= 0 ? "+" : "-") + show(rule, Math.abs(delta)) + unit(rule).strip();
    }

    private static String note(Report base, Report now) {
        List<String> differ = new ArrayList<>();
        if (!Objects.equals(name(base), name(now))) {
            differ.add("scenario '" + name(base) + "' vs '" + name(now) + "'");
        }
        String mb = base.run() == null ? null : base.run().model();
        String mn = now.run() == null ? null : now.run().model();
        if (!Objects.equals(mb, mn)) {
            differ.add("model " + mb + " vs " + mn);
        }
        return differ.isEmpty() ? null : "the baseline differs: " + String.join(", ", differ);
    }

    private static String name(Report r) {
        Object n = r.scenario() == null ? null : r.scenario().get("name");
        return n == null ? null : n.toString();
    }

    /** Six decimals: enough for a fraction (an error rate) as for milliseconds. */
    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 1e6) / 1e6;
    }
}
