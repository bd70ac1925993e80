package io.llmload.cli;

import io.llmload.check.Threshold;
import io.llmload.cluster.ClusterFailure;
import io.llmload.engine.BaselineRules;
import io.llmload.engine.ClusterBenchmark;
import io.llmload.engine.RunOutcome;
import io.llmload.engine.ScenarioSource;
import io.llmload.engine.UsageException;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import java.io.IOException;
import java.util.List;

/**
 * {@code llmload run} with {@code cluster} (or {@code --agents N}): the engine's
 * {@link ClusterBenchmark} wired to the console, the signals and the exit codes. Exit codes as
 * for a local run; agents that never came give 3 and are named; a lost agent changes nothing
 * unless a check fails.
 */
final class ClusterRun {
    private ClusterRun() {
    }

    static int execute(RunCommand command, Console console, boolean quiet, ScenarioSource source, Scenario s, List<Threshold> thresholds,
            BaselineRules baseline) {
        Signals[] signals = new Signals[1]; // the verdict's exit code reads it; installed once the run has started
        try (ClusterBenchmark run = new ClusterBenchmark(source, s, thresholds, baseline, command.reportDirectory(s), console.engine(),
                quiet, status -> ExitCodes.of(status, signals[0]), ClusterOptions.secret(console, s.cluster().secretEnv()))) {
            try {
                run.start();
            } catch (UsageException e) {
                return Problems.usage(e, console.err());
            }
            signals[0] = console.ownsProcess() ? Signals.install(run::interrupt, console.err()) : null;
            RunOutcome outcome;
            try {
                outcome = run.execute();
            } catch (ClusterBenchmark.Failed e) {
                return exitCode(e.kind(), signals[0]);
            }
            int code = command.print(console, s, outcome);
            run.linger();
            return code;
        } catch (ScenarioException | UsageException | IOException | InterruptedException e) {
            return Problems.ofRun(e, console.err());
        }
    }

    private static int exitCode(ClusterFailure.Kind kind, Signals signals) {
        return switch (kind) {
            case INTERRUPTED -> signals != null && signals.exitCode() != 0 ? signals.exitCode() : ExitCodes.SIGINT;
            case USAGE -> ExitCodes.USAGE;
            case RUN_FAILED -> ExitCodes.RUN_FAILED;
        };
    }
}
