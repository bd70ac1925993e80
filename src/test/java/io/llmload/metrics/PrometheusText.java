package io.llmload.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Test helpers over a parsed exposition: one sample's value by name and labels, a histogram's
 * buckets, and Prometheus' own {@code histogram_quantile} (linear interpolation inside the bucket
 * that holds the rank), so tests can compare what a dashboard would show with the report.
 */
public final class PrometheusText {
    private PrometheusText() {
    }

    /** The value of the one sample with this name whose labels include {@code labels}; NaN when absent. */
    public static double value(Exposition e, String name, Map<String, String> labels) {
        List<Exposition.Sample> hits = e.samples().stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())).toList();
        if (hits.size() > 1) {
            throw new AssertionError("more than one sample " + name + labels + ": " + hits);
        }
        return hits.isEmpty() ? Double.NaN : hits.get(0).value();
    }

    /** {le, cumulative count} pairs in order of le, +Inf last. */
    public static List<double[]> buckets(Exposition e, String histogram, Map<String, String> labels) {
        List<double[]> out = new ArrayList<>();
        for (Exposition.Sample s : e.samples()) {
            if (s.name().equals(histogram + "_bucket") && s.labels().entrySet().containsAll(labels.entrySet())) {
                String le = s.labels().get("le");
                out.add(new double[] {le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), s.value()});
            }
        }
        out.sort(Comparator.comparingDouble(b -> b[0]));
        return out;
    }

    /** Prometheus' histogram_quantile: returns {estimate, bucket lower bound, bucket upper bound}. */
    public static double[] quantile(double q, List<double[]> buckets) {
        double total = buckets.get(buckets.size() - 1)[1];
        double rank = q * total;
        double lower = 0;
        double below = 0;
        for (double[] b : buckets) {
            if (b[1] >= rank) {
                if (Double.isInfinite(b[0])) {
                    return new double[] {lower, lower, Double.POSITIVE_INFINITY};
                }
                double inBucket = b[1] - below;
                double estimate = inBucket == 0 ? b[0] : lower + (b[0] - lower) * (rank - below) / inBucket;
                return new double[] {estimate, lower, b[0]};
            }
            lower = b[0];
            below = b[1];
        }
        throw new AssertionError("no bucket holds rank " + rank);
    }
}
