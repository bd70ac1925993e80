package io.llmload.cluster;

import io.llmload.load.LaneResult;
import io.llmload.load.RunResult;
import io.llmload.metrics.Histograms;
import io.llmload.metrics.Metric;
import io.llmload.metrics.MetricsCollector;
import io.llmload.metrics.SummaryMerger;
import io.llmload.result.ClusterInfo;
import io.llmload.result.Goodput;
import io.llmload.result.LatencyStats;
import io.llmload.result.LoadInfo;
import io.llmload.result.RequestCounts;
import io.llmload.result.StageInfo;
import io.llmload.result.SteadyState;
import io.llmload.result.Summary;
import io.llmload.result.Throughput;
import io.llmload.result.TimePoint;
import io.llmload.result.TokenCounts;
import io.llmload.workload.InputTokenTally;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Merges the agents' results of one trial into one {@link RunResult}, exactly: counters are
 * added, latency histograms are added (so every percentile is that of all requests together,
 * never an average of percentiles), and rates are the totals over the cluster's measured window —
 * the agents measure side by side from one start, so the window is the longest agent's, not the
 * sum. A lost agent contributes what it streamed before it was lost. Pure functions.
 */
final class ClusterMerge {
    private ClusterMerge() {
    }

    /** One agent's ending: its result, or (lost) its streamed running totals. */
    record Ending(String agent, AgentResult result, IntervalMerger.Running partial, double warmupS) {
    }

    static TrialOutcome merge(Instant startedAt, List<Ending> endings, List<TimePoint> series, List<ClusterInfo.Gap> gaps) {
        List<TrialOutcome.AgentPart> parts = new ArrayList<>();
        List<AgentResult> finished = new ArrayList<>();
        for (Ending e : endings) {
            if (e.result() != null) {
                AgentResult r = e.result();
                finished.add(r);
                parts.add(new TrialOutcome.AgentPart(e.agent(), r.summary(), r.histograms(), r.measuredS(), false));
            } else {
                parts.add(partial(e));
            }
        }
        double window = parts.stream().mapToDouble(TrialOutcome.AgentPart::measuredS).max().orElse(0);
        Summary summary = add(parts.stream().map(p -> new SummaryMerger.Part(p.summary(), p.histograms(), p.measuredS())).toList(), window);
        Map<String, String> histograms = SummaryMerger.mergeHistograms(parts.stream().map(TrialOutcome.AgentPart::histograms).toList());
        String failure = null;
        if (finished.isEmpty()) {
            failure = "every agent was lost";
        } else if (finished.stream().allMatch(r -> r.failure() != null)) {
            failure = finished.get(0).failure() + " (on every agent)";
        }
        boolean interrupted = finished.stream().anyMatch(AgentResult::interrupted);
        String stopReason = interrupted ? "interrupted"
                : finished.stream().map(AgentResult::stopReason).findFirst().orElse("agents_lost");
        Set<String> targets = new LinkedHashSet<>();
        finished.forEach(r -> targets.add(r.target()));
        String target = String.join(" | ", targets) + " from " + endings.size() + " agents";
        List<LaneResult> lanes = lanes(finished, window);
        RunResult run = new RunResult(startedAt, finished.stream().mapToDouble(AgentResult::durationS).max().orElse(0),
                finished.stream().mapToDouble(AgentResult::warmupS).max().orElse(0), window, stopReason, interrupted, target, summary,
                series, histograms, failure, lanes, lanes.size() == 1 ? lanes.get(0).load() : null, steady(finished), stages(finished));
        return new TrialOutcome(run, parts, gaps, sent(finished));
    }

    /** Summaries of agents that ran side by side: counts and histograms added, rates over {@code windowS}. */
    static Summary add(List<SummaryMerger.Part> parts, double windowS) {
        Summary s = SummaryMerger.merge(parts);
        RequestCounts c = s.requests();
        Throughput throughput = windowS <= 0 ? new Throughput(0, 0, 0) : new Throughput(round(c.succeeded() / windowS),
                round(s.tokens().output() / windowS), round((s.tokens().input() + s.tokens().output()) / windowS));
        if (!s.answersInTokens()) {
            throughput = windowS <= 0 ? Throughput.ofItems(0, 0, 0) : Throughput.ofItems(round(c.succeeded() / windowS),
                    round(s.tokens().input() / windowS), round(s.tokens().items() / windowS));
        }
        Goodput g = s.goodput() == null ? null
                : new Goodput(s.goodput().sloMs(), s.goodput().met(), windowS <= 0 ? 0 : round(s.goodput().met() / windowS), s.goodput().fraction());
        return new Summary(c, s.tokens(), throughput, g, s.latencyMs(), s.checks());
    }

