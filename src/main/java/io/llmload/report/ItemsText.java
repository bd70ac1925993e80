package io.llmload.report;

import io.llmload.result.Summary;
import io.llmload.text.Format;
import java.util.Locale;

/**
 * The lines of a summary whose API answers with vectors or scores (embeddings, rerank): what it
 * has instead of output tokens and TTFT, namely input tokens per second and the vectors or
 * documents returned.
 */
final class ItemsText {
    private ItemsText() {
    }

    /** {@code throughput  12.5 req/s · 3,100 input tok/s · 12.5 vectors/s}. */
    static String throughput(Summary s) {
        return String.format(Locale.ROOT, "throughput  %s req/s · %s input tok/s · %s %s/s", Format.rate(s.throughput().requestsPerS()),
                Format.rate(inputPerS(s)), Format.rate(itemsPerS(s)), s.itemsLabel());
    }

    /** {@code tokens      1,240 in · 8 vectors (no token stream: no ttft, itl or tpot)}. */
    static String counts(Summary s) {
        return String.format(Locale.ROOT, "tokens      %s in · %s %s (no token stream: no ttft, itl or tpot)",
                Format.count(s.tokens().input()), Format.count(items(s)), s.itemsLabel());
    }

    static long items(Summary s) {
        return s.tokens().items() == null ? 0 : s.tokens().items();
    }

    static double inputPerS(Summary s) {
        return s.throughput().inputTokensPerS() == null ? 0 : s.throughput().inputTokensPerS();
    }

    static double itemsPerS(Summary s) {
        return s.throughput().itemsPerS() == null ? 0 : s.throughput().itemsPerS();
    }
}
