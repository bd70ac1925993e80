package io.llmload.report;

import io.llmload.result.CheckResult;
import io.llmload.result.LatencyStats;
import io.llmload.result.RequestCounts;
import io.llmload.result.Summary;
import io.llmload.result.TurnStats;
import io.llmload.text.Format;
import java.util.List;
import java.util.Map;

/**
 * The HTML blocks that show one {@link Summary}: cards, percentile table, requests and errors,
 * checks, and a table with one row per sweep point or variant. Used for the whole run and for
 * each variant. Every string that is not our own is escaped.
 */
final class SummaryHtml {
    private SummaryHtml() {
    }

    static void cards(StringBuilder h, Summary s) {
        RequestCounts r = s.requests();
        h.append("<div class=\"cards\">\n");
        card(h, "Requests", Format.count(r.total()), Format.count(r.succeeded()) + " ok", "");
        card(h, "Error rate", Format.percent(r.errorRate()), Format.count(r.failed()) + " failed", r.failed() > 0 ? "warn" : "");
        if (!s.answersInTokens()) {
            // embeddings, rerank: no token stream, so no TTFT/ITL/output cards, and what they have instead
            card(h, "Input tokens/s", Format.rate(ItemsText.inputPerS(s)), Format.rate(s.throughput().requestsPerS()) + " req/s", "");
            card(h, capitalized(s.itemsLabel()), Format.count(ItemsText.items(s)), Format.rate(ItemsText.itemsPerS(s)) + " per s", "");
            card(h, "E2E p50 / p99", LatencyText.ms(s.latency("e2e"), s.latency("e2e").p50()) + " / "
                    + LatencyText.ms(s.latency("e2e"), s.latency("e2e").p99()), "ms", "");
            h.append("</div>\n");
            return;
        }
        card(h, "Output tokens/s", Format.rate(s.throughput().outputTokensPerS()), Format.rate(s.throughput().requestsPerS()) + " req/s", "");
        card(h, "TTFT p50 / p99", LatencyText.ms(s.latency("ttft"), s.latency("ttft").p50()) + " / " + LatencyText.ms(s.latency("ttft"), s.latency("ttft").p99()), "ms", "");
        if (ReasoningText.present(s.tokens())) {
            card(h, "TTFAT p50 / p99", LatencyText.ms(s.latency("ttfat"), s.latency("ttfat").p50()) + " / "
                    + LatencyText.ms(s.latency("ttfat"), s.latency("ttfat").p99()), "ms to the first answer token", "");
            card(h, "Reasoning tokens", Format.count(s.tokens().reasoningTokens()), Format.count(s.tokens().answerTokens()) + " answer · from "
                    + s.tokens().reasoningSource(), "");
        }
        card(h, "ITL p50 / p99", LatencyText.ms(s.latency("itl"), s.latency("itl").p50()) + " / " + LatencyText.ms(s.latency("itl"), s.latency("itl").p99()), "ms", "");
        h.append("</div>\n");
    }

