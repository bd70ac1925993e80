package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The JSON report, schema {@value #SCHEMA} (DESIGN.md): what reports are written from and read
 * back by {@code compare} and {@code report}. Field names become snake_case in JSON. Optional
 * parts: {@code points} for sweeps and SLO searches ({@code search} then describes the search),
 * {@code variants} with {@code comparison} for variants, {@code repeats} for repeated runs, {@code cluster} for distributed runs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(String schema, Tool tool, Map<String, Object> scenario, RunInfo run, Summary summary,
                     List<TimePoint> timeseries, Map<String, String> histograms, List<Point> points, Search search,
                     List<VariantSummary> variants, List<Comparison> comparison, Repeats repeats, ClusterInfo cluster) {

    public static final String SCHEMA = "llmload.report/v1";

    /** The tool that wrote the report. */
    public record Tool(String name, String version, String commit) {
    }
}
