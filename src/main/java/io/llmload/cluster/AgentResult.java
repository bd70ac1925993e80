package io.llmload.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.llmload.load.LaneResult;
import io.llmload.load.RunResult;
import io.llmload.report.ReportJson;
import io.llmload.result.LoadInfo;
import io.llmload.result.StageInfo;
import io.llmload.result.SteadyState;
import io.llmload.result.Summary;
import io.llmload.workload.InputTokenTally;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one agent measured in one trial, sent to the coordinator when its run ends: its whole
 * {@link RunResult} except the time series (the coordinator builds that from the streamed
 * intervals), with the prompt tokens its workload handed out. JSON in the report's snake_case.
 *
 * @param sent prompt tokens handed out by the first lane's workload, or null when not counted
 */
public record AgentResult(String trial, String agent, long startedAtMillis, double durationS, double warmupS, double measuredS,
                          String stopReason, boolean interrupted, String target, Summary summary, Map<String, String> histograms,
                          String failure, List<LaneResult> lanes, LoadInfo load, SteadyState steadyState, List<StageInfo> stages,
                          Sent sent) {

    /** A workload's prompt-token tally: requests, mean and standard deviation of prompt lengths. */
    public record Sent(String tokenizer, long requests, double mean, double stddev) {
        public static Sent of(InputTokenTally t) {
            return t == null ? null : new Sent(t.tokenizer(), t.requests(), t.mean(), t.stddev());
        }
    }

    public static AgentResult of(String trial, String agent, RunResult r, InputTokenTally sent) {
        return new AgentResult(trial, agent, r.startedAt().toEpochMilli(), r.durationS(), r.warmupS(), r.measuredS(), r.stopReason(),
                r.interrupted(), r.targetDescription(), r.summary(), r.histograms(), r.failure(), r.lanes(), r.load(), r.steadyState(),
                r.stages(), Sent.of(sent));
    }

    public Instant startedAt() {
        return Instant.ofEpochMilli(startedAtMillis);
    }

    public String toJson() {
        try {
            return ReportJson.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an agent result: " + e.getMessage(), e);
        }
    }

    public static AgentResult fromJson(String json) {
        try {
            return ReportJson.MAPPER.readValue(json, AgentResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an agent result: " + e.getOriginalMessage(), e);
        }
    }
}
