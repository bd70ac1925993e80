package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The JSON report, schema {@value #SCHEMA} (DESIGN.md): what reports are written from and read
 * back by {@code compare} and {@code report}. Field names become snake_case in JSON. Optional
 * parts: {@code points} for sweeps and SLO searches ({@code search} then describes the search),
 * {@code variants} with {@code comparison} for variants, {@code repeats} for repeated runs,
 * {@code baseline} when the run was compared with an earlier report, {@code cluster} for distributed runs,
 * {@code inputs} when requests carried images, audio, tools or a response format.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(String schema, Tool tool, Map<String, Object> scenario, RunInfo run, Summary summary,
                     List<TimePoint> timeseries, Map<String, String> histograms, List<Point> points, Search search,
                     List<VariantSummary> variants, List<Comparison> comparison, Repeats repeats, ServerMetrics serverMetrics,
                     Baseline baseline, ClusterInfo cluster, InputCounts inputs) {

    public static final String SCHEMA = "llmload.report/v1";

    public Report(String schema, Tool tool, Map<String, Object> scenario, RunInfo run, Summary summary, List<TimePoint> timeseries,
                  Map<String, String> histograms, List<Point> points, Search search, List<VariantSummary> variants,
                  List<Comparison> comparison, Repeats repeats) {
        this(schema, tool, scenario, run, summary, timeseries, histograms, points, search, variants, comparison, repeats, null, null, null);
    }

    public Report(String schema, Tool tool, Map<String, Object> scenario, RunInfo run, Summary summary, List<TimePoint> timeseries,
                  Map<String, String> histograms, List<Point> points, Search search, List<VariantSummary> variants,
                  List<Comparison> comparison, Repeats repeats, ServerMetrics serverMetrics, Baseline baseline, ClusterInfo cluster) {
        this(schema, tool, scenario, run, summary, timeseries, histograms, points, search, variants, comparison, repeats, serverMetrics,
                baseline, cluster, null);
    }

    /** A copy with what the requests carried besides text (null: nothing, or not counted). */
    public Report withInputs(InputCounts counts) {
        return new Report(schema, tool, scenario, run, summary, timeseries, histograms, points, search, variants, comparison, repeats,
                serverMetrics, baseline, cluster, counts);
    }

    /** A copy with the server's scraped metrics (null: not scraped). */
    public Report withServerMetrics(ServerMetrics metrics) {
        return new Report(schema, tool, scenario, run, summary, timeseries, histograms, points, search, variants, comparison, repeats,
                metrics, baseline, cluster, inputs);
    }

    public Report withRun(RunInfo info) {
        return new Report(schema, tool, scenario, info, summary, timeseries, histograms, points, search, variants, comparison, repeats,
                serverMetrics, baseline, cluster, inputs);
    }

    /** This report with the baseline comparison added: its section, and its checks appended to the summary's. */
    public Report withBaseline(Baseline b, List<CheckResult> checks) {
        List<CheckResult> all = new java.util.ArrayList<>(summary.checks());
        all.addAll(checks);
        return new Report(schema, tool, scenario, run, summary.withChecks(all), timeseries, histograms, points, search, variants,
                comparison, repeats, serverMetrics, b, cluster, inputs);
    }

    /** The tool that wrote the report. */
    public record Tool(String name, String version, String commit) {
    }
}
