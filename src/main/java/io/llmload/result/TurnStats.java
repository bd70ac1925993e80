package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One turn of multi-turn conversations: the measured requests that were a conversation's
 * {@code turn}-th (1-based), how they ended, their mean prompt tokens as the server counted them
 * ({@code usage.prompt_tokens}; null when it sent none), which grow with the history, their mean
 * output tokens, and their TTFT and end-to-end latency. {@code dropped} counts open-model arrivals
 * (turn 1) or follow-ups (later turns) that {@code max_in_flight} kept from starting.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TurnStats(int turn, long requests, long succeeded, long failed, long cancelled, long dropped, Double inputTokensMean,
                        Double outputTokensMean, LatencyStats ttft, LatencyStats e2e) {
}
