package io.llmload.report;

import io.llmload.result.LabeledReport;
import io.llmload.result.Point;
import io.llmload.result.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the charts of one report, or of several overlaid (compare): percentile distributions
 * from the histograms, per-second series and sweep curves. With one report, colours tell p50
 * from p99; with several, colours tell reports apart and p99 is dashed. Pure functions.
 */
public final class Charts {
    private static final Map<String, String> TITLES = Map.of("ttft", "Time to first token", "ttfat", "Time to first answer token",
            "itl", "Inter-token latency", "tpot", "Time per output token", "e2e", "End-to-end latency", "schedule_lag", "Schedule lag",
            "pool_wait", "Wait for a pooled connection", "connect", "Opening a connection (TCP + TLS)",
            "headers", "Request sent to response headers");

    private Charts() {
    }

    public static String title(String metric) {
        return TITLES.getOrDefault(metric, metric);
    }

    /** False when every run's API answers with vectors or scores (embeddings, rerank): no token charts then. */
    private static boolean answersInTokens(List<LabeledReport> runs) {
        return runs.stream().anyMatch(r -> r.report().summary() == null || r.report().summary().answersInTokens());
    }

    /** One chart per latency metric: latency against percentile on HdrHistogram's "nines" axis. */
    public static List<Chart> distributions(List<LabeledReport> runs) {
        List<Chart> charts = new ArrayList<>();
        boolean reasoned = runs.stream().anyMatch(r -> r.report().summary() != null && r.report().summary().reasoned());
        boolean tokens = answersInTokens(runs);
        for (String metric : Summary.LATENCY_METRICS) {
            if (metric.equals("ttfat") && !reasoned) {
                continue; // the same curve as ttft
            }
            if (!tokens && Summary.TOKEN_METRICS.contains(metric)) {
                continue; // embeddings, rerank: no token stream
            }
            List<Chart.Series> series = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                Map<String, String> hist = runs.get(i).report().histograms();
                PercentileCurve c = PercentileCurve.ofEncoded(hist == null ? null : hist.get(metric));
                series.add(new Chart.Series(runs.size() == 1 ? metric : runs.get(i).label(), i, false, c.nines(), c.ms()));
            }
            charts.add(Chart.line("dist-" + metric, title(metric) + " by percentile", "percentile", "nines", "ms", series));
        }
        return charts;
    }

    /** Requests, errors, output tokens per second, in-flight requests, TTFT and ITL p50/p99 over time. */
    public static List<Chart> timeSeries(List<LabeledReport> runs) {
        List<TimeColumns> cols = runs.stream().map(r -> TimeColumns.of(r.report().timeseries())).toList();
        List<Chart> charts = new ArrayList<>();
        charts.add(single("ts-requests", "Requests per second", "requests/s", runs, cols, TimeColumns::requestsPerS));
        boolean tokens = answersInTokens(runs);
        if (tokens) {
            charts.add(single("ts-tokens", "Output tokens per second", "tokens/s", runs, cols, TimeColumns::outputTokensPerS));
        }
        charts.add(single("ts-in-flight", "Requests in flight", "requests", runs, cols, TimeColumns::inFlight));
        Chart errors = single("ts-errors", "Errors per second", "errors/s", runs, cols, TimeColumns::errorsPerS);
        List<Double> dropped = runs.size() == 1 ? TimeColumns.droppedPerS(ReportJson.MAPPER.valueToTree(runs.get(0).report().timeseries())) : List.of();
        if (!dropped.isEmpty()) {
            List<Chart.Series> both = new ArrayList<>(errors.series());
            both.add(new Chart.Series("dropped/s", 1, true, cols.get(0).t(), dropped));
            errors = Chart.line("ts-errors", "Errors and drops per second", "seconds since start", "seconds", "per second", both);
        }
        charts.add(errors);
        if (tokens) {
            charts.add(pair("ts-ttft", "TTFT p50 / p99", "ms", runs, cols, TimeColumns::ttftP50, TimeColumns::ttftP99));
            charts.add(pair("ts-itl", "ITL p50 / p99", "ms", runs, cols, TimeColumns::itlP50, TimeColumns::itlP99));
        }
        if (runs.size() == 1) {
            Timeline timeline = Timeline.of(runs.get(0).report());
            return charts.stream().map(c -> c.withTimeline(timeline.bands(), timeline.marks())).toList();
        }
        return charts;
    }

    /** Sweep curves, one per report: latency p50 and p99 against output tokens/s, a point per sweep setting. */
    public static List<Chart> sweep(List<LabeledReport> runs) {
        if (runs.stream().allMatch(r -> r.report().points() == null || r.report().points().isEmpty()) || !answersInTokens(runs)) {
            return List.of(); // the curves are latency against output tokens/s, which embeddings and rerank do not have
        }
        return List.of(sweepChart("sweep-ttft", "ttft", "TTFT vs output tokens/s", runs),
                sweepChart("sweep-itl", "itl", "ITL vs output tokens/s", runs));
    }

    private static Chart single(String id, String title, String unit, List<LabeledReport> runs, List<TimeColumns> cols,
                                Function<TimeColumns, List<Double>> column) {
        List<Chart.Series> series = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            series.add(new Chart.Series(runs.size() == 1 ? unit : runs.get(i).label(), i, false, cols.get(i).t(),
                    column.apply(cols.get(i))));
        }
        return Chart.line(id, title, "seconds since start", "seconds", unit, series);
    }

    private static Chart pair(String id, String title, String unit, List<LabeledReport> runs, List<TimeColumns> cols,
                              Function<TimeColumns, List<Double>> p50, Function<TimeColumns, List<Double>> p99) {
        List<Chart.Series> series = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            String prefix = runs.size() == 1 ? "" : runs.get(i).label() + " ";
            series.add(new Chart.Series(prefix + "p50", runs.size() == 1 ? 0 : i, false, cols.get(i).t(), p50.apply(cols.get(i))));
            series.add(new Chart.Series(prefix + "p99", runs.size() == 1 ? 1 : i, true, cols.get(i).t(), p99.apply(cols.get(i))));
        }
        return Chart.line(id, title, "seconds since start", "seconds", unit, series);
    }

    private static Chart sweepChart(String id, String metric, String title, List<LabeledReport> runs) {
        List<Chart.Series> series = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            List<Point> points = runs.get(i).report().points() == null ? List.of() : runs.get(i).report().points();
            List<Double> x = new ArrayList<>();
            List<Double> p50 = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (Point p : points) {
                var stats = p.summary().latency(metric);
                x.add(p.summary().throughput().outputTokensPerS());
                p50.add(stats.count() == 0 ? null : stats.p50());
                p99.add(stats.count() == 0 ? null : stats.p99());
                labels.add(p.settings() != null && p.settings().size() == 1 ? String.valueOf(p.settings().values().iterator().next())
                        : Point.settingsLabel(p.settings()));
            }
            boolean one = runs.size() == 1;
            String prefix = one ? metric + " " : runs.get(i).label() + " ";
            series.add(new Chart.Series(prefix + "p50", one ? 0 : i, false, x, p50));
            series.add(new Chart.Series(prefix + "p99", one ? 1 : i, true, x, p99, one ? labels : null));
        }
        return Chart.xy(id, title, "output tokens/s", "ms", series);
    }
}
