package io.llmload.load;

import io.llmload.result.LoadInfo;
import io.llmload.result.StageInfo;
import io.llmload.result.SteadyState;
import io.llmload.result.Summary;
import io.llmload.result.TimePoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a run measured, before it becomes a report: the whole run, and each lane apart.
 *
 * @param failure a one-line reason when the run itself failed (nothing worked), else null
 */
public record RunResult(Instant startedAt, double durationS, double warmupS, double measuredS, String stopReason,
                        boolean interrupted, String targetDescription, Summary summary, List<TimePoint> timeseries,
                        Map<String, String> histograms, String failure, List<LaneResult> lanes, LoadInfo load,
                        SteadyState steadyState, List<StageInfo> stages) {
}
