package io.llmload.cli;

import io.llmload.engine.BaselineRules;
import io.llmload.engine.ReportAssembler;
import io.llmload.engine.RunOutcome;
import io.llmload.engine.RunReport;
import io.llmload.engine.RunConsole;
import io.llmload.engine.ClusterTrials;
import io.llmload.engine.Campaign;
import io.llmload.engine.UsageException;
import io.llmload.engine.Observability;
import io.llmload.engine.PlanFactory;
import io.llmload.engine.ScenarioSource;
import io.llmload.engine.CampaignResult;
import io.llmload.check.Threshold;
import io.llmload.cluster.AgentHandle;
import io.llmload.cluster.ClusterFailure;
import io.llmload.cluster.ClusterNode;
import io.llmload.cluster.ClusterSettings;
import io.llmload.cluster.Coordinator;
import io.llmload.cluster.Identity;
import io.llmload.cluster.Signer;
import io.llmload.result.ServerMetrics;
import io.llmload.scenario.ClusterSpec;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code llmload run} with {@code cluster} (or {@code --agents N}): joins the cluster as the
 * coordinator, waits for the agents, runs the campaign on them and writes one report with the
 * merged results and each agent's part. Exit codes as for a local run; agents that never came
 * give 3 and are named; a lost agent changes nothing unless a check fails. The metrics endpoint
 * and the server scraping run on the coordinator, fed with the cluster's merged seconds.
 */
final class ClusterRun {
    private final RunCommand command;
    private final Console console;
    private final boolean quiet;
    private final Observability observability;
    private final BaselineRules baseline;
    private Signals signals;

    ClusterRun(RunCommand command, Console console, boolean quiet, Observability observability, BaselineRules baseline) {
        this.command = command;
        this.console = console;
        this.quiet = quiet;
        this.observability = observability;
        this.baseline = baseline;
    }

    int execute(ScenarioSource source, Scenario s, List<Threshold> thresholds) {
        ClusterSpec spec = s.cluster();
        ClusterNode node = null;
        Coordinator coordinator = null;
        try {
            String secret = ClusterOptions.secret(console, spec.secretEnv());
            List<String> joinProblems = ClusterSettings.problems(spec.join());
            if (!joinProblems.isEmpty()) {
                throw new UsageException("cluster.join: " + String.join("; ", joinProblems));
            }
            ClusterTrials.refuseSecrets(s);
            ClusterSettings settings = new ClusterSettings(spec.host(), spec.port(), spec.join(), spec.name(), spec.busPort());
            try {
                node = ClusterNode.join(settings, console.env().apply("LLMLOAD_DEBUG") != null).toCompletionStage().toCompletableFuture().get();
            } catch (ExecutionException e) {
                console.err().println("error: cannot join the cluster on " + spec.host() + ": " + RunCommand.describe(e.getCause()));
                return ExitCodes.RUN_FAILED;
            }
            Identity identity = Identity.local("coordinator", Version.version(), Version.commit(), ReportAssembler.host().name());
            coordinator = new Coordinator(node, identity, new Signer(secret), line -> console.err().println(line));
            RunConsole keyless = console.engine().withEnv(ClusterTrials.keyless(console.env()));
            ClusterTrials trials = new ClusterTrials(coordinator, spec, keyless, quiet, observability.listener());
            Campaign campaign = new Campaign(source, s, thresholds, trials, keyless);
            campaign.validate();
            signals = console.ownsProcess() ? Signals.install(() -> {
                trials.interrupt();
                observability.stopLingering();
            }, console.err()) : null;
            console.err().println("coordinator at " + node.address() + " in cluster '" + spec.name() + "': waiting up to "
                    + spec.joinTimeout().toSeconds() + " s for " + spec.agents() + " agent(s)");
            List<AgentHandle> agents = coordinator.gather(spec.agents(), spec.joinTimeout(), spec.join())
                    .toCompletionStage().toCompletableFuture().get();
            if (!quiet) {
                console.err().println("workload: " + PlanFactory.plan(s, keyless.env()).lanes().get(0).requests().description()
                        + ", split among " + agents.size() + " agents");
            }
            CampaignResult result = campaign.execute();
            ServerMetrics serverMetrics = observability.finish(result.last(), console.err());
            RunReport.Parts parts = new RunReport.Parts(trials.info(), serverMetrics, trials.aborted(), null, baseline,
                    signals != null && signals.exitCode() != 0);
            RunOutcome outcome = RunReport.write(s, result, parts, command.reportDirectory(s), List.of(), // no requests.jsonl on a cluster yet (README)
                    status -> ExitCodes.of(status, signals));
            int code = command.print(console, s, outcome);
            close(coordinator, node); // free the agents before lingering
            coordinator = null;
            node = null;
            observability.linger(console.err());
            return code;
        } catch (ExecutionException e) {
            return failure(e.getCause());
        } catch (ScenarioException | UsageException | IOException | InterruptedException e) {
            return Problems.ofRun(e, console.err());
        } finally {
            close(coordinator, node);
        }
    }

    private int failure(Throwable cause) {
        if (cause instanceof ClusterFailure f) {
            console.err().println("error: " + f.getMessage());
            if (f.kind() == ClusterFailure.Kind.INTERRUPTED) {
                return signals != null && signals.exitCode() != 0 ? signals.exitCode() : ExitCodes.SIGINT;
            }
            return f.kind() == ClusterFailure.Kind.USAGE ? ExitCodes.USAGE : ExitCodes.RUN_FAILED;
        }
        console.err().println("error: the run failed: " + RunCommand.describe(cause));
        return ExitCodes.RUN_FAILED;
    }

    /** Frees the agents and leaves the cluster, within bounds: a broken cluster must not keep the process alive. */
    private void close(Coordinator coordinator, ClusterNode node) {
        try {
            if (coordinator != null) {
                coordinator.release().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
            if (node != null) {
                node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            // leaving anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
