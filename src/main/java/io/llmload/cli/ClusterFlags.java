package io.llmload.cli;

import io.llmload.scenario.Overrides;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code run} flags of a distributed run; they override the scenario's {@code cluster} keys. */
final class ClusterFlags {
    @Option(names = "--agents", paramLabel = "N", description = "run on N llmload agents of a cluster, splitting the load (cluster.agents)")
    String agents;

    @Option(names = "--join-timeout", paramLabel = "D", description = "how long to wait for the agents (cluster.join_timeout, default 60s)")
    String joinTimeout;

    @Mixin
    ClusterOptions options;

    List<Overrides.Override> overrides() {
        List<Overrides.Override> out = new ArrayList<>();
        if (agents != null) {
            out.add(new Overrides.Override("cluster.agents", agents, "--agents " + agents));
        }
        if (joinTimeout != null) {
            out.add(new Overrides.Override("cluster.join_timeout", joinTimeout, "--join-timeout " + joinTimeout));
        }
        // --join and friends without cluster.agents (here or in the file) fail validation: cluster.agents is required
        out.addAll(options.overrides());
        return out;
    }
}
