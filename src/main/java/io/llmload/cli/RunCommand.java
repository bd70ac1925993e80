package io.llmload.cli;

import io.llmload.check.Threshold;
import io.llmload.load.LanePlan;
import io.llmload.report.CampaignConsole;
import io.llmload.report.CheckFormat;
import io.llmload.report.ConsoleSummary;
import io.llmload.report.ReportFiles;
import io.llmload.result.CheckResult;
import io.llmload.result.Report;
import io.llmload.scenario.Overrides;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import io.vertx.core.Vertx;
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
            "  llmload run my.yaml --threshold 'ttft.p99 < 800ms' \\",
            "      --threshold 'error_rate < 1%%'",
            "", "Exit codes: 0 ok, 1 a check failed, 2 bad usage or scenario, 3 the run failed,",
            "130/143 interrupted."})
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

    @Option(names = {"-q", "--quiet"}, description = "no live progress and no summary table; only paths and the verdict")
    boolean quiet;

    @Override
    public Integer call() {
        Console console = main.console();
        Scenario s;
        ScenarioSource source;
        List<Threshold> checks;
        try {
            List<Overrides.Override> extra = new ArrayList<>();
            if (format != null) {
                extra.add(new Overrides.Override("report.formats", "[" + format + "]", "--format " + format));
            }
            source = scenario.source(console, extra);
            s = source.load();
            checks = ThresholdInputs.parse(s, thresholds);
            PlanFactory.plan(s, console.env());
            if (!s.target().http().tlsVerify() && s.target().url().startsWith("https:")) {
                console.err().println("warning: TLS certificate verification is off (target.http.tls_verify: false); "
                        + "the server's identity is not checked");
            }
        } catch (ScenarioException e) {
            return Problems.print(e, console.err());
        } catch (UsageException e) {
            console.err().println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        return execute(console, source, s, checks);
    }

    private int execute(Console console, ScenarioSource source, Scenario s, List<Threshold> thresholdList) {
        Vertx vertx = VertxFactory.create();
        try {
            if (!quiet) {
                LanePlan lane = PlanFactory.plan(s, console.env()).lanes().get(0);
                console.err().println("workload: " + lane.requests().description());
                if (lane.cancels().active()) {
                    console.err().println("cancel: " + lane.cancels().description());
                }
            }
            TrialRunner runner = new TrialRunner(vertx, console, quiet);
            Campaign campaign = new Campaign(source, s, thresholdList, runner, console);
            campaign.validate();
            Signals signals = console.ownsProcess() ? Signals.install(runner::interrupt, console.err()) : null;
            CampaignResult result;
            try {
                result = campaign.execute();
            } catch (ExecutionException e) {
                console.err().println("error: the run failed: " + describe(e.getCause()));
                return ExitCodes.RUN_FAILED;
            }
            Report report = ReportAssembler.assemble(s, result);
            Path dir = out != null ? out : ReportFiles.runDirectory(Path.of(s.report().dir()), s.name(), LocalDateTime.now());
            List<Path> files = ReportFiles.write(report, dir, s.report().formats());
            if (!quiet) {
                console.out().println();
                console.out().print(ConsoleSummary.render(report));
                console.out().print(CampaignConsole.render(report));
                console.out().println();
            }
            for (Path f : files) {
                console.out().println("report: " + f);
            }
            return verdict(console, result, signals);
        } catch (ScenarioException e) {
            return Problems.print(e, console.err());
        } catch (UsageException e) {
            console.err().println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            console.err().println("error: cannot write the reports: " + e.getMessage());
            return ExitCodes.RUN_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.SIGINT;
        } finally {
            vertx.close();
        }
    }

    private static int verdict(Console console, CampaignResult result, Signals signals) {
        List<CheckResult> checks = result.summary().checks();
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
        String warning = result.last().load() != null && result.last().load().clientSaturated()
                ? " (client saturated: results are a lower bound)" : "";
        console.out().println((checks.isEmpty() ? "DONE: " + result.summary().requests().succeeded() + " requests succeeded"
                : "PASS: all " + checks.size() + " check(s) passed") + warning);
        return ExitCodes.OK;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
