package io.llmload.report;

import java.util.List;

/**
 * One chart as the page script ({@code report.js}) draws it with uPlot: a pure value, written
 * into the HTML as JSON. Every label is data, never markup: the script sets it as text.
 *
 * @param kind   {@code line}: series share an ascending x axis (joined, gaps allowed);
 *               {@code xy}: each series is drawn in its own point order (sweep curves)
 * @param xScale {@code seconds}, {@code nines} (log axis of 1/(1-percentile), as HdrHistogram's
 *               plotter draws percentile distributions) or {@code linear}
 * @param bands  shaded x ranges (warmup); {@code marks}: vertical lines (stage boundaries)
 */
public record Chart(String id, String title, String kind, String xLabel, String xScale, String yLabel,
                    List<Series> series, List<Band> bands, List<Mark> marks) {

    /** A line: {@code color} indexes the page palette; {@code dash} draws it dashed (p99 next to a solid p50). */
    public record Series(String label, int color, boolean dash, List<Double> x, List<Double> y, List<String> pointLabels) {
        public Series(String label, int color, boolean dash, List<Double> x, List<Double> y) {
            this(label, color, dash, x, y, null);
        }

        boolean isEmpty() {
            return y.stream().allMatch(v -> v == null);
        }
    }

    /** A shaded range of x values, such as the warmup. */
    public record Band(String label, double from, double to) {
    }

    /** A labelled vertical line at x, such as the start of a stage. */
    public record Mark(String label, double at) {
    }

    public static Chart line(String id, String title, String xLabel, String xScale, String yLabel, List<Series> series) {
        return new Chart(id, title, "line", xLabel, xScale, yLabel, series, List.of(), List.of());
    }

    public static Chart xy(String id, String title, String xLabel, String yLabel, List<Series> series) {
        return new Chart(id, title, "xy", xLabel, "linear", yLabel, series, List.of(), List.of());
    }

    public Chart withTimeline(List<Band> b, List<Mark> m) {
        return new Chart(id, title, kind, xLabel, xScale, yLabel, series, b, m);
    }

    /** True when no series has a single value: the page then says "no data" instead of an empty frame. */
    public boolean isEmpty() {
        return series.stream().allMatch(Series::isEmpty);
    }
}
