package io.llmload.cli;

import io.llmload.check.Threshold;
import io.llmload.engine.BaselineInputs;
import io.llmload.engine.BaselineRules;
import io.llmload.engine.BenchmarkRun;
import io.llmload.engine.ClusterBenchmark;
import io.llmload.engine.ClusterTrials;
import io.llmload.engine.EngineRun;
import io.llmload.engine.FileHandleCheck;
import io.llmload.engine.PlanFactory;
import io.llmload.engine.RunOutcome;
import io.llmload.engine.ScenarioSource;
import io.llmload.engine.ThresholdInputs;
import io.llmload.engine.UsageException;
import io.llmload.report.CampaignConsole;
import io.llmload.report.ClusterConsole;
import io.llmload.report.ConsoleSummary;
import io.llmload.report.ReportFiles;
import io.llmload.report.Verdict;
import io.llmload.result.Report;
import io.llmload.scenario.Overrides;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code llmload run SCENARIO}: run the benchmark, write the reports, evaluate the checks. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a benchmark from a scenario file.",
        footer = {"", "Examples:", "  llmload run scenarios/quickstart.yaml",
            "  llmload run scenarios/vllm-local.yaml --target http://127.0.0.1:8000/v1 \\",
            "      --concurrency 32 --duration 2m",
            "  llmload run scenarios/vllm-local.yaml --rate 20 --duration 1m   (open model)",
            "  llmload run my.yaml --agents 3 --join 10.0.0.5:5701   (on 3 'llmload agent's)",
            "  llmload run my.yaml --threshold 'ttft.p99 < 800ms' \\",
            "      --threshold 'error_rate < 1%%'",
            "  llmload run scenarios/ci-check.yaml --baseline last.json \\",
            "      --max-regression 'ttft.p99=10%%,output_tokens_per_s=5%%' --format json,junit,md",
            "", "Exit codes: 0 ok, 1 a check failed, 2 bad usage or scenario, 3 the run failed,",
            "130/143 interrupted."})
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ScenarioFlags scenario;

    @Option(names = "--out", paramLabel = "DIR", description = "write reports into DIR (default: <report.dir>/<name>-<timestamp>)")
    Path out;

    @Option(names = "--format", paramLabel = "LIST",
            description = "report formats, comma-separated: json,html,csv,junit,md (csv: summary.csv and timeseries.csv; junit.xml and summary.md for CI)")
    String format;

    @Option(names = "--threshold", paramLabel = "EXPR", description = "a check such as 'ttft.p99 < 800ms' (repeatable)")
    List<String> thresholds = new ArrayList<>();

    @Option(names = "--metrics-port", paramLabel = "P", description = "serve live Prometheus metrics on 127.0.0.1:P at /metrics (0: any free port)")
    String metricsPort;

    @Option(names = "--baseline", paramLabel = "REPORT.json",
            description = "compare with an earlier report: a metric worse than its allowance, beyond noise, fails the run")
    Path baseline;

    @Option(names = "--max-regression", paramLabel = "LIST", description = "allowances against --baseline, e.g. "
            + "'ttft.p99=10%%,ttft.p50=20ms,output_tokens_per_s=5%%,error_rate=1pp' (default: p50 and p99 of ttft, itl and e2e "
            + "10%%, output_tokens_per_s and requests_per_s 5%%, error_rate 1pp)")
    String maxRegression;

    @Option(names = "--baseline-optional", description = "a --baseline file that does not exist yet is not an error (a first CI run)")
    boolean baselineOptional;

    @Option(names = {"-q", "--quiet"}, description = "no live progress and no summary table; only paths and the verdict")
    boolean quiet;

    @Mixin
    ClusterFlags cluster;

    @Override
    public Integer call() {
        Console console = main.console();
        Scenario s;
        ScenarioSource source;
        List<Threshold> checks;
        BaselineRules base;
        try {
            List<Overrides.Override> extra = new ArrayList<>();
            if (format != null) {
                extra.add(new Overrides.Override("report.formats", "[" + format + "]", "--format " + format));
            }
            if (metricsPort != null) {
                extra.add(new Overrides.Override("metrics.port", metricsPort, "--metrics-port " + metricsPort));
            }
            extra.addAll(cluster.overrides());
            source = scenario.source(console, extra);
            s = source.load();
            checks = ThresholdInputs.parse(s, thresholds);
            base = BaselineInputs.parse(baseline, maxRegression, baselineOptional, console.err());
            PlanFactory.plan(s, s.cluster() != null ? ClusterTrials.keyless(console.env()) : console.env());
            FileHandleCheck.check(s);
            if (!s.target().http().tlsVerify() && s.target().url().startsWith("https:")) {
                console.err().println("warning: TLS certificate verification is off (target.http.tls_verify: false); "
                        + "the server's identity is not checked");
            }
        } catch (ScenarioException e) {
            return Problems.print(e, console.err());
        } catch (UsageException e) {
            return Problems.usage(e, console.err());
        }
        return execute(console, source, s, checks, base);
    }

    /** A local run, or with {@code cluster} (or {@code --agents N}) this process as the coordinator of the agents' run. */
    private int execute(Console console, ScenarioSource source, Scenario s, List<Threshold> thresholdList, BaselineRules base) {
        Signals[] signals = new Signals[1]; // the verdict's exit code reads it; installed once the run has started
        ToIntFunction<String> exitCodes = status -> ExitCodes.of(status, signals[0]);
        EngineRun run;
        if (s.cluster() != null) {
            String secret;
            try {
                secret = ClusterOptions.secret(console, s.cluster().secretEnv());
            } catch (UsageException e) {
                return Problems.usage(e, console.err());
            }
            run = new ClusterBenchmark(source, s, thresholdList, base, reportDirectory(s), console.engine(), quiet, exitCodes, secret);
        } else {
            run = new BenchmarkRun(source, s, thresholdList, base, reportDirectory(s), console.engine(), quiet, exitCodes);
        }
        try (run) {
            try {
                run.start();
            } catch (UsageException e) {
                return Problems.usage(e, console.err());
            }
            signals[0] = console.ownsProcess() ? Signals.install(run::interrupt, console.err()) : null;
            RunOutcome outcome;
            try {
                outcome = run.execute();
            } catch (EngineRun.Failed e) {
                return ExitCodes.of(e.kind(), signals[0]);
            }
            int code = print(console, s, outcome);
            run.linger();
            return code;
        } catch (ScenarioException | UsageException | IOException | InterruptedException e) {
            return Problems.ofRun(e, console.err());
        }
    }

    /** Prints a written run's summary, its files and the verdict (and appends the CI step summary); returns the exit code. */
    int print(Console console, Scenario s, RunOutcome outcome) {
        Report report = outcome.report();
        Verdict verdict = outcome.verdict();
        if (s.report().formats().contains("md")) {
            StepSummary.append(console, report, verdict);
        }
        if (!quiet) {
            console.out().println();
            console.out().print(ConsoleSummary.render(report));
            console.out().print(CampaignConsole.render(report));
            console.out().print(ClusterConsole.render(report));
            console.out().println();
        }
        for (Path f : outcome.files()) {
            console.out().println("report: " + f);
        }
        console.out().println(verdict.line());
        return verdict.exitCode();
    }

    /** Where this run's reports go: --out, else a new directory under report.dir named for the scenario and the time. */
    Path reportDirectory(Scenario s) {
        return out != null ? out : ReportFiles.runDirectory(Path.of(s.report().dir()), s.name(), LocalDateTime.now());
    }

    static String describe(Throwable t) {
        return EngineRun.describe(t);
    }
}
