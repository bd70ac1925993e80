package io.llmload.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.result.TimePoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The per-second series of a report as chart columns. Rates are counts divided by the
 * interval's length, but never by less than a second: the last interval of a run is usually a
 * fraction of one, and the requests that drain in it would otherwise show as a burst that never
 * happened at that rate. A latency percentile is a gap (null) in an interval where no measured
 * request succeeded.
 */
public record TimeColumns(List<Double> t, List<Double> requestsPerS, List<Double> errorsPerS, List<Double> outputTokensPerS,
                          List<Double> inFlight, List<Double> ttftP50, List<Double> ttftP99, List<Double> itlP50,
                          List<Double> itlP99, List<Double> e2eP50, List<Double> e2eP99) {

    public static TimeColumns of(List<TimePoint> points) {
        List<List<Double>> cols = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            cols.add(new ArrayList<>());
        }
        double previousT = 0;
        for (TimePoint p : points == null ? List.<TimePoint>of() : points) {
            double dt = p.t() - previousT;
            if (dt <= 1e-6) {
                continue; // a repeated sample at the same instant carries nothing new
            }
            previousT = p.t();
            double perS = Math.max(1.0, dt);
            cols.get(0).add(p.t());
            cols.get(1).add(round(p.requests() / perS));
            cols.get(2).add(round(p.errors() / perS));
            cols.get(3).add(round(p.outputTokens() / perS));
            cols.get(4).add((double) p.inFlight());
            addLatency(cols.get(5), p, TimePoint::ttftP50Ms);
            addLatency(cols.get(6), p, TimePoint::ttftP99Ms);
            addLatency(cols.get(7), p, TimePoint::itlP50Ms);
            addLatency(cols.get(8), p, TimePoint::itlP99Ms);
            addLatency(cols.get(9), p, TimePoint::e2eP50Ms);
            addLatency(cols.get(10), p, TimePoint::e2eP99Ms);
        }
        List<List<Double>> c = cols.stream().map(Collections::unmodifiableList).toList();
        return new TimeColumns(c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5), c.get(6), c.get(7), c.get(8),
                c.get(9), c.get(10));
    }

    /**
     * Requests per second the open model could not start (a concurrency cap), aligned with
     * {@link #t()}; empty when the report has none. Read from the JSON form, where reports that
     * record drops carry a {@code dropped} count on each point.
     */
    public static List<Double> droppedPerS(JsonNode tree) {
        if (tree == null || !tree.isArray()) {
            return List.of();
        }
        List<Double> out = new ArrayList<>();
        boolean any = false;
        double previousT = 0;
        for (JsonNode p : tree) {
            double t = p.path("t").asDouble();
            double dt = t - previousT;
            if (dt <= 1e-6) {
                continue;
            }
            previousT = t;
            long dropped = p.path("dropped").asLong(0);
            any |= dropped > 0;
            out.add(round(dropped / Math.max(1.0, dt)));
        }
        return any ? Collections.unmodifiableList(out) : List.of();
    }

    /** A zero in an interval without measured successes means "nothing to measure", not "0 ms". */
    private static void addLatency(List<Double> col, TimePoint p, ToDoubleFunction<TimePoint> value) {
        double v = value.applyAsDouble(p);
        col.add(v == 0 && (p.succeeded() == 0 || p.warmup()) ? null : v);
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
