package io.llmload.engine;

import io.llmload.engine.AbortWatch;
import io.llmload.engine.PlanFactory;
import io.llmload.engine.Trials;
import io.llmload.load.RunEngine;
import io.llmload.load.RunListener;
import io.llmload.load.RunPlan;
import io.llmload.load.RunResult;
import io.llmload.record.RequestLog;
import io.llmload.record.RequestSink;
import io.llmload.scenario.ScenarioException;
import io.llmload.result.InputCounts;
import io.llmload.workload.InputTokenTally;
import io.llmload.workload.SentInputs;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Runs one {@link RunPlan} to completion from the main thread (never an event loop), announcing it
 * on the console, and forwards an interrupt to the run in progress. Thread contract: {@link #run}
 * from one thread; {@link #interrupt} from any (the signal handler).
 */
public final class TrialRunner implements Trials {
    private final RequestLog requests;
    private final Vertx vertx;
    private final RunConsole console;
    private final TrialWatch trialWatch;
    private volatile RunEngine current;
    private RunPlan lastPlan;
    private volatile boolean interrupted;

    /** {@code requests}: where every request's record goes ({@code requests.jsonl}), or null for none. */
    public TrialRunner(Vertx vertx, RunConsole console, boolean quiet, RunListener observer, RequestLog requests) {
        this.requests = requests;
        this.vertx = vertx;
        this.console = console;
        this.trialWatch = new TrialWatch(console, quiet, observer); // observer: the metrics endpoint, besides the live view
    }

    @Override
    public RunResult run(Spec trial, String label, List<AbortWatch.Watched> watched)
            throws ScenarioException, ExecutionException, InterruptedException {
        return run(PlanFactory.plan(trial.base(), trial.lanes(), console.env(), trial.sliceNanos(), trial.seedOffset()), label, watched,
                requests == null ? RequestSink.NONE : requests.forRun(trial.tags()));
    }

    /**
     * Runs the plan, stopping it early when one of the {@code watched} abort_on_fail thresholds
     * can no longer pass; {@link #lastAborted} then says which.
     */
    RunResult run(RunPlan plan, String label, List<AbortWatch.Watched> watched, RequestSink sink)
            throws ExecutionException, InterruptedException {
        RunEngine engine = new RunEngine(vertx, plan, trialWatch.begin(plan, label, watched), sink);
        current = engine;
        lastPlan = plan;
        if (interrupted) {
            engine.requestStop("interrupted");
        }
        try {
            return engine.run().toCompletionStage().toCompletableFuture().get();
        } finally {
            current = null;
            trialWatch.end();
        }
    }

    @Override
    public AbortWatch.Aborted lastAborted() {
        return trialWatch.lastAborted();
    }

    @Override
    public AbortWatch.Aborted aborted() {
        return trialWatch.aborted();
    }

    @Override
    public InputCounts lastInputs() {
        SentInputs sent = lastPlan == null ? null : lastPlan.lanes().get(0).requests().sentInputs();
        return sent == null || !sent.configured() ? null : sent.counts();
    }

    @Override
    public InputTokenTally lastSent() {
        return lastPlan == null ? null : lastPlan.lanes().get(0).requests().inputTokens();
    }

    @Override
    public void interrupt() {
        interrupted = true;
        RunEngine e = current;
        if (e != null) {
            e.requestStop("interrupted");
        }
    }

    @Override
    public boolean interrupted() {
        return interrupted;
    }
}
