package io.llmload.scenario;

import static io.llmload.scenario.Shape.listOf;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.required;
import static io.llmload.scenario.Shape.str;

import java.util.List;
import java.util.Map;

/**
 * A validated, fully resolved benchmark scenario (DESIGN.md "Scenario file"). {@code resolved}
 * is the same content as plain values with every default filled in and secrets redacted; it is
 * what reports print as the scenario.
 */
public record Scenario(String name, String description, Target target, RequestSpec request, Workload workload,
                       LoadSpec load, List<ThresholdSpec> thresholds, ReportSpec report, MockSpec mock,
                       GoodputSpec goodput, SweepSpec sweep, VariantsSpec variants, int repeat, MetricsSpec metrics,
                       ServerMetricsSpec serverMetrics, ClusterSpec cluster, Map<String, Object> resolved) {

    public static final Shape.Obj SHAPE = obj(
            optional("name", str(), null, "scenario name, used in report paths (default: the file name)"),
            optional("description", str(), null, "free text shown in reports"),
            required("target", Target.SHAPE, "the endpoint under test"),
            optional("request", RequestSpec.SHAPE, Map.of(), "request body settings"),
            optional("workload", Workload.SHAPE, Map.of(), "what is sent"),
            optional("load", LoadSpec.SHAPE, Map.of(), "when it is sent"),
            optional("thresholds", listOf(ThresholdSpec.ITEM), List.of(),
                    "checks such as 'ttft.p99 < 800ms', or {expr, abort_on_fail: true, min_requests} to stop a run that cannot pass"),
            optional("report", ReportSpec.SHAPE, Map.of(), "where reports go"),
            optional("mock", MockSpec.SHAPE, Map.of(), "behaviour of the built-in mock (target.url: embedded)"),
            optional("goodput", GoodputSpec.SHAPE, null, "per-request SLOs; requests meeting all of them count as goodput"),
            optional("sweep", SweepSpec.SHAPE, null, "one run per concurrency or rate, or a search for the highest rate meeting SLOs"),
            optional("variants", VariantsSpec.SHAPE, null, "named overrides compared in one run"),
            optional("repeat", Shape.integer(1), 1L, "run everything this many times and report means with 95% confidence intervals"),
            optional("metrics", MetricsSpec.SHAPE, Map.of(), "live Prometheus endpoint for this run"),
            optional("server_metrics", ServerMetricsSpec.SHAPE, null, "scrape the server's own Prometheus metrics during the run"),
            optional("cluster", ClusterSpec.SHAPE, null, "run on llmload agents over a cluster instead of this machine"));

    static Scenario from(ObjView v, String defaultName, Map<String, Object> resolved) {
        String name = v.has("name") ? v.str("name") : defaultName;
        List<ThresholdSpec> thresholds = v.list("thresholds").stream().map(n -> ThresholdSpec.from(n, "thresholds")).toList();
        return new Scenario(name, v.str("description"), Target.from(v.obj("target")), RequestSpec.from(v.obj("request")),
                Workload.from(v.obj("workload")), LoadSpec.from(v.obj("load")), thresholds,
                ReportSpec.from(v.obj("report")), MockSpec.from(v.obj("mock")),
                v.has("goodput") ? GoodputSpec.from(v.obj("goodput")) : null,
                v.has("sweep") ? SweepSpec.from(v.obj("sweep")) : null,
                v.has("variants") ? VariantsSpec.from(v.obj("variants")) : null,
                Math.toIntExact(v.integer("repeat")), MetricsSpec.from(v.obj("metrics")),
                ServerMetricsSpec.from(v, "server_metrics"),
                v.has("cluster") ? ClusterSpec.from(v.obj("cluster")) : null, resolved);
    }

    /** A copy whose thresholds are replaced; used when the command line adds its own. */
    public Scenario withThresholds(List<ThresholdSpec> list) {
        return new Scenario(name, description, target, request, workload, load, list, report, mock, goodput, sweep, variants,
                repeat, metrics, serverMetrics, cluster, resolved);
    }
}
