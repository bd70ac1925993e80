package io.llmload.api;

import io.llmload.check.Threshold;
import io.llmload.engine.BaselineInputs;
import io.llmload.engine.BaselineRules;
import io.llmload.engine.BenchmarkRun;
import io.llmload.engine.ClusterBenchmark;
import io.llmload.engine.EngineRun;
import io.llmload.engine.FileHandleCheck;
import io.llmload.engine.PlanFactory;
import io.llmload.engine.ProblemLines;
import io.llmload.engine.RunConsole;
import io.llmload.engine.RunOutcome;
import io.llmload.engine.RunVerdict;
import io.llmload.engine.ScenarioSource;
import io.llmload.engine.ThresholdInputs;
import io.llmload.engine.UsageException;
import io.llmload.scenario.Overrides;
import io.llmload.scenario.ScenarioException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One {@link LlmLoad} run on the engine, as {@code llmload run --quiet} does it: the scenario with
 * its overrides and checks, the baseline, then {@link BenchmarkRun} (or {@link ClusterBenchmark}
 * for a scenario with a {@code cluster}), its notes and result lines printed to {@code out}. No
 * signal handlers and no live view: the caller's process stays its own.
 */
final class InProcessRun {
    private static final int USAGE = 2;
    private static final int RUN_FAILED = 3;
    private static final int INTERRUPTED = 130;

    /** What the run printed and how it ended; {@code outcome} null when it ended before a report. */
    record Ended(int exitCode, RunOutcome outcome) {
    }

    private InProcessRun() {
    }

    static Ended run(Scenario scenario, Path dir, List<String> formats, Path baseline, String maxRegression,
            Function<String, String> env, PrintStream out) {
        try {
            List<Overrides.Override> overrides = new ArrayList<>();
            overrides.add(new Overrides.Override("report.formats", "[" + String.join(",", formats) + "]", "formats(...)"));
            for (String o : scenario.overrides()) {
                overrides.add(Overrides.Override.parse(o));
            }
            ScenarioSource source = new ScenarioSource(scenario.file(), overrides, env);
            io.llmload.scenario.Scenario s = source.load();
            List<Threshold> checks = ThresholdInputs.parse(s, scenario.thresholds());
            BaselineRules base = BaselineInputs.parse(baseline, maxRegression, false, out);
            PlanFactory.plan(s, env);
            FileHandleCheck.check(s);
            RunConsole console = new RunConsole(out, env, (planned, warmupS, tokens) -> {
                throw new IllegalStateException("a quiet run has no live view");
            });
            RunOutcome outcome;
            try (EngineRun run = s.cluster() != null
                    ? new ClusterBenchmark(source, s, checks, base, dir, console, true, InProcessRun::exitCode, secret(s, env))
                    : new BenchmarkRun(source, s, checks, base, dir, console, true, InProcessRun::exitCode)) {
                run.start();
                outcome = run.execute();
                run.linger();
            }
            for (Path f : outcome.files()) {
                out.println("report: " + f);
            }
            out.println(outcome.verdict().line());
            return new Ended(outcome.verdict().exitCode(), outcome);
        } catch (ScenarioException e) {
            ProblemLines.print(e, out);
            return new Ended(USAGE, null);
        } catch (UsageException e) {
            out.println("error: " + e.getMessage());
            return new Ended(USAGE, null);
        } catch (EngineRun.Failed e) {
            return new Ended(switch (e.kind()) { // the cause is already printed
                case USAGE -> USAGE;
                case RUN_FAILED -> RUN_FAILED;
                case INTERRUPTED -> INTERRUPTED;
            }, null);
        } catch (IOException e) {
            out.println("error: cannot write the reports: " + EngineRun.describe(e));
            return new Ended(RUN_FAILED, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Ended(INTERRUPTED, null);
        }
    }

    private static String secret(io.llmload.scenario.Scenario s, Function<String, String> env) {
        String variable = s.cluster().secretEnv();
        String secret = env.apply(variable);
        if (secret == null || secret.isBlank()) {
            throw new UsageException("the cluster needs a shared secret: set " + variable + " to the same value on every agent and"
                    + " the coordinator");
        }
        return secret.trim();
    }

    private static int exitCode(String status) {
        return RunVerdict.exitCode(status, INTERRUPTED);
    }
}
