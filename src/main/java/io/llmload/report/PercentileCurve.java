package io.llmload.report;

import io.llmload.metrics.Histograms;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A latency distribution as HdrHistogram's plotter draws it: latency against percentile, the
 * percentile written as {@code 1 / (1 - p)} so that 90%, 99%, 99.9% … are equally spaced on a
 * log axis. Computed from the histogram itself, not from the summary's few percentiles.
 */
public record PercentileCurve(List<Double> nines, List<Double> ms) {
    /** Five steps per halving of the remaining distance to 100%, as HdrHistogram's own output uses. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    public static final PercentileCurve EMPTY = new PercentileCurve(List.of(), List.of());

    /** The curve of an encoded report histogram (microsecond values); empty for null or empty input. */
    public static PercentileCurve ofEncoded(String base64) {
        return base64 == null || base64.isEmpty() ? EMPTY : of(Histograms.decode(base64));
    }

    public static PercentileCurve of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return EMPTY;
        }
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (HistogramIterationValue v : h.percentiles(TICKS_PER_HALF_DISTANCE)) {
            double level = v.getPercentileLevelIteratedTo();
            if (level >= 100) {
                break; // 1 / (1 - 1) is infinite; the plateau before it already shows the maximum
            }
            double nines = round(100.0 / (100.0 - level));
            double valueMs = h.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0;
            if (!x.isEmpty() && nines <= x.get(x.size() - 1)) {
                y.set(y.size() - 1, valueMs); // the chart's x axis must strictly ascend
                continue;
            }
            x.add(nines);
            y.add(valueMs);
        }
        return new PercentileCurve(List.copyOf(x), List.copyOf(y));
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
