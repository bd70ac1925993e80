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
 *
 * <p>Thread contract: {@link #interrupt()} may be called from any thread (a signal handler),
 * at any time; the other methods from one thread, in the order start, execute, linger, close.
 */
public final class BenchmarkRun implements AutoCloseable {
    /** The run itself failed (its cause was already reported on the console's err). */
    public static final class Failed extends Exception {
        Failed(Throwable cause) {
            super(cause);
        }
    }

    private final ScenarioSource source;
    private final Scenario scenario;
    private final List<Threshold> thresholds;
    private final BaselineRules baseline;
    private final Path dir;
    private final RunConsole console;
    private final boolean quiet;
    private final ToIntFunction<String> exitCodes;
    private final Observability observability;
    private volatile boolean interrupted;
    private volatile TrialRunner runner;

    /**
     * A run of {@code s} (loaded from {@code source}) with its checks, an optional baseline, the
     * report directory and {@code exitCodes}, which numbers the verdict's statuses.
     */
    public BenchmarkRun(ScenarioSource source, Scenario s, List<Threshold> thresholds, BaselineRules baseline, Path dir,
            RunConsole console, boolean quiet, ToIntFunction<String> exitCodes) {
        this.source = source;
        this.scenario = s;
        this.thresholds = thresholds;
        this.baseline = baseline;
        this.dir = dir;
        this.console = console;
        this.quiet = quiet;
        this.exitCodes = exitCodes;
        this.observability = new Observability(s);
    }

    /** Starts the metrics endpoint and the server scraping; a port in use is a UsageException. */
    public void start() {
        observability.start(console.err(), scenario.load().concurrency() == null ? 0 : scenario.load().concurrency());
    }

    /** Stops issuing requests; the run ends with what was measured and its reports say it was interrupted. */
    public void interrupt() {
        interrupted = true;
        TrialRunner r = runner;
        if (r != null) {
            r.interrupt();
        }
        observability.stopLingering();
    }

    /** Whether {@link #interrupt()} was called. */
    public boolean interrupted() {
        return interrupted;
    }

    /** Runs the campaign and writes the reports. */
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
        if (interrupted) {
            trials.interrupt(); // it came while the runner was being made
        }
        Campaign campaign = new Campaign(source, scenario, thresholds, trials, console);
        CampaignResult result;
        RequestLog.Totals recorded;
        try {
            result = campaign.execute();
        } catch (ExecutionException e) {
            console.err().println("error: the run failed: " + describe(e.getCause()));
            throw new Failed(e.getCause());
        } finally {
            recorded = requests.close(); // an interrupted run's records too: Ctrl-C ends execute() normally
            RequestLogText.warn(recorded, console.err());
        }
        ServerMetrics serverMetrics = observability.finish(result.last(), console.err());
        RunReport.Parts parts = new RunReport.Parts(null, serverMetrics, trials.aborted(), RequestLogText.info(recorded), baseline,
                interrupted);
        return RunReport.write(scenario, result, parts, dir, recorded.files(), exitCodes);
    }

    /** Keeps the metrics endpoint up for {@code metrics.linger} after the run (until interrupted). */
    public void linger() throws InterruptedException {
        observability.linger(console.err());
    }

    @Override
    public void close() {
        observability.close();
    }

    /** A failure's message, or its type when it has none. */
    public static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
