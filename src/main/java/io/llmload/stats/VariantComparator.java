package io.llmload.stats;

import io.llmload.metrics.Histograms;
import io.llmload.result.Comparison;
import io.llmload.result.MetricValues;
import io.llmload.result.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Differences between each variant and the first one, with 95% confidence intervals: from
 * repeated runs when there are at least two (paired when interleaved, so the runs were
 * exposed to the same drift), otherwise a bootstrap of the latency histograms. Rates of a single
 * run have no interval.
 */
public final class VariantComparator {
    static final List<String> METRICS = List.of("ttft.p50", "ttft.p99", "itl.p50", "itl.p99", "tpot.p50", "e2e.p50", "e2e.p99",
            "requests_per_s", "output_tokens_per_s", "error_rate");

    private VariantComparator() {
    }

    /** One variant's data: merged summary, merged histograms, and per-repeat summaries. */
    public record VariantData(String name, Summary summary, Map<String, String> histograms, List<Summary> runs) {
    }

    public static List<Comparison> compare(List<VariantData> variants, boolean paired) {
        List<Comparison> out = new ArrayList<>();
        VariantData base = variants.get(0);
        Map<String, Double> baseValues = MetricValues.of(base.summary());
        for (VariantData v : variants.subList(1, variants.size())) {
            Map<String, Double> values = MetricValues.of(v.summary());
            for (String metric : METRICS) {
                if (!baseValues.containsKey(metric) || !values.containsKey(metric)) {
                    continue;
                }
                Interval ci = interval(metric, base, v, paired);
                double a = baseValues.get(metric);
                double b = values.get(metric);
                double diff = b - a;
                out.add(new Comparison(metric, base.name(), v.name(), a, b, RepeatStatistics.round(diff),
                        a == 0 ? null : RepeatStatistics.round(100 * diff / a), ci == null ? null : RepeatStatistics.round(ci.low()),
                        ci == null ? null : RepeatStatistics.round(ci.high()), ci == null ? "none" : ci.method(),
                        ci != null && ci.excludesZero()));
            }
        }
        return out;
    }

    private static Interval interval(String metric, VariantData a, VariantData b, boolean paired) {
        if (a.runs().size() >= 2 && b.runs().size() >= 2) {
            double[] x = a.runs().stream().mapToDouble(s -> MetricValues.of(s).getOrDefault(metric, Double.NaN)).toArray();
            double[] y = b.runs().stream().mapToDouble(s -> MetricValues.of(s).getOrDefault(metric, Double.NaN)).toArray();
            Interval i = paired ? TIntervals.pairedDifference(x, y) : TIntervals.difference(x, y);
            return Double.isNaN(i.low()) ? null : i;
        }
        int dot = metric.indexOf('.');
        if (dot < 0) {
            return null;
        }
        String name = metric.substring(0, dot);
        String stat = metric.substring(dot + 1);
        if (!a.histograms().containsKey(name) || !b.histograms().containsKey(name)) {
            return null;
        }
        Histogram ha = Histograms.decode(a.histograms().get(name));
        Histogram hb = Histograms.decode(b.histograms().get(name));
        Interval micros = stat.equals("mean") ? HistogramBootstrap.meanDifference(ha, hb)
                : HistogramBootstrap.percentileDifference(ha, hb, Double.parseDouble(stat.substring(1)), 42);
        if (Double.isNaN(micros.low())) {
            return null;
        }
        return new Interval(micros.estimate() / 1000, micros.low() / 1000, micros.high() / 1000, micros.n(), micros.method());
    }
}
