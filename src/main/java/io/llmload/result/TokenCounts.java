package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Tokens of succeeded measured requests. {@code output_source} names where output counts came
 * from (usage, tokenizer or chunks); when requests differ, the least exact source is named and
 * {@code output_source_counts} says how many requests used each. {@code input_check}, when the
 * workload counted its prompts, compares that count with the server's.
 */
public record TokenCounts(long input, long output, String outputSource, Map<String, Long> outputSourceCounts,
                          @JsonInclude(JsonInclude.Include.NON_NULL) InputTokenCheck inputCheck) {

    public TokenCounts(long input, long output, String outputSource, Map<String, Long> outputSourceCounts) {
        this(input, output, outputSource, outputSourceCounts, null);
    }

    public TokenCounts withInputCheck(InputTokenCheck check) {
        return new TokenCounts(input, output, outputSource, outputSourceCounts, check);
    }
}
