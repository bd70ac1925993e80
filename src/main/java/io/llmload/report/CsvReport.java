package io.llmload.report;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.llmload.result.Point;
import io.llmload.result.Report;
import io.llmload.result.Summary;
import io.llmload.result.TimePoint;
import io.llmload.result.VariantSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code csv} format, for spreadsheets and plotting scripts: {@code summary.csv} with one row
 * for the run (and one per sweep point or variant) and {@code timeseries.csv} with one row per
 * second. Latencies in milliseconds, as in the JSON report.
 */
public final class CsvReport {
    public static final String SUMMARY_FILE = "summary.csv";
    public static final String TIMESERIES_FILE = "timeseries.csv";
    private static final CsvMapper MAPPER = new CsvMapper();
    private static final List<String> STATS = List.of("p50", "p90", "p99", "mean", "max");

    private CsvReport() {
    }

    /** Writes both files into {@code dir}; returns them. */
    public static List<Path> write(Report report, Path dir) throws IOException {
        Path summary = dir.resolve(SUMMARY_FILE);
        Path series = dir.resolve(TIMESERIES_FILE);
        AtomicFiles.write(summary, summary(report));
        AtomicFiles.write(series, timeseries(report));
        return List.of(summary, series);
    }

    static String summary(Report report) throws IOException {
        List<String> columns = new ArrayList<>(List.of("row", "settings", "requests", "succeeded", "failed", "incomplete", "dropped",
                "error_rate", "requests_per_s", "output_tokens_per_s", "input_tokens", "output_tokens"));
        for (String metric : Summary.LATENCY_METRICS) {
            STATS.forEach(stat -> columns.add(metric + "_" + stat + "_ms"));
        }
        // embeddings, rerank: vectors or documents instead of output tokens (blank for token APIs)
        columns.addAll(List.of("input_tokens_per_s", "items", "items_per_s"));
        List<Object[]> rows = new ArrayList<>();
        rows.add(summaryRow("run", Map.of(), report.summary()));
        if (report.points() != null) {
            for (int i = 0; i < report.points().size(); i++) {
                Point p = report.points().get(i);
                rows.add(summaryRow("point " + (i + 1), p.settings(), p.summary()));
            }
        }
        if (report.variants() != null) {
            for (VariantSummary v : report.variants()) {
                rows.add(summaryRow("variant " + v.name(), v.settings(), v.summary()));
            }
        }
        return write(columns, rows);
    }

    private static Object[] summaryRow(String label, Map<String, Object> settings, Summary s) {
        List<Object> row = new ArrayList<>(List.of(label, settings == null ? "" : settings.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")),
                s.requests().total(), s.requests().succeeded(), s.requests().failed(), s.requests().incomplete(), s.requests().dropped(),
                s.requests().errorRate(), s.throughput().requestsPerS(),
                s.answersInTokens() ? s.throughput().outputTokensPerS() : "", s.tokens().input(),
                s.answersInTokens() ? s.tokens().output() : ""));
        for (String metric : Summary.LATENCY_METRICS) {
            boolean none = s.latency(metric).count() == 0;
            STATS.forEach(stat -> row.add(none ? "" : s.latency(metric).stat(stat)));
        }
        boolean items = !s.answersInTokens();
        row.add(items ? ItemsText.inputPerS(s) : "");
        row.add(items ? ItemsText.items(s) : "");
        row.add(items ? ItemsText.itemsPerS(s) : "");
        return row.toArray();
    }

    static String timeseries(Report report) throws IOException {
        List<String> columns = List.of("t_s", "warmup", "stage", "target", "requests", "succeeded", "errors", "cancelled", "dropped",
                "output_tokens", "in_flight", "ttft_p50_ms", "ttft_p99_ms", "itl_p50_ms", "itl_p99_ms", "e2e_p50_ms", "e2e_p99_ms");
        List<Object[]> rows = new ArrayList<>();
        // embeddings, rerank: no token stream, so the token columns stay blank rather than 0
        boolean tokens = report.summary() == null || report.summary().answersInTokens();
        for (TimePoint p : report.timeseries() == null ? List.<TimePoint>of() : report.timeseries()) {
            rows.add(new Object[] {p.t(), p.warmup(), p.stage(), p.target(), p.requests(), p.succeeded(), p.errors(), p.cancelled(),
                p.dropped(), tokens ? p.outputTokens() : "", p.inFlight(), tokens ? p.ttftP50Ms() : "", tokens ? p.ttftP99Ms() : "",
                tokens ? p.itlP50Ms() : "", tokens ? p.itlP99Ms() : "", p.e2eP50Ms(), p.e2eP99Ms()});
        }
        return write(columns, rows);
    }

    private static String write(List<String> columns, List<Object[]> rows) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        return MAPPER.writer(schema.build()).writeValueAsString(rows);
    }
}
