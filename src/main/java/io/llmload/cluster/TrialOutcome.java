package io.llmload.cluster;

import io.llmload.load.RunResult;
import io.llmload.result.ClusterInfo;
import io.llmload.result.Summary;
import io.llmload.workload.InputTokenTally;
import java.util.List;
import java.util.Map;

/**
 * One trial run on the cluster: the merged result (as if one machine had run it), each agent's
 * part, the gaps left by lost agents, and the prompt tokens all agents' workloads handed out.
 */
public record TrialOutcome(RunResult run, List<AgentPart> agents, List<ClusterInfo.Gap> gaps, InputTokenTally sent) {

    /** What one agent measured in the trial; a lost agent's part holds what it streamed before it was lost. */
    public record AgentPart(String agent, Summary summary, Map<String, String> histograms, double measuredS, boolean lost) {
    }
}
