package io.llmload.result;

import java.util.Map;

/**
 * Tokens of succeeded measured requests. {@code output_source} names where output counts came
 * from (usage, tokenizer or chunks); when requests differ, the least exact source is named and
 * {@code output_source_counts} says how many requests used each.
 */
public record TokenCounts(long input, long output, String outputSource, Map<String, Long> outputSourceCounts) {
}
