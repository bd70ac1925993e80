package io.llmload.report;

import io.llmload.result.LabeledReport;
import io.llmload.result.Point;
import io.llmload.result.Report;
import io.llmload.result.RunInfo;
import io.llmload.result.Summary;
import io.llmload.result.TimePoint;
import io.llmload.result.VariantSummary;
import io.llmload.text.Format;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The self-contained HTML report: one file, no network, readable in light and dark mode and on
 * paper. Tables are rendered here; charts are drawn in the page by uPlot from chart data
 * computed here (percentile curves come from the histograms). The whole JSON report is embedded
 * too, so the file is also the data. A pure function of the {@link Report}; every string from a
 * server or a scenario is escaped.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static void write(Report report, Path file) throws IOException {
        AtomicFiles.write(file, render(report));
    }

    public static String render(Report report) {
        Summary s = report.summary();
        String name = name(report);
        List<LabeledReport> runs = List.of(new LabeledReport(name, report));
        List<Chart> distributions = Charts.distributions(runs);
        List<Chart> series = Charts.timeSeries(runs);
        List<Chart> sweep = Charts.sweep(runs);
        boolean hasVariants = report.variants() != null && !report.variants().isEmpty();
        boolean hasSeries = report.timeseries() != null && !report.timeseries().isEmpty();

        StringBuilder h = new StringBuilder(256 * 1024);
        HtmlPage.open(h, "llmload · " + name);
        header(h, report, name);
        List<String[]> links = new ArrayList<>();
        links.add(new String[] {"summary", "Summary"});
        links.add(new String[] {"latency", "Latency"});
        if (hasSeries) {
            links.add(new String[] {"over-time", "Over time"});
        }
        if (!sweep.isEmpty()) {
            links.add(new String[] {"sweep", "Sweep"});
        }
        if (hasVariants) {
            links.add(new String[] {"variants", "Variants"});
        }
        if (report.baseline() != null) {
            links.add(new String[] {"baseline", "Baseline"});
        }
        if (report.cluster() != null) {
            links.add(new String[] {"cluster", "Cluster"});
        }
        links.add(new String[] {"requests", "Requests & errors"});
        links.add(new String[] {"scenario", "Scenario"});
        HtmlPage.nav(h, links);

        h.append("<section id=\"summary\">\n<h2>Summary</h2>\n");
        if (hasVariants || !sweep.isEmpty()) {
            h.append("<p class=\"note\">").append(hasVariants ? "All variants together." : "The last sweep point.").append("</p>\n");
        }
        LoadHtml.banners(h, report);
        SummaryHtml.cards(h, s);
        if (s.checks() != null && !s.checks().isEmpty()) {
            h.append("<h3>Checks</h3>\n");
            SummaryHtml.checks(h, s.checks());
        }
        LoadHtml.load(h, report);
        LoadHtml.repeats(h, report.repeats());
        h.append("</section>\n");

        h.append("<section id=\"latency\">\n<h2>Latency</h2>\n");
        SummaryHtml.latencyTable(h, s);
        if (!s.answersInTokens()) {
            h.append("<p class=\"note\">").append(Html.escape(ItemsText.counts(s).substring("tokens      ".length())))
                    .append(". E2E: start to the end of the answer. Schedule lag: actual send − intended start.</p>\n");
        } else {
            h.append("<p class=\"note\">TTFT: start to the first token (content, reasoning or tool call). ")
                    .append("TTFAT: start to the first answer token (content or tool call), past any reasoning. ITL: gap between token chunks. ")
                    .append("TPOT: (e2e − ttft) / (output tokens − 1). E2E: start to end of response. Schedule lag: actual send − intended start. ")
                    .append("Output tokens counted from <b>").append(Html.escape(s.tokens() == null ? "" : s.tokens().outputSource()))
                    .append("</b>")
                    .append(ReasoningText.present(s.tokens()) ? "; " + Html.escape(ReasoningText.split(s.tokens())) + " tokens" : "")
                    .append(".</p>\n");
        }
        h.append("<h3>Distributions</h3>\n");
        HtmlPage.chartGrid(h, distributions);
        h.append("<p class=\"note\">Latency against percentile on a log axis of nines (HdrHistogram's plot): the right-hand end is the tail.</p>\n");
        if (s.turns() != null && !s.turns().isEmpty()) {
            h.append("<h3>Conversation turns</h3>\n");
            SummaryHtml.turns(h, s.turns());
        }
        h.append("</section>\n");

        if (hasSeries) {
            h.append("<section id=\"over-time\">\n<h2>Over time</h2>\n");
            HtmlPage.chartGrid(h, series);
            Timeline timeline = Timeline.of(report);
            h.append("<p class=\"note\">One point per second").append(timeline.bands().isEmpty() ? "" : "; the shaded band is the warmup (not measured)")
                    .append(timeline.marks().isEmpty() ? "" : "; dashed lines mark where each load stage begins").append(".</p>\n</section>\n");
        }
        if (!sweep.isEmpty()) {
            sweep(h, report, sweep);
        }
        if (hasVariants) {
            variants(h, report);
        }
        if (report.baseline() != null) {
            BaselineHtml.section(h, report.baseline());
        }
        if (report.cluster() != null) {
            ClusterHtml.section(h, report.cluster());
        }
        h.append("<section id=\"requests\">\n<h2>Requests &amp; errors</h2>\n");
        SummaryHtml.requests(h, s.requests());
        h.append("</section>\n");
        perSecond(h, report.timeseries());
        ServerMetricsHtml.render(h, report);
        h.append("<section id=\"scenario\">\n<h2>Scenario</h2>\n<details><summary>Resolved scenario (secrets redacted)</summary>\n<pre>")
                .append(Html.escape(toJson(report.scenario()))).append("</pre>\n</details>\n</section>\n");
        h.append("<script type=\"application/json\" id=\"llmload-report\">")
                .append(Html.scriptJson(ReportJson.toJson(report))).append("</script>\n");
        List<Chart> all = new ArrayList<>(distributions);
        all.addAll(series);
        all.addAll(sweep);
        HtmlPage.close(h, all, "Generated by llmload " + version(report) + " · schema " + report.schema());
        return h.toString();
    }

    private static void header(StringBuilder h, Report report, String name) {
        RunInfo run = report.run();
        h.append("<header>\n<h1>").append(Html.escape(name)).append("</h1>\n");
        Object description = scenario(report).get("description");
        if (description != null) {
            h.append("<p class=\"description\">").append(Html.escape(description)).append("</p>\n");
        }
        if (run != null && run.interrupted()) {
            h.append("<p class=\"banner warn\">This run was interrupted; the results cover what was measured until then.</p>\n");
        }
        if (run != null && run.abortedBy() != null) {
            h.append("<p class=\"banner warn\">Stopped early by the abort_on_fail threshold <code>").append(Html.escape(run.abortedBy().expr()))
                    .append("</code>").append(run.abortedBy().scope() == null ? "" : " [" + Html.escape(run.abortedBy().scope()) + "]")
                    .append(": it could no longer pass after ").append(run.abortedBy().requests()).append(" requests.</p>\n");
        }
        h.append("<dl class=\"meta\">\n");
        if (run != null) {
            meta(h, "Target", run.target());
            meta(h, "Model", run.model());
            meta(h, "Started", Format.timestamp(run.startedAt()));
            meta(h, "Duration", Format.seconds(run.durationS()) + " (warmup " + Format.seconds(run.warmupS()) + ", measured "
                    + Format.seconds(run.measuredS()) + ")");
            meta(h, "Stopped by", run.stopReason());
        }
        settings(h, "Load", scenario(report).get("load"));
        String stages = Timeline.describeStages(ReportJson.MAPPER.valueToTree(report));
        if (stages != null) {
            wideMeta(h, "Stages", stages);
        }
        settings(h, "Request", scenario(report).get("request"));
        if (report.inputs() != null && report.inputs().any()) {
            wideMeta(h, "Inputs", report.inputs().describe());
        }
        if (report.summary() != null && ToolCallText.describe(report.summary()) != null) {
            wideMeta(h, "Tool calls", ToolCallText.describe(report.summary()));
        }
        if (run != null && run.host() != null) {
            meta(h, "Client host", run.host().name() + " · " + run.host().cpus() + " CPUs · Java " + run.host().java() + " · "
                    + run.host().os());
        }
        meta(h, "Tool", "llmload " + version(report));
        h.append("</dl>\n</header>\n");
    }

    /**
     * A scenario block (load, request) as "key value · key value"; a nested map as "{k v, k v}",
     * a list as its size (stages have their own line), so the header stays a header.
     */
    private static void settings(StringBuilder h, String title, Object block) {
        if (!(block instanceof Map<?, ?> map) || map.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        map.forEach((k, v) -> parts.add(k + " " + compact(v)));
        wideMeta(h, title, String.join(" · ", parts));
    }

    private static String compact(Object v) {
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, x) -> parts.add(k + " " + compact(x)));
            return "{" + String.join(", ", parts) + "}";
        }
        if (v instanceof List<?> l) {
            return l.stream().allMatch(x -> !(x instanceof Map) && !(x instanceof List))
                    ? "[" + String.join(", ", l.stream().map(String::valueOf).toList()) + "]"
                    : "[" + l.size() + (l.size() == 1 ? " entry]" : " entries]");
        }
        return String.valueOf(v);
    }

    private static void wideMeta(StringBuilder h, String key, Object value) {
        h.append("<div class=\"wide\"><dt>").append(Html.escape(key)).append("</dt><dd>").append(Html.escape(value)).append("</dd></div>\n");
    }

    private static void meta(StringBuilder h, String key, Object value) {
        h.append("<div><dt>").append(Html.escape(key)).append("</dt><dd>").append(Html.escape(value)).append("</dd></div>\n");
    }

    private static void sweep(StringBuilder h, Report report, List<Chart> charts) {
        List<Point> points = report.points();
        h.append("<section id=\"sweep\">\n<h2>").append(report.search() != null ? "SLO search" : "Sweep").append("</h2>\n");
        LoadHtml.search(h, report);
        HtmlPage.chartGrid(h, charts);
        var first = points.get(0).settings();
        h.append("<p class=\"note\">One point per sweep setting, joined in sweep order")
                .append(first != null && first.size() == 1 ? "; points are labelled with " + Html.escape(first.keySet().iterator().next()) : "")
                .append(".</p>\n");
        SummaryHtml.rows(h, "setting", points.stream().map(p -> Point.settingsLabel(p.settings())).toList(),
                points.stream().map(Point::summary).toList());
        h.append("</section>\n");
    }

    private static void variants(StringBuilder h, Report report) {
        List<VariantSummary> variants = report.variants();
        h.append("<section id=\"variants\">\n<h2>Variants</h2>\n");
        SummaryHtml.rows(h, "variant", variants.stream().map(VariantSummary::name).toList(),
                variants.stream().map(VariantSummary::summary).toList());
        LoadHtml.comparison(h, report);
        for (int i = 0; i < variants.size(); i++) {
            VariantSummary v = variants.get(i);
            h.append("<section class=\"variant\" id=\"variant-").append(i + 1).append("\">\n<h3>Variant ")
                    .append(Html.escape(v.name())).append("</h3>\n");
            if (v.settings() != null && !v.settings().isEmpty()) {
                h.append("<p class=\"settings\">").append(Html.escape(Point.settingsLabel(v.settings()))).append("</p>\n");
            }
            SummaryHtml.cards(h, v.summary());
            SummaryHtml.latencyTable(h, v.summary());
            SummaryHtml.requests(h, v.summary().requests());
            LoadHtml.repeats(h, v.repeats());
            h.append("</section>\n");
        }
        h.append("</section>\n");
    }

    private static void perSecond(StringBuilder h, List<TimePoint> points) {
        if (points == null || points.isEmpty()) {
            return;
        }
        h.append("<section id=\"per-second\">\n<h2>Per second</h2>\n<details><summary>").append(points.size())
                .append(" points</summary>\n<div class=\"scroll\"><table class=\"num\">\n<thead><tr><th>t (s)</th><th>requests</th><th>errors</th>")
                .append("<th>output tokens</th><th>in flight</th><th>TTFT p50</th><th>TTFT p99</th><th>ITL p50</th><th>ITL p99</th></tr></thead>\n<tbody>\n");
        for (TimePoint p : points) {
            h.append("<tr").append(p.warmup() ? " class=\"warmup\" title=\"warmup\"" : "").append("><td>").append(Format.seconds(p.t()))
                    .append("</td><td>").append(p.requests()).append("</td><td>").append(p.errors()).append("</td><td>")
                    .append(p.outputTokens()).append("</td><td>").append(p.inFlight()).append("</td><td>").append(Format.ms(p.ttftP50Ms()))
                    .append("</td><td>").append(Format.ms(p.ttftP99Ms())).append("</td><td>").append(Format.ms(p.itlP50Ms()))
                    .append("</td><td>").append(Format.ms(p.itlP99Ms())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table></div>\n</details>\n</section>\n");
    }

    static String name(Report report) {
        Object name = scenario(report).get("name");
        return name == null ? "scenario" : name.toString();
    }

    private static Map<String, Object> scenario(Report report) {
        return report.scenario() == null ? Map.of() : report.scenario();
    }

    private static String version(Report report) {
        return report.tool() == null ? "?" : report.tool().version();
    }

    private static String toJson(Object value) {
        try {
            return ReportJson.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            return String.valueOf(value);
        }
    }
}
