package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The measured results of a run (or of one sweep point or variant). {@code latency_ms} maps
 * ttft, ttfat (time to first answer token: past any reasoning), itl, tpot, e2e and schedule_lag, and the request phases pool_wait, connect and headers,
 * to their distributions. {@code goodput} is present when
 * the scenario sets per-request SLOs; {@code turns}, one entry per turn, when requests are
 * multi-turn conversations.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Summary(RequestCounts requests, TokenCounts tokens, Throughput throughput, Goodput goodput,
                      Map<String, LatencyStats> latencyMs, List<CheckResult> checks, List<TurnStats> turns) {

    public Summary(RequestCounts requests, TokenCounts tokens, Throughput throughput, Goodput goodput,
                   Map<String, LatencyStats> latencyMs, List<CheckResult> checks) {
        this(requests, tokens, throughput, goodput, latencyMs, checks, null);
    }

    public static final List<String> LATENCY_METRICS = List.of("ttft", "ttfat", "itl", "tpot", "e2e", "schedule_lag");

    /**
     * The latency metrics of a token stream: absent (not zero) from the summaries of APIs that
     * answer with vectors or scores, where no token arrives over time.
     */
    public static final List<String> TOKEN_METRICS = List.of("ttft", "ttfat", "itl", "tpot");

    /**
     * Where a request's time went before its answer: {@code pool_wait} (waiting for a busy pooled
     * connection), {@code connect} (opening a new one, TLS included), {@code headers} (request sent
     * to response headers). So time in the client's pool or in TLS is never taken for the model's.
     */
    public static final List<String> PHASE_METRICS = List.of("pool_wait", "connect", "headers");

    /**
     * The latency metrics this summary has something to say about: {@code ttfat} only when answers
     * reasoned first, since without reasoning it is TTFT again and a second row of the same values
     * is noise in every report.
     */
    public List<String> latencyMetrics() {
        if (!answersInTokens()) {
            return LATENCY_METRICS.stream().filter(m -> !TOKEN_METRICS.contains(m)).toList();
        }
        return reasoned() ? LATENCY_METRICS : LATENCY_METRICS.stream().filter(m -> !m.equals("ttfat")).toList();
    }

    /**
     * False when the API answers with vectors or scores (embeddings, rerank): then TTFT, TTFAT, ITL,
     * TPOT and output tokens have no meaning and every report leaves them out, and {@code tokens.items}
     * counts what the answers carried.
     */
    public boolean answersInTokens() {
        return tokens == null || tokens.answersInTokens();
    }

    /** The name of the API's items ({@code vectors}, {@code documents}), or null for token APIs. */
    public String itemsLabel() {
        return tokens == null ? null : tokens.itemsLabel();
    }

    /** True when some answer reasoned before it answered (reasoning tokens were counted). */
    public boolean reasoned() {
        return tokens != null && tokens.reasoningTokens() > 0;
    }

    public LatencyStats latency(String metric) {
        LatencyStats s = latencyMs.get(metric);
        return s == null ? LatencyStats.EMPTY : s;
    }

    public Summary withTokens(TokenCounts counts) {
        return new Summary(requests, counts, throughput, goodput, latencyMs, checks, turns);
    }

    public Summary withChecks(List<CheckResult> list) {
        return new Summary(requests, tokens, throughput, goodput, latencyMs, list, turns);
    }
}
