package io.llmload.engine;

import io.llmload.engine.CampaignResult;
import io.llmload.load.RunResult;
import io.llmload.result.ClusterInfo;
import io.llmload.result.InputTokenCheck;
import io.llmload.result.Report;
import io.llmload.result.RunInfo;
import io.llmload.result.Summary;
import io.llmload.scenario.QueryMask;
import io.llmload.scenario.Scenario;
import io.llmload.workload.InputTokenTally;
import java.net.InetAddress;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Builds the {@link Report} document from a campaign's result and its scenario. */
public final class ReportAssembler {
    private ReportAssembler() {
    }

    public static Report assemble(Scenario scenario, CampaignResult c) {
        return assemble(scenario, c, null);
    }

    /** @param cluster the agents and gaps of a distributed run, or null */
    public static Report assemble(Scenario scenario, CampaignResult c, ClusterInfo cluster) {
        RunResult first = c.runs().get(0);
        RunResult last = c.last();
        double duration = c.runs().stream().mapToDouble(RunResult::durationS).sum();
        double measured = c.runs().stream().mapToDouble(RunResult::measuredS).sum();
        String stopReason = c.interrupted() ? "interrupted" : last.stopReason();
        RunInfo run = new RunInfo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(first.startedAt().atOffset(ZoneOffset.UTC)),
                round(duration), round(last.warmupS()), round(measured), c.interrupted(), stopReason, last.targetDescription(),
                scenario.target().model(), host(), last.load(), last.steadyState(), last.stages().isEmpty() ? null : last.stages());
        Summary summary = c.summary();
        InputTokenTally sent = c.sent();
        if (sent != null && sent.requests() > 0) {
            summary = summary.withTokens(summary.tokens().withInputCheck(inputCheck(sent, summary)));
        }
        return new Report(Report.SCHEMA, new Report.Tool("llmload", BuildInfo.version(), emptyToNull(BuildInfo.commit())),
                withMaskedUrl(scenario.resolved()), run, summary, last.timeseries(), c.histograms(), c.points(), c.search(), c.variants(),
                c.comparison(), c.repeats(), null, null, cluster, c.inputs());
    }

    /** The resolved scenario for the report, with a key in the target URL's query string masked. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> withMaskedUrl(Map<String, Object> resolved) {
        if (!(resolved.get("target") instanceof Map<?, ?> target) || !(target.get("url") instanceof String url)
                || QueryMask.mask(url).equals(url)) {
            return resolved;
        }
        Map<String, Object> copy = new LinkedHashMap<>(resolved);
        Map<String, Object> maskedTarget = new LinkedHashMap<>((Map<String, Object>) target);
        maskedTarget.put("url", QueryMask.mask(url));
        copy.put("target", maskedTarget);
        return copy;
    }

    /** The workload's own prompt count beside the server's ({@code summary.tokens.input_check}). */
    public static InputTokenCheck inputCheck(InputTokenTally sent, Summary s) {
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

    public static RunInfo.Host host() {
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
