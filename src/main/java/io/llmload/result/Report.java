package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The JSON report, schema {@value #SCHEMA} (DESIGN.md): what reports are written from and read
 * back by {@code compare} and {@code report}. Field names become snake_case in JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(String schema, Tool tool, Map<String, Object> scenario, RunInfo run, Summary summary,
                     List<TimePoint> timeseries, Map<String, String> histograms, List<Point> points,
                     List<VariantSummary> variants, ServerMetrics serverMetrics) {

    public static final String SCHEMA = "llmload.report/v1";

    /** A copy with the server's scraped metrics (null: not scraped). */
    public Report withServerMetrics(ServerMetrics metrics) {
        return new Report(schema, tool, scenario, run, summary, timeseries, histograms, points, variants, metrics);
    }

    /** The tool that wrote the report. */
    public record Tool(String name, String version, String commit) {
    }
}