    /** What a lost agent streamed before it was lost: counters and histograms, without samples, retries or goodput. */
    private static TrialOutcome.AgentPart partial(Ending e) {
        IntervalMerger.Running r = e.partial();
        Map<String, String> encoded = new LinkedHashMap<>();
        Map<String, LatencyStats> latency = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            Histogram h = r.histograms.get(m);
            encoded.put(m.key(), Histograms.encode(h));
            latency.put(m.key(), MetricsCollector.stats(h));
        }
        double measured = Math.max(0, r.elapsedS - e.warmupS());
        RequestCounts counts = new RequestCounts(r.succeeded + r.failed, r.succeeded, r.failed, 0, r.dropped, Map.copyOf(r.errors), Map.of());
        Throughput t = measured <= 0 ? new Throughput(0, 0, 0)
                : new Throughput(round(r.succeeded / measured), round(r.output / measured), round((r.input + r.output) / measured));
        Summary s = new Summary(counts, new TokenCounts(r.input, r.output, "usage", Map.of()), t, null, latency, List.of());
        return new TrialOutcome.AgentPart(e.agent(), s, encoded, measured, true);
    }

    /** Each lane (variant) added up over the agents that finished. */
    private static List<LaneResult> lanes(List<AgentResult> finished, double window) {
        List<LaneResult> out = new ArrayList<>();
        if (finished.isEmpty()) {
            return out;
        }
        int lanes = finished.get(0).lanes().size();
        for (int l = 0; l < lanes; l++) {
            int lane = l;
            List<LaneResult> all = finished.stream().map(r -> r.lanes().get(lane)).toList();
            double laneWindow = all.stream().mapToDouble(LaneResult::measuredS).max().orElse(window);
            Summary s = add(all.stream().map(x -> new SummaryMerger.Part(x.summary(), x.histograms(), x.measuredS())).toList(), laneWindow);
            out.add(new LaneResult(all.get(0).name(), s, SummaryMerger.mergeHistograms(all.stream().map(LaneResult::histograms).toList()),
                    laneWindow, load(all.stream().map(LaneResult::load).toList())));
        }
        return out;
    }

    /** The agents' loads side by side: rates, arrivals and limits add up; the client was saturated if any agent was. */
    static LoadInfo load(List<LoadInfo> loads) {
        LoadInfo first = loads.get(0);
        if (first == null) {
            return null;
        }
        List<String> why = new ArrayList<>();
        double target = 0;
        double achieved = 0;
        long scheduled = 0;
        long maxInFlight = 0;
        long maxConcurrency = 0;
        boolean saturated = false;
        for (int i = 0; i < loads.size(); i++) {
            LoadInfo l = loads.get(i);
            target += l.targetRate() == null ? 0 : l.targetRate();
            achieved += l.achievedRate() == null ? 0 : l.achievedRate();
            scheduled += l.scheduledArrivals() == null ? 0 : l.scheduledArrivals();
            maxInFlight += l.maxInFlight() == null ? 0 : l.maxInFlight();
            maxConcurrency += l.maxConcurrency() == null ? 0 : l.maxConcurrency();
            if (l.clientSaturated()) {
                saturated = true;
                why.add("agent " + (i + 1) + ": " + l.saturation());
            }
        }
        boolean open = "open".equals(first.model());
        return new LoadInfo(first.model(), first.arrival(), first.burstiness(), open ? round(target) : null, open ? round(achieved) : null,
                open ? scheduled : null, open ? (int) maxInFlight : null, open ? null : (int) maxConcurrency, saturated,
                why.isEmpty() ? null : String.join("; ", why));
    }

    /** Each agent decides its own automatic warmup; measuring began everywhere by the latest. */
    private static SteadyState steady(List<AgentResult> finished) {
        if (finished.isEmpty()) {
            return null;
        }
        SteadyState first = finished.get(0).steadyState();
        if (first == null) {
            return null;
        }
        boolean reached = finished.stream().allMatch(r -> r.steadyState() != null && r.steadyState().reached());
        double at = finished.stream().mapToDouble(r -> r.steadyState() == null ? 0 : r.steadyState().atS()).max().orElse(0);
        return new SteadyState(first.mode(), reached, at, first.rule());
    }

    /** The stages as the cluster ran them: the agents' levels added up. */
    private static List<StageInfo> stages(List<AgentResult> finished) {
        if (finished.isEmpty() || finished.get(0).stages() == null) {
            return List.of();
        }
        List<StageInfo> out = new ArrayList<>();
        List<StageInfo> first = finished.get(0).stages();
        for (int i = 0; i < first.size(); i++) {
            StageInfo s = first.get(i);
            double concurrency = 0;
            double rate = 0;
            for (AgentResult r : finished) {
                StageInfo mine = r.stages() != null && i < r.stages().size() ? r.stages().get(i) : null;
                if (mine != null) {
                    concurrency += mine.concurrency() == null ? 0 : mine.concurrency();
                    rate += mine.rate() == null ? 0 : mine.rate();
                }
            }
            out.add(new StageInfo(s.index(), s.startS(), s.endS(), s.concurrency() == null ? null : round(concurrency),
                    s.rate() == null ? null : round(rate), s.ramp()));
        }
        return out;
    }

    private static InputTokenTally sent(List<AgentResult> finished) {
        List<AgentResult.Sent> all = finished.stream().map(AgentResult::sent).filter(x -> x != null).toList();
        if (all.isEmpty()) {
            return null;
        }
        return InputTokenTally.pooled(all.get(0).tokenizer(),
                all.stream().map(x -> new InputTokenTally.Part(x.requests(), x.mean(), x.stddev())).toList());
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
