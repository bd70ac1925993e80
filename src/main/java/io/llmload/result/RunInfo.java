package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How the run went: when it started (ISO-8601), how long it took, how much of that was measured,
 * why it stopped, and on which machine.
 *
 * @param durationS  wall time from the first request to the end of the drain, warmup included
 * @param measuredS  the measured window used for throughput
 * @param stopReason duration, requests, interrupted, all_failed, threshold (an abort_on_fail threshold, named by
 *                   {@code abortedBy}) or error
 * @param load        how load was applied and whether the client kept up
 * @param steadyState where measuring began
 * @param stages      the load stages with their times, for charts
 * @param abortedBy   the abort_on_fail threshold that stopped the run early, else null
 * @param requestRecords what became of requests.jsonl's records, else null (a distributed run writes none)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunInfo(String startedAt, double durationS, double warmupS, double measuredS, boolean interrupted,
                      String stopReason, String target, String model, Host host, LoadInfo load, SteadyState steadyState,
                      List<StageInfo> stages, AbortInfo abortedBy, RecordsInfo requestRecords) {

    public RunInfo(String startedAt, double durationS, double warmupS, double measuredS, boolean interrupted, String stopReason,
                   String target, String model, Host host, LoadInfo load, SteadyState steadyState, List<StageInfo> stages) {
        this(startedAt, durationS, warmupS, measuredS, interrupted, stopReason, target, model, host, load, steadyState, stages, null, null);
    }

    public RunInfo withAbortedBy(AbortInfo abort) {
        return new RunInfo(startedAt, durationS, warmupS, measuredS, interrupted, stopReason, target, model, host, load, steadyState,
                stages, abort, requestRecords);
    }

    public RunInfo withRequestRecords(RecordsInfo records) {
        return new RunInfo(startedAt, durationS, warmupS, measuredS, interrupted, stopReason, target, model, host, load, steadyState,
                stages, abortedBy, records);
    }

    /** The machine the client ran on. */
    public record Host(String name, int cpus, String java, String os) {
    }
}
