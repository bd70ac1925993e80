package io.llmload.result;

/**
 * How llmload's own count of the prompts compares with the server's: prompt lengths are made and
 * counted with a tiktoken encoding ({@code tokenizer}), while the target model has its own
 * tokenizer and wraps messages in a chat template, so its {@code usage.prompt_tokens} differs.
 *
 * @param sentMean   mean prompt tokens per request sent, by {@code tokenizer} (warmup included)
 * @param serverMean mean {@code usage.prompt_tokens} of measured requests, or null when the server sent none
 * @param note       the comparison in words
 */
public record InputTokenCheck(String tokenizer, double sentMean, Double serverMean, String note) {
}
