package io.llmload.stats;

import io.llmload.result.Estimate;
import io.llmload.result.MetricValues;
import io.llmload.result.Repeats;
import io.llmload.result.Summary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mean and 95% Student-t interval of every metric across repeated runs. */
public final class RepeatStatistics {
    private RepeatStatistics() {
    }

    public static Repeats of(List<Summary> runs) {
        Map<String, Estimate> metrics = new LinkedHashMap<>();
        List<Map<String, Double>> values = runs.stream().map(MetricValues::of).toList();
        for (String key : values.get(0).keySet()) {
            double[] v = values.stream().filter(m -> m.containsKey(key)).mapToDouble(m -> m.get(key)).toArray();
            metrics.put(key, estimate(TIntervals.mean(v)));
        }
        return new Repeats(runs.size(), metrics, runs);
    }

    static Estimate estimate(Interval i) {
        return new Estimate(round(i.estimate()), Double.isNaN(i.low()) ? null : round(i.low()),
                Double.isNaN(i.high()) ? null : round(i.high()), i.n(), i.method());
    }

    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
