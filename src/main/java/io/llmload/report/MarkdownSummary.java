package io.llmload.report;

import io.llmload.result.Baseline;
import io.llmload.result.CheckResult;
import io.llmload.result.LatencyStats;
import io.llmload.result.Point;
import io.llmload.result.RegressionCheck;
import io.llmload.result.Report;
import io.llmload.result.RunInfo;
import io.llmload.result.Summary;
import io.llmload.result.VariantSummary;
import io.llmload.text.Format;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A short Markdown summary of a run for CI pages (a GitHub job summary, a merge-request comment):
 * the verdict first, then the headline numbers, the checks, the baseline comparison, latency
 * percentiles, and one row per sweep point or variant. Text from scenarios is escaped for
 * Markdown and HTML (GitHub renders HTML inside Markdown). A pure function of the report.
 */
public final class MarkdownSummary {
    private MarkdownSummary() {
    }

    public static void write(Report report, Verdict verdict, Path file) throws IOException {
        AtomicFiles.write(file, render(report, verdict));
    }

    public static String render(Report report, Verdict verdict) {
        StringBuilder m = new StringBuilder();
        Summary s = report.summary();
        String icon = verdict == null ? "" : verdict.ok() ? "✅ " : "INTERRUPTED".equals(verdict.status()) ? "⚠️ " : "❌ ";
        m.append("## ").append(icon).append("llmload · ").append(text(HtmlReport.name(report)))
                .append(verdict == null ? "" : " · " + verdict.status()).append("\n\n");
        if (verdict != null) {
            m.append("**").append(text(verdict.line())).append("**\n\n");
        }
        RunInfo run = report.run();
        if (run != null) {
            m.append(code(run.target())).append(" · model ").append(code(run.model())).append(" · ran ")
                    .append(Format.seconds(run.durationS())).append(" (measured ").append(Format.seconds(run.measuredS()))
                    .append(") · stopped: ").append(text(run.stopReason()));
            if (run.abortedBy() != null) {
                m.append(" by ").append(code(run.abortedBy().expr()));
            }
            m.append("\n\n");
        }
        headline(m, s);
        if (report.inputs() != null && report.inputs().any()) {
            m.append("Inputs ").append(text(report.inputs().describe())).append("\n\n");
        }
        if (ToolCallText.describe(s) != null) {
            m.append("Tool calls ").append(text(ToolCallText.describe(s))).append("\n\n");
        }
        checks(m, s.checks());
        baseline(m, report.baseline());
        latency(m, s);
        if (report.points() != null && !report.points().isEmpty()) {
            m.append("### ").append(report.search() != null ? "SLO search probes" : "Sweep points").append("\n\n");
            rowsHead(m, "Point");
            for (Point p : report.points()) {
                row(m, Point.settingsLabel(p.settings()), p.summary());
            }
            m.append('\n');
        }
        if (report.variants() != null && !report.variants().isEmpty()) {
            m.append("### Variants\n\n");
            rowsHead(m, "Variant");
            for (VariantSummary v : report.variants()) {
                row(m, v.name(), v.summary());
            }
            m.append('\n');
        }
        m.append("<sub>llmload ").append(text(report.tool() == null ? "?" : report.tool().version()))
                .append(run == null ? "" : " · started " + text(Format.timestamp(run.startedAt()))).append("</sub>\n");
        return m.toString();
    }

    private static void headline(StringBuilder m, Summary s) {
        if (!s.answersInTokens()) {
            // embeddings, rerank: no token stream, so no TTFT, ITL or output tokens; input tokens and items instead
            m.append("| Requests | Error rate | Requests/s | Input tokens/s | ").append(text(s.itemsLabel())).append(" | E2E p50 / p99 |\n")
                    .append("|---:|---:|---:|---:|---:|---:|\n");
            m.append("| ").append(Format.count(s.requests().total())).append(" | ").append(Format.percent(s.requests().errorRate()))
                    .append(" | ").append(Format.rate(s.throughput().requestsPerS())).append(" | ")
                    .append(Format.rate(ItemsText.inputPerS(s))).append(" | ").append(Format.count(ItemsText.items(s))).append(" (")
                    .append(Format.rate(ItemsText.itemsPerS(s))).append("/s) | ").append(pair(s.latency("e2e"))).append(" |\n\n");
            return;
        }
        m.append("| Requests | Error rate | Requests/s | Output tokens/s | TTFT p50 / p99 | ITL p50 / p99 | E2E p99 |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|\n");
        m.append("| ").append(Format.count(s.requests().total())).append(" | ").append(Format.percent(s.requests().errorRate()))
                .append(" | ").append(Format.rate(s.throughput().requestsPerS())).append(" | ")
                .append(Format.rate(s.throughput().outputTokensPerS())).append(" | ").append(pair(s.latency("ttft"))).append(" | ")
                .append(pair(s.latency("itl"))).append(" | ").append(ms(s.latency("e2e"), s.latency("e2e").p99()))
                .append(s.latency("e2e").count() == 0 ? "" : " ms").append(" |\n\n");
        if (ReasoningText.present(s.tokens())) {
            m.append("Reasoning first: TTFAT p50 / p99 ").append(pair(s.latency("ttfat"))).append(" · tokens ")
                    .append(text(ReasoningText.split(s.tokens()))).append("\n\n");
        }
    }

