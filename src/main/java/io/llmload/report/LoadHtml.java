package io.llmload.report;

import io.llmload.result.Comparison;
import io.llmload.result.Estimate;
import io.llmload.result.Goodput;
import io.llmload.result.LoadInfo;
import io.llmload.result.Point;
import io.llmload.result.Report;
import io.llmload.result.Repeats;
import io.llmload.result.Search;
import io.llmload.result.SteadyState;
import io.llmload.text.Format;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML parts about how load was applied and what the campaign found: warnings when the
 * client was saturated or steady state was never reached, the load model and goodput, the SLO
 * search with each probe's verdict, variant differences with confidence intervals, and repeat
 * statistics. Every string from a scenario or server is escaped.
 */
final class LoadHtml {
    private LoadHtml() {
    }

    /** Plain warnings that change how the numbers must be read. */
    static void banners(StringBuilder h, Report r) {
        LoadInfo l = r.run() == null ? null : r.run().load();
        if (l != null && l.clientSaturated()) {
            h.append("<p class=\"banner warn\">The client was saturated: ").append(Html.escape(l.saturation()))
                    .append(". The results are a lower bound on what the server can do.</p>\n");
        }
        String paused = PauseText.warning(l == null ? null : l.clientPauses());
        if (paused != null) {
            h.append("<p class=\"banner warn\">").append(Html.escape(Character.toUpperCase(paused.charAt(0)) + paused.substring(1)))
                    .append(".</p>\n");
        }
        SteadyState ss = r.run() == null ? null : r.run().steadyState();
        if (ss != null && "auto".equals(ss.mode()) && !ss.reached()) {
            h.append("<p class=\"banner warn\">Steady state was never reached: measuring began at the warmup's maximum (")
                    .append(Html.escape(Format.seconds(ss.atS()))).append(").</p>\n");
        }
    }

    /** The load model, goodput and steady state, when there is anything beyond a plain closed run to say. */
    static void load(StringBuilder h, Report r) {
        LoadInfo l = r.run() == null ? null : r.run().load();
        Goodput g = r.summary().goodput();
        SteadyState ss = r.run() == null ? null : r.run().steadyState();
        boolean open = l != null && "open".equals(l.model());
        boolean auto = ss != null && "auto".equals(ss.mode());
        boolean byDefault = ss != null && "default".equals(ss.mode());
        if (!open && g == null && !auto && !byDefault) {
            return;
        }
        h.append("<h3>Load</h3>\n<dl class=\"meta\">\n");
        if (open) {
            item(h, "Model", "open, " + l.arrival() + " arrivals" + (l.burstiness() != null ? " (burstiness " + l.burstiness() + ")" : ""));
            item(h, "Rate", Format.rate(l.targetRate()) + " req/s scheduled (" + Format.count(l.scheduledArrivals()) + " arrivals), "
                    + Format.rate(l.achievedRate()) + " req/s achieved");
            item(h, "Cap", "max in flight " + l.maxInFlight() + ", " + Format.count(r.summary().requests().dropped()) + " dropped");
        }
        if (g != null) {
            StringBuilder slo = new StringBuilder();
            g.sloMs().forEach((k, v) -> slo.append(slo.length() == 0 ? "" : ", ").append(k).append(" ≤ ").append(Format.ms(v)).append(" ms"));
            item(h, "Goodput", Format.rate(g.requestsPerS()) + " req/s · " + Format.percent(g.fraction()) + " of succeeded requests met " + slo);
        }
        if (auto) {
            item(h, "Steady state", (ss.reached() ? "reached after " : "not reached; measuring began at ") + Format.seconds(ss.atS())
                    + " (" + ss.rule() + ")");
        }
        if (byDefault) {
            item(h, "Warmup", Format.seconds(ss.atS()) + " by default: " + ss.rule());
        }
        h.append("</dl>\n");
    }

