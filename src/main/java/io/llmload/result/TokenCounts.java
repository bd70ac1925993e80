package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Tokens of succeeded measured requests. {@code output_source} names where output counts came
 * from (usage, tokenizer or chunks); when requests differ, the least exact source is named and
 * {@code output_source_counts} says how many requests used each. {@code input_check}, when the
 * workload counted its prompts, compares that count with the server's.
 *
 * <p>When answers reasoned first, {@code reasoning} is the reasoning tokens among the output
 * tokens and {@code answer} the rest ({@code output - reasoning}); {@code reasoning_source} names
 * where reasoning counts came from ({@code usage}: the server's
 * {@code usage.completion_tokens_details.reasoning_tokens}; {@code tokenizer}: the reasoning text
 * counted; {@code chunks}: reasoning chunks counted), the least exact one when requests differ,
 * and {@code reasoning_source_counts} how many requests used each. All four are absent (null)
 * when no reasoning token was counted.
 *
 * <p>APIs that answer with vectors or scores instead of tokens (embeddings, rerank) have
 * {@code items}, the vectors or scored documents returned, and {@code items_label} naming them
 * ({@code vectors}, {@code documents}); their output counts mean nothing and are left out of the
 * JSON report ({@link #answersInTokens()} false). Both are absent for token APIs.
 *
 * <p>{@code tool_call_answers} counts the succeeded answers that called tools (streamed
 * {@code tool_calls} deltas, Anthropic {@code tool_use} blocks, Responses {@code function_call}
 * items); their names and arguments are part of the output tokens. Absent when no answer called one.
 */
public record TokenCounts(long input, long output, String outputSource, Map<String, Long> outputSourceCounts,
                          @JsonInclude(JsonInclude.Include.NON_NULL) InputTokenCheck inputCheck,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long reasoning,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long answer,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String reasoningSource,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Long> reasoningSourceCounts,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long items,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String itemsLabel,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long toolCallAnswers) {

    public TokenCounts(long input, long output, String outputSource, Map<String, Long> outputSourceCounts, InputTokenCheck inputCheck,
                       Long reasoning, Long answer, String reasoningSource, Map<String, Long> reasoningSourceCounts, Long items,
                       String itemsLabel) {
        this(input, output, outputSource, outputSourceCounts, inputCheck, reasoning, answer, reasoningSource, reasoningSourceCounts,
                items, itemsLabel, null);
    }

    public TokenCounts(long input, long output, String outputSource, Map<String, Long> outputSourceCounts, InputTokenCheck inputCheck,
                       Long reasoning, Long answer, String reasoningSource, Map<String, Long> reasoningSourceCounts) {
        this(input, output, outputSource, outputSourceCounts, inputCheck, reasoning, answer, reasoningSource, reasoningSourceCounts,
                null, null);
    }

    public TokenCounts(long input, long output, String outputSource, Map<String, Long> outputSourceCounts) {
        this(input, output, outputSource, outputSourceCounts, null);
    }

    public TokenCounts(long input, long output, String outputSource, Map<String, Long> outputSourceCounts, InputTokenCheck inputCheck) {
        this(input, output, outputSource, outputSourceCounts, inputCheck, null, null, null, null);
    }

    public TokenCounts withInputCheck(InputTokenCheck check) {
        return new TokenCounts(input, output, outputSource, outputSourceCounts, check, reasoning, answer, reasoningSource,
                reasoningSourceCounts, items, itemsLabel, toolCallAnswers);
    }

    /**
     * The counts of an API that answers with vectors or scores: {@code count} items called
     * {@code label}, no output tokens (0, and no source) and no reasoning.
     */
    public TokenCounts withItems(long count, String label) {
        return new TokenCounts(input, 0, null, Map.of(), inputCheck, null, null, null, null, count, label);
    }

    /** False for APIs that answer with vectors or scores: then output tokens, TTFT, ITL and TPOT have no meaning. */
    public boolean answersInTokens() {
        return items == null;
    }

    /**
     * These counts with {@code reasoningTokens} of the output counted as reasoning, from the
     * sources in {@code sourceCounts} ({@code source} the least exact); unchanged when there were none.
     */
    public TokenCounts withReasoning(long reasoningTokens, String source, Map<String, Long> sourceCounts) {
        if (reasoningTokens <= 0) {
            return this;
        }
        return new TokenCounts(input, output, outputSource, outputSourceCounts, inputCheck, reasoningTokens,
                Math.max(0, output - reasoningTokens), source, sourceCounts, items, itemsLabel, toolCallAnswers);
    }

    /** These counts with {@code answers} succeeded answers that called tools; unchanged when there were none. */
    public TokenCounts withToolCallAnswers(long answers) {
        if (answers <= 0) {
            return this;
        }
        return new TokenCounts(input, output, outputSource, outputSourceCounts, inputCheck, reasoning, answer, reasoningSource,
                reasoningSourceCounts, items, itemsLabel, answers);
    }

    /** Answers that called tools, 0 when none did. */
    public long toolCallAnswerCount() {
        return toolCallAnswers == null ? 0 : toolCallAnswers;
    }

    /** Reasoning tokens, 0 when none were counted. */
    public long reasoningTokens() {
        return reasoning == null ? 0 : reasoning;
    }

    /** Answer tokens: the output tokens that are not reasoning. */
    public long answerTokens() {
        return answer == null ? output : answer;
    }
}
