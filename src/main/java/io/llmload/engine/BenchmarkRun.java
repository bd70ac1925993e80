package io.llmload.engine;

import io.llmload.check.Threshold;
import io.llmload.load.LanePlan;
import io.llmload.record.RequestLog;
import io.llmload.result.ServerMetrics;
import io.llmload.scenario.KnownSecrets;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.ToIntFunction;

/**
 * One local run end to end: opens the observability (metrics endpoint, server scraping, live
 * view) and requests.jsonl, runs the campaign, closes the log and writes the reports. The caller
 * prints the outcome, then lets the metrics endpoint {@link #linger()} and closes the run.
 */
public final class BenchmarkRun extends EngineRun {
    private volatile TrialRunner runner;

    /** See {@link EngineRun}. */
    public BenchmarkRun(ScenarioSource source, Scenario s, List<Threshold> thresholds, BaselineRules baseline, Path dir,
            RunConsole console, boolean quiet, ToIntFunction<String> exitCodes) {
        super(source, s, thresholds, baseline, dir, console, quiet, exitCodes);
    }

    @Override
    void stopTrials() {
        TrialRunner r = runner;
        if (r != null) {
            r.interrupt();
        }
    }

    @Override
    public RunOutcome execute() throws Failed, ScenarioException, IOException, InterruptedException {
        if (!quiet) {
            LanePlan lane = PlanFactory.plan(scenario, console.env()).lanes().get(0);
            console.err().println("workload: " + lane.requests().description());
            if (lane.cancels().active()) {
                console.err().println("cancel: " + lane.cancels().description());
            }
        }
        Campaign.validateDerived(source, scenario, console.env()); // before the report directory exists: a refused run leaves none
        RequestLog requests = RequestLog.open(dir, scenario.report().formats().contains("csv"), scenario.report().recordTokens(),
                KnownSecrets::scrub);
        TrialRunner trials = new TrialRunner(observability.vertx(), console, quiet, observability.listener(), requests);
        runner = trials;
        if (interrupted()) {
            trials.interrupt(); // it came while the runner was being made
        }
        Campaign campaign = new Campaign(source, scenario, thresholds, trials, console);
        CampaignResult result;
        RequestLog.Totals recorded;
        try {
            result = campaign.execute();
        } catch (ExecutionException e) {
            console.err().println("error: the run failed: " + describe(e.getCause()));
            throw new Failed(Failed.Kind.RUN_FAILED, e.getCause());
        } finally {
            recorded = requests.close(); // an interrupted run's records too: Ctrl-C ends execute() normally
            RequestLogText.warn(recorded, console.err());
        }
        ServerMetrics serverMetrics = observability.finish(result.last(), console.err());
        RunReport.Parts parts = new RunReport.Parts(null, serverMetrics, trials.aborted(), RequestLogText.info(recorded), baseline,
                interrupted());
        return RunReport.write(scenario, result, parts, dir, recorded.files(), exitCodes);
    }
}
