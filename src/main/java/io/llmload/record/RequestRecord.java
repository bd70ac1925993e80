package io.llmload.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One line of {@code requests.jsonl}: what happened to one request, warmup included (README
 * "Every request on record", schema {@code schema/request-record.schema.json}). Times are
 * milliseconds as doubles; a phase the request never reached is null and left out of the line.
 *
 * @param id            unique in the file, in the order the requests ended (a gap is a record that was dropped)
 * @param run           the run of the campaign it belongs to, from 1 (sweep points, variants and repeats are runs)
 * @param seq           the request's sequence number in its lane and run, from 0 (warmup first)
 * @param warmup        true for a warmup request (not in the report's figures)
 * @param outcome       {@code ok}, the error kind ({@code http_5xx}, {@code timeout_first_token}, {@code empty_answer}...),
 *                      {@code cut_off} / {@code cut_off_retrying} when the drain time ran out, or {@code cancelled}
 * @param variant       the variant's name when the run has variants
 * @param sweepPoint    index into the report's {@code points} when the run is a sweep
 * @param stage         index into the run's {@code stages} when the load has stages
 * @param turn          the turn of its conversation (from 1) when requests are conversations
 * @param agent         the agent that sent it, in a distributed run
 * @param startOffsetMs the intended start, from the run's start (the clock starts once connections are open)
 * @param itlMs         gaps between consecutive content-carrying chunks ({@code report.record_tokens: true} only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "run", "seq", "warmup", "outcome", "status", "variant", "sweep_point", "stage", "turn", "agent", "start_offset_ms",
    "schedule_lag_ms", "pool_wait_ms", "connect_ms", "headers_ms", "ttft_ms", "e2e_ms", "input_tokens", "input_tokens_source",
    "output_tokens", "output_tokens_source", "retries", "retry_errors", "finish_reason", "error", "itl_ms"})
public record RequestRecord(long id, int run, long seq, boolean warmup, String outcome, Integer status, String variant, Integer sweepPoint,
                            Integer stage, Integer turn, String agent, double startOffsetMs, Double scheduleLagMs, Double poolWaitMs, Double connectMs,
                            Double headersMs, Double ttftMs, Double e2eMs, Long inputTokens, String inputTokensSource, Long outputTokens,
                            String outputTokensSource, int retries, List<String> retryErrors, String finishReason, String error,
                            List<Double> itlMs) {

    /** The column names, in file order (the CSV header). */
    public static final List<String> FIELDS = List.of(RequestRecord.class.getAnnotation(JsonPropertyOrder.class).value());

    /** This record with other error texts (the scrubbed ones). */
    public RequestRecord withErrors(String error, List<String> retryErrors) {
        return new RequestRecord(id, run, seq, warmup, outcome, status, variant, sweepPoint, stage, turn, agent, startOffsetMs,
                scheduleLagMs, poolWaitMs, connectMs, headersMs, ttftMs, e2eMs, inputTokens, inputTokensSource, outputTokens,
                outputTokensSource, retries, retryErrors, finishReason, error, itlMs);
    }

    /**
     * An agent's record as the coordinator files it: its id in the coordinator's file, the run's
     * tags (an interleaved variant keeps the lane name the agent gave it), and the agent's name.
     */
    public RequestRecord fromAgent(long newId, RunTags tags, String agentName) {
        return new RequestRecord(newId, tags.run(), seq, warmup, outcome, status, tags.lanesAreVariants() ? variant : tags.variant(),
                tags.sweepPoint(), stage, turn, agentName, startOffsetMs, scheduleLagMs, poolWaitMs, connectMs, headersMs, ttftMs, e2eMs,
                inputTokens, inputTokensSource, outputTokens, outputTokensSource, retries, retryErrors, finishReason, error, itlMs);
    }
}
