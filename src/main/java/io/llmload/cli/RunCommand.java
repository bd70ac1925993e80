package io.llmload.cli;

import io.llmload.check.Threshold;
import io.llmload.engine.AbortWatch;
import io.llmload.engine.Campaign;
import io.llmload.engine.CampaignResult;
import io.llmload.engine.ClusterTrials;
import io.llmload.engine.FileHandleCheck;
import io.llmload.engine.Observability;
import io.llmload.engine.PlanFactory;
import io.llmload.engine.ReportAssembler;
import io.llmload.engine.RequestLogText;
import io.llmload.engine.ScenarioSource;
import io.llmload.engine.ThresholdInputs;
import io.llmload.engine.TrialRunner;
import io.llmload.engine.UsageException;
import io.llmload.load.LanePlan;
import io.llmload.record.RequestLog;
import io.llmload.report.CampaignConsole;
import io.llmload.report.ClusterConsole;
import io.llmload.report.ConsoleSummary;
import io.llmload.report.ReportFiles;
import io.llmload.report.Verdict;
import io.llmload.result.ClusterInfo;
import io.llmload.result.RecordsInfo;
import io.llmload.result.Report;
import io.llmload.result.ServerMetrics;
import io.llmload.scenario.KnownSecrets;
import io.llmload.scenario.Overrides;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
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

    /** The parsed --baseline settings of this invocation, or null. */
    private BaselineInputs baselineInputs;

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
        BaselineInputs base;
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
            base = BaselineInputs.parse(baseline, maxRegression, baselineOptional, console);
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

    private int execute(Console console, ScenarioSource source, Scenario s, List<Threshold> thresholdList, BaselineInputs base) {
        this.baselineInputs = base;
        try (Observability observability = new Observability(s)) {
            try {
                observability.start(console.err(), s.load().concurrency() == null ? 0 : s.load().concurrency());
            } catch (UsageException e) {
                return Problems.usage(e, console.err());
            }
            if (s.cluster() != null) {
                return new ClusterRun(this, console, quiet, observability).execute(source, s, thresholdList);
            }
            if (!quiet) {
                LanePlan lane = PlanFactory.plan(s, console.env()).lanes().get(0);
                console.err().println("workload: " + lane.requests().description());
                if (lane.cancels().active()) {
                    console.err().println("cancel: " + lane.cancels().description());
                }
            }
            Campaign.validateDerived(source, s, console.env()); // before the report directory exists: a refused run leaves none
            Path dir = reportDirectory(s);
            RequestLog requests = RequestLog.open(dir, s.report().formats().contains("csv"), s.report().recordTokens(), KnownSecrets::scrub);
            TrialRunner runner = new TrialRunner(observability.vertx(), console.engine(), quiet, observability.listener(), requests);
            Campaign campaign = new Campaign(source, s, thresholdList, runner, console.engine());
            Signals signals = console.ownsProcess() ? Signals.install(() -> {
                runner.interrupt();
                observability.stopLingering();
            }, console.err()) : null;
            CampaignResult result;
            RequestLog.Totals recorded;
            try {
                result = campaign.execute();
            } catch (ExecutionException e) {
                console.err().println("error: the run failed: " + describe(e.getCause()));
                return ExitCodes.RUN_FAILED;
            } finally {
                recorded = requests.close(); // an interrupted run's records too: Ctrl-C ends execute() normally
                RequestLogText.warn(recorded, console.err());
            }
            ServerMetrics serverMetrics = observability.finish(result.last(), console.err());
            int code = report(console, s, result, null, serverMetrics, signals, runner.aborted(), dir, recorded.files(),
                    RequestLogText.info(recorded));
            observability.linger(console.err());
            return code;
        } catch (ScenarioException | UsageException | IOException | InterruptedException e) {
            return Problems.ofRun(e, console.err());
        }
    }

    /**
     * Writes the reports, prints the summary and returns the exit code; {@code clusterInfo}
     * describes a distributed run, {@code serverMetrics} what was scraped from the server (each null when not).
     */
    int report(Console console, Scenario s, CampaignResult result, ClusterInfo clusterInfo, ServerMetrics serverMetrics,
                       Signals signals, AbortWatch.Aborted aborted, Path dir, List<Path> alreadyWritten, RecordsInfo records)
            throws IOException {
        Report report = ReportAssembler.assemble(s, result, clusterInfo).withServerMetrics(serverMetrics);
        if (aborted != null) {
            report = report.withRun(report.run().withAbortedBy(aborted.info()));
        }
        if (records != null) {
            report = report.withRun(report.run().withRequestRecords(records));
        }
        if (baselineInputs != null) {
            report = baselineInputs.apply(report);
        }
        Verdict verdict = RunVerdict.of(result, report, signals, aborted);
        List<Path> files = new ArrayList<>(ReportFiles.write(report, dir, s.report().formats(), verdict));
        files.addAll(alreadyWritten);
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
        for (Path f : files) {
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
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