    private static String capitalized(String label) {
        return label == null || label.isEmpty() ? "Items" : Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    private static void card(StringBuilder h, String title, String value, String sub, String cls) {
        h.append("<div class=\"card ").append(cls).append("\"><div class=\"card-title\">").append(Html.escape(title))
                .append("</div><div class=\"card-value\">").append(Html.escape(value)).append("</div><div class=\"card-sub\">")
                .append(Html.escape(sub)).append("</div></div>\n");
    }

    static void checks(StringBuilder h, List<CheckResult> checks) {
        long failed = checks.stream().filter(c -> !c.passed()).count();
        long skipped = checks.stream().filter(CheckResult::wasSkipped).count();
        boolean details = checks.stream().anyMatch(c -> c.detail() != null && c.value() != null);
        h.append("<p class=\"verdict ").append(failed == 0 ? "pass" : "fail").append("\">")
                .append(failed == 0 ? "All " + (checks.size() - skipped) + " check(s) passed" : failed + " of " + checks.size() + " check(s) failed")
                .append(skipped == 0 ? "" : " · " + skipped + " skipped (too few samples)")
                .append("</p>\n<table class=\"checks\">\n<thead><tr><th>Result</th><th>Check</th><th>Measured</th>")
                .append(details ? "<th>Detail</th>" : "").append("</tr></thead>\n<tbody>\n");
        for (CheckResult c : checks) {
            String cls = c.wasSkipped() ? "skip" : c.passed() ? "pass" : "fail";
            h.append("<tr class=\"").append(cls).append("\"><td>")
                    .append(c.wasSkipped() ? "– skipped" : c.passed() ? "✓ pass" : "✗ FAIL")
                    .append("</td><td><code>").append(Html.escape(c.expr())).append("</code></td><td>")
                    .append(Html.escape(CheckFormat.value(c))).append("</td>");
            if (details) {
                h.append("<td>").append(c.value() == null || c.detail() == null ? "" : Html.escape(c.detail())).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    static void latencyTable(StringBuilder h, Summary s) {
        h.append("<div class=\"scroll\"><table class=\"num latency\">\n<thead><tr><th>ms</th><th>count</th><th>min</th>")
                .append("<th>mean</th><th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>p99.9</th><th>max</th></tr></thead>\n<tbody>\n");
        for (String metric : s.latencyMetrics()) {
            latencyRow(h, metric, s.latency(metric));
        }
        if (Summary.PHASE_METRICS.stream().anyMatch(m -> s.latency(m).count() > 0)) {
            h.append("<tr class=\"group\"><th colspan=\"10\">request phases, before the answer</th></tr>\n");
            for (String metric : Summary.PHASE_METRICS) {
                latencyRow(h, metric, s.latency(metric));
            }
        }
        h.append("</tbody>\n</table></div>\n");
    }

    private static void latencyRow(StringBuilder h, String metric, LatencyStats l) {
        h.append("<tr><th title=\"").append(Html.escape(Charts.title(metric))).append("\">").append(metric).append("</th><td>")
                .append(Format.count(l.count())).append("</td>");
        for (double v : new double[] {l.min(), l.mean(), l.p50(), l.p90(), l.p95(), l.p99(), l.p999(), l.max()}) {
            h.append("<td>").append(LatencyText.ms(l, v)).append("</td>");
        }
        h.append("</tr>\n");
    }

    static void requests(StringBuilder h, RequestCounts r) {
        h.append("<div class=\"scroll\"><table class=\"num counts\">\n<thead><tr><th>total</th><th>succeeded</th><th>failed</th>")
                .append("<th>cancelled by users</th><th>cut off at end</th><th>dropped</th><th>error rate</th></tr></thead>\n<tbody><tr><td>")
                .append(Format.count(r.total())).append("</td><td>").append(Format.count(r.succeeded())).append("</td><td>")
                .append(Format.count(r.failed())).append("</td><td>").append(Format.count(r.cancelled())).append("</td><td>")
                .append(Format.count(r.incomplete())).append("</td><td>")
                .append(Format.count(r.dropped())).append("</td><td>").append(Format.percent(r.errorRate()))
                .append("</td></tr></tbody>\n</table></div>\n");
        if (r.unstreamed() > 0) {
            h.append("<p class=\"note\">").append(Html.escape(ConsoleSummary.unstreamedNote(r))).append(".</p>\n");
        }
        if (r.incompleteRetrying() > 0) {
            h.append("<p class=\"note\">").append(Format.count(r.incompleteRetrying())).append(" of the requests cut off at the end ")
                    .append("were waiting to be retried (out a server's Retry-After, or a backoff), not for an answer; ")
                    .append("their failed attempts are in the retries.</p>\n");
        }
        if (r.cancelled() > 0) {
            h.append("<p class=\"note\">").append(Format.count(r.cancelled())).append(" requests were abandoned by their simulated users (")
                    .append(Format.count(r.cancelledBeforeFirstToken())).append(" before the first token): not errors, and not in the latency figures.</p>\n");
        }
        retries(h, r);
        if (r.errors() == null || r.errors().isEmpty()) {
            h.append("<p class=\"note\">No errors.</p>\n");
            return;
        }
        h.append("<table class=\"errors\">\n<thead><tr><th>Kind</th><th class=\"n\">Count</th><th class=\"n\">Share</th>")
                .append("<th>Sample message</th></tr></thead>\n<tbody>\n");
        long failed = Math.max(1, r.errors().values().stream().mapToLong(Long::longValue).sum());
        r.errors().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> {
            String sample = r.errorSamples() == null ? null : r.errorSamples().get(e.getKey());
            h.append("<tr><td><code>").append(Html.escape(e.getKey())).append("</code></td><td class=\"n\">")
                    .append(Format.count(e.getValue())).append("</td><td class=\"n\">").append(Format.percent((double) e.getValue() / failed))
                    .append("</td><td class=\"sample\">").append(sample == null ? "" : Html.escape(sample)).append("</td></tr>\n");
        });
        h.append("</tbody>\n</table>\n");
    }

    /** Failed attempts that were retried (request.retry), by kind. */
    private static void retries(StringBuilder h, RequestCounts r) {
        if (r.retries() > 0) {
            h.append("<h3>Retried attempts</h3>\n<p class=\"note\">").append(Format.count(r.retries()))
                    .append(" failed attempts were tried again (each request above counts once, by its final outcome; ")
                    .append("its latency includes the failed attempts and the waits).</p>\n<table>\n")
                    .append("<thead><tr><th>Kind</th><th>Retried attempts</th></tr></thead>\n<tbody>\n");
            r.retriesByKind().forEach((kind, count) -> h.append("<tr><td><code>").append(Html.escape(kind))
                    .append("</code></td><td class=\"n\">").append(Format.count(count)).append("</td></tr>\n"));
            h.append("</tbody>\n</table>\n");
        }
    }

    /** One row per turn of multi-turn conversations: counts, prompt size as the server counted it, TTFT and e2e. */
    static void turns(StringBuilder h, List<TurnStats> turns) {
        h.append("<div class=\"scroll\"><table class=\"num turns\">\n<thead><tr><th>turn</th><th>requests</th><th>succeeded</th>")
                .append("<th>cancelled</th><th>dropped</th><th>input tokens (mean)</th><th>output tokens (mean)</th><th>TTFT p50</th><th>TTFT p99</th>")
                .append("<th>E2E p50</th><th>E2E p99</th></tr></thead>\n<tbody>\n");
        for (TurnStats t : turns) {
            h.append("<tr><th>").append(t.turn()).append("</th><td>").append(Format.count(t.requests())).append("</td><td>")
                    .append(Format.count(t.succeeded())).append("</td><td>").append(Format.count(t.cancelled())).append("</td><td>")
                    .append(Format.count(t.dropped())).append("</td><td>")
                    .append(t.inputTokensMean() == null ? "–" : Format.rate(t.inputTokensMean())).append("</td><td>")
                    .append(t.outputTokensMean() == null ? "–" : Format.rate(t.outputTokensMean())).append("</td>");
            for (LatencyStats l : new LatencyStats[] {t.ttft(), t.e2e()}) {
                h.append("<td>").append(LatencyText.ms(l, l.p50())).append("</td><td>")
                        .append(LatencyText.ms(l, l.p99())).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n<p class=\"note\">Latencies in ms. Input tokens are the server's <code>usage.prompt_tokens</code>: ")
                .append("each turn sends the whole history, so they and TTFT grow from turn to turn.</p>\n");
    }

    /** One row per sweep point or variant: its name, counts, throughput and the headline percentiles. */
    static void rows(StringBuilder h, String firstColumn, List<String> names, List<Summary> summaries) {
        h.append("<div class=\"scroll\"><table class=\"num rows\">\n<thead><tr><th>").append(Html.escape(firstColumn))
                .append("</th><th>requests</th><th>error rate</th><th>req/s</th><th>output tok/s</th>")
                .append("<th>TTFT p50</th><th>TTFT p99</th><th>ITL p50</th><th>ITL p99</th><th>E2E p50</th><th>E2E p99</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < names.size(); i++) {
            Summary s = summaries.get(i);
            h.append("<tr><th class=\"name\">").append(Html.escape(names.get(i))).append("</th><td>")
                    .append(Format.count(s.requests().total())).append("</td><td>").append(Format.percent(s.requests().errorRate()))
                    .append("</td><td>").append(Format.rate(s.throughput().requestsPerS())).append("</td><td>")
                    .append(s.answersInTokens() ? Format.rate(s.throughput().outputTokensPerS()) : "–").append("</td>");
            for (String metric : List.of("ttft", "itl", "e2e")) {
                LatencyStats l = s.latency(metric);
                h.append("<td>").append(LatencyText.ms(l, l.p50())).append("</td><td>")
                        .append(LatencyText.ms(l, l.p99())).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n<p class=\"note\">Latencies in ms.</p>\n");
    }
}
