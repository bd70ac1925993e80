package io.llmload.check;

import io.llmload.result.Report;
import io.llmload.result.Summary;
import io.llmload.result.TimePoint;
import io.llmload.stats.Interval;
import io.llmload.stats.TIntervals;
import io.llmload.text.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The noise band of a throughput difference between two reports. A rate is one number per run,
 * so its noise comes from how it varies: across repeated runs when both reports have at least
 * two (Welch's t on the per-run rates), otherwise across the run's seconds. Seconds are not
 * independent — a request spans about its end-to-end latency, so neighbouring seconds share
 * requests — so the measured seconds are grouped into batches that long and Welch's t is taken on
 * the batch means (the method of batch means). Pure functions of the reports.
 */
final class RateNoise {
    /** Fewer batches than this per report give an interval too wide to mean anything. */
    static final int MIN_BATCHES = 4;
    /** Shorter intervals are the partial one at the end of a run. */
    private static final double MIN_INTERVAL_S = 0.5;

    private RateNoise() {
    }

    /** The band for {@code metric} (requests_per_s or output_tokens_per_s) of {@code delta} = now − baseline. */
    static NoiseBand of(String metric, Report base, Report now, double delta) {
        if (base.repeats() != null && now.repeats() != null && base.repeats().n() >= 2 && now.repeats().n() >= 2) {
            Interval i = TIntervals.difference(perRun(base.repeats().runs(), metric), perRun(now.repeats().runs(), metric));
            return judged(i, delta, "repeats_t", base.repeats().n() + " and " + now.repeats().n() + " repeated runs");
        }
        String unusable = unusableSeries(base, "the baseline");
        if (unusable == null) {
            unusable = unusableSeries(now, "this run");
        }
        if (unusable != null) {
            return NoiseBand.tooFew("batch_means_t", unusable);
        }
        int batchS = (int) Math.max(1, Math.ceil(Math.max(e2eMeanMs(base), e2eMeanMs(now)) / 1000));
        double[] a = batchMeans(perSecond(base.timeseries(), metric), batchS);
        double[] b = batchMeans(perSecond(now.timeseries(), metric), batchS);
        if (a.length < MIN_BATCHES || b.length < MIN_BATCHES) {
            return NoiseBand.tooFew("batch_means_t", String.format(java.util.Locale.ROOT,
                    "too few measured seconds for a noise band of a rate: %d batch(es) of %d s in the baseline, %d in this run "
                            + "(needs %d each, so about %d measured seconds)", a.length, batchS, b.length, MIN_BATCHES,
                    MIN_BATCHES * batchS + 2));
        }
        return judged(TIntervals.difference(a, b), delta, "batch_means_t",
                a.length + " and " + b.length + " batches of " + batchS + " s");
    }

    private static NoiseBand judged(Interval i, double delta, String method, String basis) {
        if (Double.isNaN(i.low())) {
            return NoiseBand.tooFew(method, "too few samples for a noise band (" + basis + ")");
        }
        double half = (i.high() - i.low()) / 2;
        boolean real = Math.abs(delta) > half;
        return new NoiseBand(real, method, "95% noise band of the difference ±" + Format.rate(half) + "/s from " + basis, null);
    }

    /** Why a report's time series cannot stand for its summary's rate, or null when it can. */
    private static String unusableSeries(Report r, String which) {
        if (r.timeseries() == null || r.timeseries().isEmpty()) {
            return which + " has no per-second series to judge a rate's noise by";
        }
        if (r.variants() != null && !interleaved(r)) {
            return which + " ran variants one after another: its per-second series covers only the last one";
        }
        return null;
    }

    private static boolean interleaved(Report r) {
        Object v = r.scenario() == null ? null : r.scenario().get("variants");
        return v instanceof Map<?, ?> m && "interleaved".equals(m.get("order"));
    }

    private static double e2eMeanMs(Report r) {
        return r.summary() == null ? 0 : r.summary().latency("e2e").mean();
    }

    private static double[] perRun(List<Summary> runs, String metric) {
        return runs.stream().mapToDouble(s -> "requests_per_s".equals(metric) ? s.throughput().requestsPerS()
                : s.throughput().outputTokensPerS()).toArray();
    }

    /**
     * The rate of each measured second. The first measured interval is left out (requests begun
     * in the warmup end in it, counted as successes but not as measured tokens), and so is the
     * last (the drain after issuing stopped, often a partial second).
     */
    static double[] perSecond(List<TimePoint> series, String metric) {
        List<Double> out = new ArrayList<>();
        double previousT = 0;
        for (TimePoint p : series) {
            double dt = p.t() - previousT;
            previousT = p.t();
            if (p.warmup() || dt < MIN_INTERVAL_S) {
                continue;
            }
            double count = "requests_per_s".equals(metric) ? p.succeeded() : p.outputTokens();
            out.add(count / dt);
        }
        List<Double> inner = out.size() <= 2 ? List.of() : out.subList(1, out.size() - 1);
        return inner.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Means of consecutive groups of {@code size}; a last, incomplete group is left out. */
    static double[] batchMeans(double[] values, int size) {
        double[] out = new double[values.length / size];
        for (int b = 0; b < out.length; b++) {
            double sum = 0;
            for (int i = 0; i < size; i++) {
                sum += values[b * size + i];
            }
            out[b] = sum / size;
        }
        return out;
    }
}
