package io.llmload.report;

import io.llmload.result.Baseline;
import io.llmload.result.CheckResult;
import io.llmload.result.LatencyStats;
import io.llmload.result.Report;
import io.llmload.result.RequestCounts;
import io.llmload.result.Summary;
import io.llmload.result.TurnStats;
import io.llmload.text.Format;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The end-of-run summary printed to the console: a pure function of the report. */
public final class ConsoleSummary {
    private ConsoleSummary() {
    }

    /** The one line that says a server ignored {@code stream: true} for some answers. */
    public static String unstreamedNote(RequestCounts r) {
        return Format.count(r.unstreamed()) + " of " + Format.count(r.succeeded()) + " succeeded streaming requests were answered "
                + "with one JSON body (the server ignored stream: true): measured as non-streaming, in e2e and tokens but with "
                + "no ttft, itl or tpot";
    }

    public static String render(Report report) {
        StringBuilder out = new StringBuilder();
        Summary s = report.summary();
        var run = report.run();
        out.append("llmload ").append(report.tool().version()).append(" · ").append(name(report))
                .append(" · ").append(run.target()).append(" · model ").append(run.model()).append('\n');
        out.append(String.format(Locale.ROOT, "ran %s (warmup %s, measured %s) · stopped: %s%s%n",
                Format.seconds(run.durationS()), Format.seconds(run.warmupS()), Format.seconds(run.measuredS()),
                run.stopReason() + (run.abortedBy() == null ? "" : " (" + run.abortedBy().expr() + ", abort_on_fail)"),
                run.interrupted() ? " · INTERRUPTED (partial results)" : ""));
        out.append('\n');
        RequestCounts r = s.requests();
        out.append(String.format(Locale.ROOT, "requests    %s total · %s ok · %s failed (%s)%s%s%s%n", Format.count(r.total()),
                Format.count(r.succeeded()), Format.count(r.failed()), Format.percent(r.errorRate()),
                r.cancelled() > 0 ? " · " + Format.count(r.cancelled()) + " cancelled by their users ("
                        + Format.count(r.cancelledBeforeFirstToken()) + " before the first token)" : "",
                r.incomplete() > 0 ? " · " + Format.count(r.incomplete()) + " cut off at the end" + (r.incompleteRetrying() > 0
                        ? " (" + Format.count(r.incompleteRetrying()) + " waiting to retry)" : "") : "",
                r.dropped() > 0 ? " · " + Format.count(r.dropped()) + " dropped" : ""));
        if (!r.errors().isEmpty()) {
            out.append("errors      ").append(r.errors().entrySet().stream()
                    .map(e -> e.getKey() + ": " + Format.count(e.getValue())).collect(Collectors.joining(" · "))).append('\n');
            for (Map.Entry<String, String> e : r.errorSamples().entrySet()) {
                out.append("            ").append(e.getKey()).append(" e.g. ").append(e.getValue()).append('\n');
            }
        }
        if (r.unstreamed() > 0) {
            out.append("note        ").append(unstreamedNote(r)).append('\n');
        }
        if (r.retries() > 0) {
            out.append("retries     ").append(Format.count(r.retries())).append(" failed attempts tried again: ")
                    .append(r.retriesByKind().entrySet().stream().map(e -> e.getKey() + ": " + Format.count(e.getValue()))
                            .collect(Collectors.joining(" · "))).append('\n');
        }
        if (s.answersInTokens()) {
            out.append(String.format(Locale.ROOT, "throughput  %s req/s · %s output tok/s · %s total tok/s%n",
                    Format.rate(s.throughput().requestsPerS()), Format.rate(s.throughput().outputTokensPerS()),
                    Format.rate(s.throughput().totalTokensPerS())));
            out.append(String.format(Locale.ROOT, "tokens      %s in · %s out (output counted from %s)%n",
                    Format.count(s.tokens().input()), Format.count(s.tokens().output()), s.tokens().outputSource()));
        } else {
            out.append(ItemsText.throughput(s)).append('\n');
            out.append(ItemsText.counts(s)).append('\n');
        }
        if (ReasoningText.present(s.tokens())) {
            out.append("reasoning   ").append(ReasoningText.split(s.tokens())).append('\n');
        }
        if (ToolCallText.describe(s) != null) {
            out.append("tool calls  ").append(ToolCallText.describe(s)).append('\n');
        }
        if (s.tokens().inputCheck() != null) {
            out.append("prompts     ").append(s.tokens().inputCheck().note()).append('\n');
        }
        if (report.inputs() != null && report.inputs().any()) {
            out.append("inputs      ").append(report.inputs().describe()).append('\n');
        }
        out.append('\n');
        out.append(String.format(Locale.ROOT, "%-14s %10s %10s %10s %10s %10s %10s%n", "latency (ms)", "p50", "p90", "p99", "max",
                "mean", "count"));
        for (String metric : s.latencyMetrics()) {
            latencyRow(out, metric, s.latency(metric));
        }
        boolean phaseHeader = false;
        for (String metric : Summary.PHASE_METRICS) {
            LatencyStats l = s.latency(metric);
            if (l.count() > 0) {
                if (!phaseHeader) {
                    out.append("request phases (before the answer)\n");
                    phaseHeader = true;
                }
                latencyRow(out, metric, l);
            }
        }
        if (s.turns() != null && !s.turns().isEmpty()) {
            out.append('\n');
            turns(out, s.turns());
        }
        if (!s.checks().isEmpty()) {
            out.append('\n').append("checks\n");
            for (CheckResult c : s.checks()) {
                String measured = c.value() == null ? CheckFormat.value(c)
                        : "measured " + CheckFormat.value(c) + (c.detail() == null ? "" : " · " + c.detail());
                out.append(String.format(Locale.ROOT, "  %s %-34s %s%n", CheckText.status(c), c.expr(), measured));
            }
        }
        Baseline b = report.baseline();
        if (b != null) {
            out.append(String.format(Locale.ROOT, "baseline    %s (%s%s): %d regression(s), %d skipped%s%n", b.file(),
                    b.scenario() == null ? "?" : b.scenario(), b.startedAt() == null ? "" : ", " + Format.timestamp(b.startedAt()),
                    b.failed(), b.skipped(), b.note() == null ? "" : " · " + b.note()));
        }
        return out.toString();
    }

