package io.llmload.engine;

import io.llmload.load.RunResult;
import io.llmload.record.RunTags;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import io.llmload.result.InputCounts;
import io.llmload.workload.InputTokenTally;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Runs the trials of a {@link Campaign} one after another: on this machine ({@link TrialRunner})
 * or on the agents of a cluster ({@link ClusterTrials}). Thread contract: {@link #run} from one
 * thread (never an event loop); {@link #interrupt} from any (the signal handler).
 */
public interface Trials {
    /**
     * One run: the lanes' scenarios (one, or one per interleaved variant) with run-level settings
     * from {@code base}, each lane switched on in turn for {@code sliceNanos} when there are several.
     *
     * @param seedOffset added to every seed, so repeated runs draw fresh arrivals
     */
    public record Spec(Scenario base, List<PlanFactory.NamedScenario> lanes, long sliceNanos, long seedOffset, RunTags tags) {
        public static Spec of(Scenario s, long seedOffset, RunTags tags) {
            return new Spec(s, List.of(new PlanFactory.NamedScenario(s.name(), s)), 0, seedOffset, tags);
        }
    }

    /**
     * Runs one trial; {@code label} (e.g. "sweep point 2/4: concurrency=8") is shown first when not
     * null. The run stops early when one of the {@code watched} abort_on_fail thresholds can no
     * longer pass; {@link #lastAborted} then says which.
     */
    RunResult run(Spec trial, String label, List<AbortWatch.Watched> watched)
            throws ScenarioException, ExecutionException, InterruptedException;

    /** The prompt tokens the last trial's (first lane's) workload handed out, or null. */
    InputTokenTally lastSent();

    /**
     * What the last trial's (first lane's) requests carried besides text, or null when nothing was
     * counted (a distributed run's agents do not report it yet).
     */
    default InputCounts lastInputs() {
        return null;
    }

    /** The abort_on_fail threshold that stopped the last trial, or null. */
    AbortWatch.Aborted lastAborted();

    /** The abort_on_fail threshold that stopped a trial of this campaign, or null. */
    AbortWatch.Aborted aborted();

    void interrupt();

    boolean interrupted();

    /** True when no further trial should start: interrupted, or a threshold stopped a trial. */
    default boolean halted() {
        return interrupted() || aborted() != null;
    }
}