    private static void checks(StringBuilder m, List<CheckResult> checks) {
        if (checks == null || checks.isEmpty()) {
            return;
        }
        long failed = checks.stream().filter(c -> !c.passed()).count();
        long skipped = checks.stream().filter(CheckResult::wasSkipped).count();
        m.append("### Checks: ").append(failed == 0 ? "all passed" : failed + " of " + checks.size() + " failed")
                .append(skipped > 0 ? " (" + skipped + " skipped)" : "").append("\n\n");
        m.append("| | Check | Measured | Detail |\n|---|---|---:|---|\n");
        for (CheckResult c : checks) {
            m.append("| ").append(c.wasSkipped() ? "⏭️ skip" : c.passed() ? "✅ pass" : "❌ **FAIL**").append(" | ")
                    .append(code(c.expr())).append(" | ").append(c.value() == null ? "–" : text(CheckFormat.value(c))).append(" | ")
                    .append(c.detail() == null ? "" : text(c.detail())).append(" |\n");
        }
        m.append('\n');
    }

    private static void baseline(StringBuilder m, Baseline b) {
        if (b == null) {
            return;
        }
        m.append("### Baseline\n\nCompared with ").append(code(b.file()));
        if (b.scenario() != null || b.startedAt() != null) {
            m.append(" (").append(text(b.scenario() == null ? "?" : b.scenario()))
                    .append(b.startedAt() == null ? "" : ", " + text(Format.timestamp(b.startedAt()))).append(')');
        }
        m.append(": ").append(b.failed()).append(" regression(s), ").append(b.skipped()).append(" skipped.");
        if (b.note() != null) {
            m.append(" ⚠️ ").append(text(b.note())).append('.');
        }
        m.append("\n\n| Metric | Baseline | This run | Change | Allowed | Result | Noise |\n|---|---:|---:|---:|---:|---|---|\n");
        for (RegressionCheck c : b.checks()) {
            m.append("| ").append(code(c.metric())).append(" | ").append(BaselineHtml.value(c.metric(), c.baseline())).append(" | ")
                    .append(BaselineHtml.value(c.metric(), c.value())).append(" | ")
                    .append(c.changePct() == null ? "–" : String.format(java.util.Locale.ROOT, "%+.1f%%", c.changePct())).append(" | ")
                    .append(text(c.allowed())).append(" | ")
                    .append(RegressionCheck.FAILED.equals(c.status()) ? "❌ **worse**" : RegressionCheck.SKIPPED.equals(c.status())
                            ? "⏭️ skipped: " + text(c.reason()) : "✅ ok").append(" | ")
                    .append(c.noise() == null ? "" : text(c.noise())).append(" |\n");
        }
        m.append('\n');
    }

    private static void latency(StringBuilder m, Summary s) {
        m.append("<details><summary>Latency (ms)</summary>\n\n| | p50 | p90 | p99 | max | mean | count |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (String metric : s.latencyMetrics()) {
            LatencyStats l = s.latency(metric);
            m.append("| ").append(metric);
            for (double v : new double[] {l.p50(), l.p90(), l.p99(), l.max(), l.mean()}) {
                m.append(" | ").append(ms(l, v));
            }
            m.append(" | ").append(Format.count(l.count())).append(" |\n");
        }
        m.append("\n</details>\n\n");
    }

    private static void rowsHead(StringBuilder m, String what) {
        m.append("| ").append(what).append(" | Requests | Error rate | Output tokens/s | TTFT p99 | ITL p99 | Checks |\n")
                .append("|---|---:|---:|---:|---:|---:|---|\n");
    }

    private static void row(StringBuilder m, String name, Summary s) {
        long failed = s.checks() == null ? 0 : s.checks().stream().filter(c -> !c.passed()).count();
        int n = s.checks() == null ? 0 : s.checks().size();
        m.append("| ").append(text(name)).append(" | ").append(Format.count(s.requests().total())).append(" | ")
                .append(Format.percent(s.requests().errorRate())).append(" | ")
                .append(s.answersInTokens() ? Format.rate(s.throughput().outputTokensPerS()) : "–")
                .append(" | ").append(ms(s.latency("ttft"), s.latency("ttft").p99())).append(" | ")
                .append(ms(s.latency("itl"), s.latency("itl").p99())).append(" | ")
                .append(n == 0 ? "–" : failed == 0 ? "✅ " + n + " passed" : "❌ " + failed + " of " + n + " failed").append(" |\n");
    }

    private static String pair(LatencyStats l) {
        return l.count() == 0 ? "–" : Format.ms(l.p50()) + " / " + Format.ms(l.p99()) + " ms";
    }

    private static String ms(LatencyStats l, double v) {
        return LatencyText.ms(l, v);
    }

    /** Plain text for a Markdown table cell: HTML and Markdown syntax shown as written, on one line. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\n', '\r', '\t' -> b.append(' ');
                case '\\', '`', '*', '_', '[', ']', '|', '~', '#' -> b.append('\\').append(c);
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** An inline code span (no HTML is rendered inside one); pipes escaped so tables hold. */
    static String code(String s) {
        if (s == null) {
            return "–";
        }
        String one = s.replaceAll("[\\r\\n\\t]+", " ").replace("|", "\\|");
        String fence = one.contains("`") ? "`` " : "`";
        return fence + one + (fence.length() > 1 ? " ``" : "`");
    }
}