    /** The SLO search: its answer and every probe's verdict. */
    static void search(StringBuilder h, Report r) {
        Search s = r.search();
        if (s == null) {
            return;
        }
        h.append("<h3>SLO search</h3>\n<p>").append(s.maxRate() != null
                ? "Highest rate meeting every SLO: <b>" + Html.escape(Format.rate(s.maxRate())) + " req/s</b>"
                : "No rate in [" + s.rateFrom() + ", " + s.rateTo() + "] req/s met every SLO")
                .append(" (").append(Html.escape(s.outcome())).append(", ").append(s.probes()).append(" probes, precision ")
                .append(s.precision()).append(" req/s). SLOs: <code>").append(Html.escape(String.join(" and ", s.until())))
                .append("</code>.</p>\n<div class=\"scroll\"><table class=\"num\">\n<thead><tr><th>probe</th><th>rate</th><th>req/s</th>")
                .append("<th>TTFT p99</th><th>ITL p99</th><th>error rate</th><th>SLOs</th></tr></thead>\n<tbody>\n");
        int i = 1;
        for (Point p : r.points()) {
            h.append("<tr class=\"").append(Boolean.TRUE.equals(p.passed()) ? "pass" : "fail").append("\"><td>").append(i++)
                    .append("</td><td>").append(Html.escape(p.settings().get("rate"))).append("</td><td>")
                    .append(Format.rate(p.summary().throughput().requestsPerS())).append("</td><td>")
                    .append(LatencyText.ms(p.summary().latency("ttft"), p.summary().latency("ttft").p99())).append("</td><td>").append(LatencyText.ms(p.summary().latency("itl"), p.summary().latency("itl").p99()))
                    .append("</td><td>").append(Format.percent(p.summary().requests().errorRate())).append("</td><td>")
                    .append(Boolean.TRUE.equals(p.passed()) ? "met" : "missed").append("</td></tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
    }

    /** Each variant against the first, with the 95% interval of the difference. */
    static void comparison(StringBuilder h, Report r) {
        if (r.comparison() == null || r.comparison().isEmpty()) {
            return;
        }
        h.append("<h3>Differences</h3>\n<div class=\"scroll\"><table class=\"num\">\n<thead><tr><th>variant</th><th>metric</th>")
                .append("<th>baseline</th><th>value</th><th>difference</th><th>%</th><th>95% interval</th><th>significant</th></tr></thead>\n<tbody>\n");
        for (Comparison c : r.comparison()) {
            h.append("<tr><td>").append(Html.escape(c.variant() + " − " + c.baseline())).append("</td><td><code>").append(Html.escape(c.metric()))
                    .append("</code></td><td>").append(num(c.baselineValue())).append("</td><td>").append(num(c.value())).append("</td><td>")
                    .append(num(c.diff())).append("</td><td>").append(c.diffPct() == null ? "" : String.format(Locale.ROOT, "%+.1f%%", c.diffPct()))
                    .append("</td><td>").append(c.ciLow() == null ? "n/a" : "[" + num(c.ciLow()) + ", " + num(c.ciHigh()) + "] " + Html.escape(c.method()))
                    .append("</td><td>").append(c.ciLow() == null ? "" : c.significant() ? "yes" : "no").append("</td></tr>\n");
        }
        h.append("</tbody>\n</table></div>\n<p class=\"note\">From repeated runs when there are at least two (paired when interleaved), "
                + "else a bootstrap of the latency histograms; single-run rates have no interval.</p>\n");
    }

    /** Mean and 95% interval of each metric across repeated runs. */
    static void repeats(StringBuilder h, Repeats repeats) {
        if (repeats == null) {
            return;
        }
        h.append("<h3>Across ").append(repeats.n()).append(" repeats</h3>\n<div class=\"scroll\"><table class=\"num\">\n")
                .append("<thead><tr><th>metric</th><th>mean</th><th>95% interval</th></tr></thead>\n<tbody>\n");
        for (Map.Entry<String, Estimate> e : repeats.metrics().entrySet()) {
            Estimate est = e.getValue();
            h.append("<tr><td><code>").append(Html.escape(e.getKey())).append("</code></td><td>").append(num(est.estimate()))
                    .append("</td><td>").append(est.low() == null ? "n/a" : "[" + num(est.low()) + ", " + num(est.high()) + "]")
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
    }

    private static void item(StringBuilder h, String key, String value) {
        h.append("<div><dt>").append(Html.escape(key)).append("</dt><dd>").append(Html.escape(value)).append("</dd></div>\n");
    }

    private static String num(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
