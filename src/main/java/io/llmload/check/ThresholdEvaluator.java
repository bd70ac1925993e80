package io.llmload.check;

import io.llmload.result.CheckResult;
import io.llmload.result.Summary;
import java.util.List;

/** Evaluates thresholds against a run's {@link Summary}. */
public final class ThresholdEvaluator {
    private ThresholdEvaluator() {
    }

    public static List<CheckResult> evaluate(List<Threshold> thresholds, Summary summary) {
        return thresholds.stream().map(t -> evaluate(t, summary)).toList();
    }

    public static CheckResult evaluate(Threshold t, Summary s) {
        String absent = absentFor(t.metric(), s);
        if (absent != null) {
            return new CheckResult(t.expr(), null, false, absent);
        }
        double measured = measure(t, s);
        if (ThresholdParser.LATENCIES.contains(t.metric()) && s.latency(t.metric()).count() == 0) {
            return new CheckResult(t.expr(), null, false, "no samples of " + t.metric());
        }
        boolean rate = ThresholdParser.ERROR_RATE.equals(t.metric()) || ThresholdParser.RATES.contains(t.metric());
        if (rate && s.requests().succeeded() + s.requests().failed() == 0) {
            // 0% errors or 0 req/s of nothing must not pass a CI gate: the run measured no answer at all.
            return new CheckResult(t.expr(), null, false, "no measured request ended");
        }
        boolean passed = t.op().test(measured, t.value());
        return new CheckResult(t.expr(), measured, passed, null);
    }

    /** Metrics of a token stream, which embeddings and rerank answers do not have. */
    public static final java.util.List<String> TOKEN_STREAM_METRICS = java.util.List.of("ttft", "ttfat", "itl", "tpot",
            "output_tokens_per_s", "reasoning_tokens", "answer_tokens");

    /** Why a metric has no value in this summary (its API answers with vectors or scores), or null when it has one. */
    static String absentFor(String metric, Summary s) {
        if (s.answersInTokens() && (metric.equals("items_per_s") || metric.equals("input_tokens_per_s"))) {
            return metric + " is measured for embeddings and rerank only (use output_tokens_per_s or total_tokens_per_s)";
        }
        if (s.answersInTokens() || !TOKEN_STREAM_METRICS.contains(metric)) {
            return null;
        }
        return metric + " is not measured: answers carry " + s.itemsLabel() + ", not a stream of tokens (use e2e, "
                + "requests_per_s, input_tokens_per_s or items_per_s)";
    }

    /** The measured value in the threshold's normalised unit. */
    public static double measure(Threshold t, Summary s) {
        if (ThresholdParser.LATENCIES.contains(t.metric())) {
            return s.latency(t.metric()).stat(t.stat());
        }
        return switch (t.metric()) {
            case ThresholdParser.ERROR_RATE -> s.requests().errorRate();
            case "requests_per_s" -> s.throughput().requestsPerS();
            case "output_tokens_per_s" -> s.throughput().outputTokensPerS();
            case "total_tokens_per_s" -> s.throughput().totalTokensPerS();
            case "input_tokens_per_s" -> s.throughput().inputTokensPerS() == null ? Double.NaN : s.throughput().inputTokensPerS();
            case "items_per_s" -> s.throughput().itemsPerS() == null ? Double.NaN : s.throughput().itemsPerS();
            case "dropped" -> s.requests().dropped();
            case "failed" -> s.requests().failed();
            case "succeeded" -> s.requests().succeeded();
            case "incomplete" -> s.requests().incomplete();
            case "requests" -> s.requests().total();
            case "reasoning_tokens" -> s.tokens().reasoningTokens();
            case "answer_tokens" -> s.tokens().answerTokens();
            default -> Double.NaN;
        };
    }
}
