package io.llmload.report;

import io.llmload.result.Report;
import io.llmload.result.ServerMetrics;
import io.llmload.result.TimePoint;
import io.llmload.text.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HTML report's "Server metrics" section: small inline SVG charts on one time axis, the
 * client's TTFT and output tokens/s first, then every scraped server series (gauges as scraped,
 * counters as a rate per second), so a rise in TTFT can be read against the server's queue.
 * Plain SVG, no script: it prints and opens offline. Names and labels from the server are escaped.
 */
final class ServerMetricsHtml {
    private static final int W = 360;
    private static final int H = 110;
    private static final int PAD = 28;

    private ServerMetricsHtml() {
    }

    static void render(StringBuilder h, Report report) {
        ServerMetrics sm = report.serverMetrics();
        if (sm == null) {
            return;
        }
        h.append("<section id=\"server-metrics\">\n<h2>Server metrics</h2>\n<p class=\"note\">Scraped from <code>").append(Html.escape(sm.url()))
                .append("</code> every ").append(Format.seconds(sm.everyS())).append(": ").append(sm.scrapes()).append(" scrape(s)");
        if (sm.failedScrapes() > 0) {
            h.append(", ").append(sm.failedScrapes()).append(" failed (last: ").append(Html.escape(sm.lastError())).append(')');
        }
        if (sm.omittedSeries() > 0) {
            h.append(", ").append(sm.omittedSeries()).append(" series left out");
        }
        h.append(".");
        if (sm.prefixCacheHitRate() != null) {
            h.append(" Prefix cache hit rate over the run: <b>")
                    .append(String.format(Locale.ROOT, "%.1f%%", sm.prefixCacheHitRate() * 100)).append("</b>.");
        }
        h.append("</p>\n<div class=\"sm-charts\">\n");
        double tMax = maxT(report, sm);
        List<TimePoint> ts = report.timeseries() == null ? List.of() : report.timeseries();
        // Seconds in which no request succeeded have no TTFT: left out rather than drawn as 0.
        chart(h, "client TTFT p50 (ms)", ts.stream().filter(p -> p.succeeded() > 0).map(p -> new double[] {p.t(), p.ttftP50Ms()}).toList(),
                tMax);
        chart(h, "client output tokens/s", ts.stream().map(p -> new double[] {p.t(), p.outputTokens()}).toList(), tMax);
        for (ServerMetrics.Series s : sm.series()) {
            boolean counter = "counter".equals(s.type());
            String title = s.name() + labels(s.labels()) + (counter ? " (per second)" : "");
            chart(h, title, counter ? rate(s.points()) : s.points(), tMax);
        }
        h.append("</div>\n</section>\n");
    }

    private static String labels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return "";
        }
        return labels.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"").collect(Collectors.joining(",", "{", "}"));
    }

    /** Differences of a cumulative counter per second; a drop (a reset) starts over. */
    static List<double[]> rate(List<double[]> points) {
        List<double[]> out = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            double dt = points.get(i)[0] - points.get(i - 1)[0];
            double dv = points.get(i)[1] - points.get(i - 1)[1];
            if (dt > 0) {
                out.add(new double[] {points.get(i)[0], dv < 0 ? points.get(i)[1] / dt : dv / dt});
            }
        }
        return out;
    }

    private static double maxT(Report report, ServerMetrics sm) {
        double t = 1;
        if (report.timeseries() != null) {
            for (TimePoint p : report.timeseries()) {
                t = Math.max(t, p.t());
            }
        }
        for (ServerMetrics.Series s : sm.series()) {
            for (double[] p : s.points()) {
                t = Math.max(t, p[0]);
            }
        }
        return t;
    }

    private static void chart(StringBuilder h, String title, List<double[]> points, double tMax) {
        double vMax = 0;
        double last = Double.NaN;
        for (double[] p : points) {
            if (Double.isFinite(p[1])) {
                vMax = Math.max(vMax, p[1]);
                last = p[1];
            }
        }
        double top = vMax <= 0 ? 1 : vMax;
        h.append("<figure class=\"sm-chart\"><figcaption>").append(Html.escape(title)).append("</figcaption>\n")
                .append("<svg viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" role=\"img\" aria-label=\"")
                .append(Html.escape(title)).append("\">")
                .append("<line x1=\"").append(PAD).append("\" y1=\"").append(H - 14).append("\" x2=\"").append(W).append("\" y2=\"")
                .append(H - 14).append("\" class=\"axis\"/>")
                .append("<text x=\"0\" y=\"10\" class=\"tick\">").append(Format.rate(vMax)).append("</text>")
                .append("<text x=\"0\" y=\"").append(H - 14).append("\" class=\"tick\">0</text>")
                .append("<text x=\"").append(W - 40).append("\" y=\"").append(H - 2).append("\" class=\"tick\">")
                .append(Format.seconds(tMax)).append("</text>");
        if (!points.isEmpty()) {
            h.append("<polyline class=\"line\" points=\"");
            for (double[] p : points) {
                if (!Double.isFinite(p[1])) {
                    continue;
                }
                double x = PAD + (W - PAD) * p[0] / tMax;
                double y = (H - 14) - (H - 24) * p[1] / top;
                h.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            h.append("\"/>");
        }
        h.append("</svg><div class=\"note\">last ").append(Double.isNaN(last) ? "–" : Format.rate(last)).append("</div></figure>\n");
    }
}
