package io.llmload.cli;

import io.llmload.check.Threshold;
import io.llmload.check.ThresholdEvaluator;
import io.llmload.load.CompositeRunListener;
import io.llmload.load.RunEngine;
import io.llmload.load.RunListener;
import io.llmload.load.RunPlan;
import io.llmload.load.RunResult;
import io.llmload.report.CheckFormat;
import io.llmload.report.ConsoleSummary;
import io.llmload.report.LiveProgress;
import io.llmload.report.ReportFiles;
import io.llmload.result.CheckResult;
import io.llmload.result.Report;
import io.llmload.result.ServerMetrics;
import io.llmload.scenario.Overrides;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code llmload run SCENARIO}: run the benchmark, write the reports, evaluate the checks. */
@Command(name = "run", description = "Run a benchmark from a scenario file.",
        footer = {"", "Examples:", "  llmload run scenarios/quickstart.yaml",
            "  llmload run scenarios/vllm-local.yaml --target http://127.0.0.1:8000/v1 --concurrency 32 --duration 2m",
            "  llmload run my.yaml --threshold 'ttft.p99 < 800ms' --threshold 'error_rate < 1%'",
            "", "Exit codes: 0 ok, 1 a check failed, 2 bad usage or scenario, 3 the run failed, 130/143 interrupted."})
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ScenarioFlags scenario;

    @Option(names = "--out", paramLabel = "DIR", description = "write reports into DIR (default: <report.dir>/<name>-<timestamp>)")
    Path out;

    @Option(names = "--format", paramLabel = "LIST", description = "report formats, comma-separated: json,html")
    String format;

    @Option(names = "--threshold", paramLabel = "EXPR", description = "a check such as 'ttft.p99 < 800ms' (repeatable)")
    List<String> thresholds = new ArrayList<>();

    @Option(names = "--metrics-port", paramLabel = "P", description = "serve live Prometheus metrics on 127.0.0.1:P at /metrics (0: any free port)")
    String metricsPort;

    @Option(names = {"-q", "--quiet"}, description = "no live progress and no summary table; only paths and the verdict")
    boolean quiet;

    @Override
    public Integer call() {
        Console console = main.console();
        Scenario s;
        List<Threshold> checks;
        RunPlan plan;
        try {
            List<Overrides.Override> extra = new ArrayList<>();
            if (format != null) {
                extra.add(new Overrides.Override("report.formats", "[" + format + "]", "--format " + format));
            }
            if (metricsPort != null) {
                extra.add(new Overrides.Override("metrics.port", metricsPort, "--metrics-port " + metricsPort));
            }
            s = scenario.load(console, extra);
            checks = ThresholdInputs.parse(s, thresholds);
            plan = PlanFactory.plan(s, console.env());
        } catch (ScenarioException e) {
            return Problems.print(e, console.err());
        } catch (UsageException e) {
            console.err().println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        return execute(console, s, checks, plan);
    }

    private int execute(Console console, Scenario s, List<Threshold> thresholdList, RunPlan plan) {
        try (Observability observability = new Observability(s)) {
            try {
                observability.start(console.err(), plan.concurrency());
            } catch (UsageException e) {
                console.err().println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            RunListener progress = quiet ? RunListener.NONE : new LiveProgress(console.err(), console.terminal());
            RunListener listener = CompositeRunListener.of(progress, observability.listener());
            RunEngine engine = new RunEngine(observability.vertx(), plan, listener);
            Signals signals = console.ownsProcess() ? Signals.install(() -> {
                engine.requestStop("interrupted");
                observability.stopLingering();
            }, console.err()) : null;
            RunResult result;
            try {
                result = engine.run().toCompletionStage().toCompletableFuture().get();
            } catch (ExecutionException e) {
                console.err().println("error: the run failed: " + describe(e.getCause()));
                return ExitCodes.RUN_FAILED;
            }
            ServerMetrics serverMetrics = observability.finish(result, console.err());
            List<CheckResult> checks = ThresholdEvaluator.evaluate(thresholdList, result.summary());
            Report report = ReportAssembler.assemble(s, result, checks).withServerMetrics(serverMetrics);
            Path dir = out != null ? out : ReportFiles.runDirectory(Path.of(s.report().dir()), s.name(), LocalDateTime.now());
            List<Path> files = ReportFiles.write(report, dir, s.report().formats());
            if (!quiet) {
                console.out().println();
                console.out().print(ConsoleSummary.render(report));
                console.out().println();
            }
            for (Path f : files) {
                console.out().println("report: " + f);
            }
            int code = verdict(console, result, checks, signals);
            observability.linger(console.err());
            return code;
        } catch (IOException e) {
            console.err().println("error: cannot write the reports: " + e.getMessage());
            return ExitCodes.RUN_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.SIGINT;
        }
    }

    private static int verdict(Console console, RunResult result, List<CheckResult> checks, Signals signals) {
        long failed = checks.stream().filter(c -> !c.passed()).count();
        if (signals != null && signals.exitCode() != 0) {
            console.out().println("INTERRUPTED: partial results written (" + result.summary().requests().total() + " requests measured)");
            return signals.exitCode();
        }
        if (result.interrupted()) {
            console.out().println("INTERRUPTED: partial results written");
            return ExitCodes.SIGINT;
        }
        if (result.failure() != null) {
            console.out().println("ERROR: " + result.failure());
            return ExitCodes.RUN_FAILED;
        }
        if (failed > 0) {
            CheckResult first = checks.stream().filter(c -> !c.passed()).findFirst().orElseThrow();
            console.out().println("FAIL: " + failed + " of " + checks.size() + " check(s) failed, first: " + first.expr()
                    + " (measured " + CheckFormat.value(first) + ")");
            return ExitCodes.CHECK_FAILED;
        }
        console.out().println(checks.isEmpty() ? "DONE: " + result.summary().requests().succeeded() + " requests succeeded"
                : "PASS: all " + checks.size() + " check(s) passed");
        return ExitCodes.OK;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
