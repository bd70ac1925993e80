package io.llmload.cli;

import io.llmload.load.RunResult;
import io.llmload.result.CheckResult;
import io.llmload.result.InputTokenCheck;
import io.llmload.result.Report;
import io.llmload.result.RunInfo;
import io.llmload.result.Summary;
import io.llmload.scenario.Scenario;
import io.llmload.workload.InputTokenTally;
import java.net.InetAddress;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Builds the {@link Report} document from a run's result, its scenario and its evaluated checks. */
final class ReportAssembler {
    private ReportAssembler() {
    }

    /** As below, with the workload's own prompt count put beside the server's ({@code summary.tokens.input_check}). */
    static Report assemble(Scenario scenario, RunResult r, List<CheckResult> checks, InputTokenTally sent) {
        Report report = assemble(scenario, r, checks);
        if (sent == null || sent.requests() == 0) {
            return report;
        }
        Summary s = report.summary();
        Summary withCheck = s.withTokens(s.tokens().withInputCheck(inputCheck(sent, s)));
        return new Report(report.schema(), report.tool(), report.scenario(), report.run(), withCheck, report.timeseries(),
                report.histograms(), report.points(), report.variants());
    }

    static InputTokenCheck inputCheck(InputTokenTally sent, Summary s) {
        double mine = Math.round(sent.mean() * 10) / 10.0;
        long succeeded = s.requests().succeeded();
        String tokenizer = sent.tokenizer();
        if (s.tokens().input() <= 0 || succeeded == 0) {
            return new InputTokenCheck(tokenizer, mine, null, String.format(Locale.ROOT,
                    "%.1f tokens per prompt by %s; the server sent no usage.prompt_tokens to compare", mine, tokenizer));
        }
        double server = Math.round((double) s.tokens().input() / succeeded * 10) / 10.0;
        double diff = server - mine;
        // The sent mean covers every request handed out (warmup too), the server's only the measured
        // ones: with varying lengths the two differ by chance, so only a difference beyond three
        // standard errors of the mean counts as the server counting differently.
        double noise = Math.max(0.5, 3 * sent.stddev() / Math.sqrt(succeeded));
        if (Math.abs(diff) <= noise) {
            return new InputTokenCheck(tokenizer, mine, server, String.format(Locale.ROOT,
                    "%.1f tokens per prompt by %s; the server's usage.prompt_tokens (%.1f) agrees%s", mine, tokenizer, server,
                    noise > 0.5 ? String.format(Locale.ROOT, " within the sampling noise of the mean (±%.1f)", noise) : ""));
        }
        return new InputTokenCheck(tokenizer, mine, server, String.format(Locale.ROOT,
                "%.1f tokens per prompt by %s; the server counted %.1f (%+.1f%%): its tokenizer and chat template differ,"
                        + " so prompt lengths are approximate for this model",
                mine, tokenizer, server, mine == 0 ? 0 : diff / mine * 100));
    }

    static Report assemble(Scenario scenario, RunResult r, List<CheckResult> checks) {
        RunInfo run = new RunInfo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(r.startedAt().atOffset(ZoneOffset.UTC)),
                round(r.durationS()), round(r.warmupS()), round(r.measuredS()), r.interrupted(), r.stopReason(),
                r.targetDescription(), scenario.target().model(), host());
        return new Report(Report.SCHEMA, new Report.Tool("llmload", Version.version(), emptyToNull(Version.commit())),
                scenario.resolved(), run, r.summary().withChecks(checks), r.timeseries(), r.histograms(), null, null);
    }

    static RunInfo.Host host() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            name = "unknown";
        }
        return new RunInfo.Host(name, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() || s.startsWith("$") ? null : s;
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