    private static void latencyRow(StringBuilder out, String metric, LatencyStats l) {
        out.append(String.format(Locale.ROOT, "  %-12s %10s %10s %10s %10s %10s %10s%n", metric, LatencyText.ms(l, l.p50()),
                LatencyText.ms(l, l.p90()), LatencyText.ms(l, l.p99()), LatencyText.ms(l, l.max()), LatencyText.ms(l, l.mean()),
                Format.count(l.count())));
    }

    /** Per-turn lines of multi-turn conversations: TTFT grows with the history sent. */
    private static void turns(StringBuilder out, List<TurnStats> turns) {
        out.append(String.format(Locale.ROOT, "%-14s %10s %10s %10s %10s %10s %12s%n", "turn", "requests", "ok", "ttft p50",
                "ttft p99", "e2e p50", "input tok"));
        for (TurnStats t : turns) {
            out.append(String.format(Locale.ROOT, "  %-12d %10s %10s %10s %10s %10s %12s%n", t.turn(), Format.count(t.requests()),
                    Format.count(t.succeeded()), t.ttft().count() == 0 ? "–" : Format.ms(t.ttft().p50()),
                    t.ttft().count() == 0 ? "–" : Format.ms(t.ttft().p99()), t.e2e().count() == 0 ? "–" : Format.ms(t.e2e().p50()),
                    t.inputTokensMean() == null ? "–" : Format.rate(t.inputTokensMean())));
        }
    }

    private static String name(Report report) {
        Object name = report.scenario() == null ? null : report.scenario().get("name");
        return name == null ? "scenario" : name.toString();
    }
}
