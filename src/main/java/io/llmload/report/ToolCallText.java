package io.llmload.report;

import io.llmload.result.Summary;
import io.llmload.text.Format;

/**
 * How many answers called tools, as every renderer says it, e.g. {@code 40 of 40 answers called
 * tools (their names and arguments are output tokens)}; nothing when none did, so a run without
 * tools adds no line to any report.
 */
final class ToolCallText {
    private ToolCallText() {
    }

    /** The count in words, or null when no answer called a tool. */
    static String describe(Summary s) {
        if (s.tokens() == null || s.tokens().toolCallAnswerCount() == 0) {
            return null;
        }
        return Format.count(s.tokens().toolCallAnswerCount()) + " of " + Format.count(s.requests().succeeded())
                + " answers called tools (their names and arguments are output tokens)";
    }
}
