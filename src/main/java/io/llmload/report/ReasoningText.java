package io.llmload.report;

import io.llmload.result.TokenCounts;
import io.llmload.text.Format;

/**
 * How the output tokens divide into reasoning and answer, as every renderer says it, e.g.
 * {@code 3,200 reasoning · 1,800 answer (reasoning counted from tokenizer)}; nothing when no
 * reasoning token was counted, so a model that does not reason adds no line to any report.
 */
final class ReasoningText {
    private ReasoningText() {
    }

    /** True when answers reasoned first, so reports show the split and the time to first answer token. */
    static boolean present(TokenCounts t) {
        return t != null && t.reasoningTokens() > 0;
    }

    /** The split in words, or null when there was no reasoning. */
    static String split(TokenCounts t) {
        if (!present(t)) {
            return null;
        }
        return Format.count(t.reasoningTokens()) + " reasoning · " + Format.count(t.answerTokens()) + " answer (reasoning counted from "
                + t.reasoningSource() + ")";
    }
}
