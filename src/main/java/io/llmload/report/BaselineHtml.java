package io.llmload.report;

import io.llmload.result.Baseline;
import io.llmload.result.RegressionCheck;
import io.llmload.text.Format;
import java.util.Locale;

/** The HTML section comparing a run with its baseline report: one row per metric with its noise band. */
final class BaselineHtml {
    private BaselineHtml() {
    }

    static void section(StringBuilder h, Baseline b) {
        h.append("<section id=\"baseline\">\n<h2>Baseline</h2>\n<p>Compared with <code>").append(Html.escape(b.file()))
                .append("</code>");
        if (b.scenario() != null || b.startedAt() != null) {
            h.append(" (").append(Html.escape(b.scenario() == null ? "?" : b.scenario()))
                    .append(b.startedAt() == null ? "" : ", " + Html.escape(Format.timestamp(b.startedAt()))).append(')');
        }
        h.append(": <b>").append(b.failed()).append("</b> regression(s), ").append(b.skipped()).append(" skipped.</p>\n");
        if (b.note() != null) {
            h.append("<p class=\"banner warn\">").append(Html.escape(b.note())).append("</p>\n");
        }
        h.append("<div class=\"scroll\"><table class=\"checks\">\n<thead><tr><th>Result</th><th>Metric</th><th>Baseline</th>")
                .append("<th>This run</th><th>Change</th><th>Allowed</th><th>Why</th><th>Noise</th></tr></thead>\n<tbody>\n");
        for (RegressionCheck c : b.checks()) {
            String cls = RegressionCheck.FAILED.equals(c.status()) ? "fail" : RegressionCheck.SKIPPED.equals(c.status()) ? "skip" : "pass";
            h.append("<tr class=\"").append(cls).append("\"><td>")
                    .append(cls.equals("fail") ? "✗ worse" : cls.equals("skip") ? "– skipped" : "✓ ok").append("</td><td><code>")
                    .append(Html.escape(c.metric())).append("</code></td><td>").append(Html.escape(value(c.metric(), c.baseline())))
                    .append("</td><td>").append(Html.escape(value(c.metric(), c.value()))).append("</td><td>")
                    .append(c.changePct() == null ? "–" : String.format(Locale.ROOT, "%+.1f%%", c.changePct())).append("</td><td>")
                    .append(Html.escape(c.allowed())).append("</td><td>").append(Html.escape(c.reason())).append("</td><td>")
                    .append(c.noise() == null ? "" : Html.escape(c.noise())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table></div>\n<p class=\"note\">A metric fails only when it is worse than its allowance and the ")
                .append("difference is beyond the noise of the two runs: percentiles by their 95% confidence intervals from the ")
                .append("histograms, error rates by a two-proportion test, rates from repeated runs or per-second batches. ")
                .append("A metric with too few samples to tell is skipped.</p>\n</section>\n");
    }

    static String value(String metric, Double v) {
        if (v == null) {
            return "–";
        }
        if (metric.contains(".")) {
            return Format.ms(v) + " ms";
        }
        return metric.equals("error_rate") ? Format.percent(v) : Format.rate(v) + "/s";
    }
}
