package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A distributed run ({@code cluster} in the report): the coordinator, each agent with its share of
 * the results (its summary and histograms over every run of the report; the top-level summary and
 * histograms are these added together), and the gaps — when an agent was lost mid-run, and why.
 *
 * @param agentsRequested how many agents the run asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterInfo(String coordinator, int agentsRequested, List<Agent> agents, List<Gap> gaps) {

    /**
     * One agent. {@code clockOffsetMs} is its wall clock minus the coordinator's, estimated over
     * the event bus (uncertain by half of {@code clockRttMs}); {@code status} is {@code finished}
     * or {@code lost}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Agent(String name, String host, String address, int cpus, String version, double clockOffsetMs, double clockRttMs,
                        String status, Summary summary, Map<String, String> histograms) {
    }

    /**
     * An agent lost during a run: from {@code at} (ISO-8601; {@code t_s} seconds into that run, the
     * end of the last second it reported) its share of the load is missing; the coordinator noticed
     * at {@code detected_s}. What it measured before counts in the results.
     *
     * @param run the run's label in a campaign (a sweep point, a repeat), null for a single run
     */
    public record Gap(String agent, String at, double tS, double detectedS, String run, String reason) {
    }
}
