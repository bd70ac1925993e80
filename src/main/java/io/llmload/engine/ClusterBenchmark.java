package io.llmload.engine;

import io.llmload.check.Threshold;
import io.llmload.cluster.AgentHandle;
import io.llmload.cluster.ClusterFailure;
import io.llmload.cluster.ClusterNode;
import io.llmload.cluster.ClusterSettings;
import io.llmload.cluster.Coordinator;
import io.llmload.cluster.Identity;
import io.llmload.cluster.Signer;
import io.llmload.record.RequestLog;
import io.llmload.result.ServerMetrics;
import io.llmload.scenario.KnownSecrets;
import io.llmload.scenario.ClusterSpec;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;

/**
 * One distributed run end to end, as its coordinator: joins the cluster, waits for the agents,
 * runs the campaign on them, frees them and writes one report with the merged results and each
 * agent's part. The metrics endpoint and the server scraping run here, fed with the cluster's
 * merged seconds. The caller prints the outcome, then lets the metrics endpoint {@link #linger()}.
 * Agents that never came fail the run and are named; a lost agent changes nothing unless a check fails.
 */
public final class ClusterBenchmark extends EngineRun {
    private final String secret;
    private volatile ClusterTrials trials;
    private ClusterNode node;
    private Coordinator coordinator;

    /** See {@link EngineRun}; {@code secret} is the cluster's shared secret. */
    public ClusterBenchmark(ScenarioSource source, Scenario s, List<Threshold> thresholds, BaselineRules baseline, Path dir,
            RunConsole console, boolean quiet, ToIntFunction<String> exitCodes, String secret) {
        super(source, s, thresholds, baseline, dir, console, quiet, exitCodes);
        this.secret = secret;
    }

    @Override
    void stopTrials() {
        ClusterTrials t = trials;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Joins the cluster, runs the campaign on its agents, frees them and writes the reports. */
    @Override
    public RunOutcome execute() throws Failed, ScenarioException, IOException, InterruptedException {
        ClusterSpec spec = scenario.cluster();
        try {
            List<String> joinProblems = ClusterSettings.problems(spec.join());
            if (!joinProblems.isEmpty()) {
                throw new UsageException("cluster.join: " + String.join("; ", joinProblems));
            }
            ClusterTrials.refuseSecrets(scenario);
            ClusterSettings settings = new ClusterSettings(spec.host(), spec.port(), spec.join(), spec.name(), spec.busPort());
            try {
                node = ClusterNode.join(settings, console.env().apply("LLMLOAD_DEBUG") != null).toCompletionStage().toCompletableFuture().get();
            } catch (ExecutionException e) {
                console.err().println("error: cannot join the cluster on " + spec.host() + ": " + describe(e.getCause()));
                throw new Failed(Failed.Kind.RUN_FAILED, e.getCause());
            }
            Identity identity = Identity.local("coordinator", BuildInfo.version(), BuildInfo.commit(), ReportAssembler.host().name());
            coordinator = new Coordinator(node, identity, new Signer(secret), line -> console.err().println(line));
            RunConsole keyless = console.withEnv(ClusterTrials.keyless(console.env()));
            ClusterTrials t = new ClusterTrials(coordinator, spec, keyless, quiet, observability.listener());
            trials = t;
            if (interrupted()) {
                t.interrupt(); // it came while the cluster was being joined
            }
            Campaign campaign = new Campaign(source, scenario, thresholds, t, keyless);
            campaign.validate();
            console.err().println("coordinator at " + node.address() + " in cluster '" + spec.name() + "': waiting up to "
                    + spec.joinTimeout().toSeconds() + " s for " + spec.agents() + " agent(s)");
            List<AgentHandle> agents = coordinator.gather(spec.agents(), spec.joinTimeout(), spec.join())
                    .toCompletionStage().toCompletableFuture().get();
            if (!quiet) {
                console.err().println("workload: " + PlanFactory.plan(scenario, keyless.env()).lanes().get(0).requests().description()
                        + ", split among " + agents.size() + " agents");
            }
            // opened once the agents are here: a run whose agents never came leaves no report directory
            RequestLog requests = RequestLog.open(dir, scenario.report().formats().contains("csv"), scenario.report().recordTokens(),
                    KnownSecrets::scrub);
            t.recordTo(requests);
            CampaignResult result;
            RequestLog.Totals recorded;
            try {
                result = campaign.execute();
            } finally {
                recorded = requests.close(); // an interrupted run's records too
                RequestLogText.warn(recorded, console.err());
            }
            ServerMetrics serverMetrics = observability.finish(result.last(), console.err());
            RunReport.Parts parts = new RunReport.Parts(t.info(), serverMetrics, t.aborted(), RequestLogText.info(recorded), baseline,
                    interrupted());
            RunOutcome outcome = RunReport.write(scenario, result, parts, dir, recorded.files(), exitCodes);
            leave(); // free the agents before lingering
            return outcome;
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } finally {
            leave();
        }
    }

    private Failed failure(Throwable cause) {
        if (cause instanceof ClusterFailure f) {
            console.err().println("error: " + f.getMessage());
            return new Failed(switch (f.kind()) {
                case USAGE -> Failed.Kind.USAGE;
                case RUN_FAILED -> Failed.Kind.RUN_FAILED;
                case INTERRUPTED -> Failed.Kind.INTERRUPTED;
            }, f);
        }
        console.err().println("error: the run failed: " + describe(cause));
        return new Failed(Failed.Kind.RUN_FAILED, cause);
    }

    @Override
    public void close() {
        leave();
        super.close();
    }

    /** Frees the agents and leaves the cluster, within bounds: a broken cluster must not keep the process alive. */
    private void leave() {
        Coordinator c = coordinator;
        ClusterNode n = node;
        coordinator = null;
        node = null;
        try {
            if (c != null) {
                c.release().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
            if (n != null) {
                n.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            // leaving anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
