package io.llmload.metrics;

import io.llmload.result.Goodput;
import io.llmload.result.LatencyStats;
import io.llmload.result.RequestCounts;
import io.llmload.result.Summary;
import io.llmload.result.Throughput;
import io.llmload.result.TokenCounts;
import io.llmload.result.TurnStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Combines the summaries of several runs (repeats, sequential variants) into one: counters are
 * added, latency distributions are the sum of the runs' histograms, and rates are totals over the
 * sum of the measured windows.
 */
public final class SummaryMerger {
    private static final List<String> SOURCES = List.of("usage", "tokenizer", "chunks");

    private SummaryMerger() {
    }

    /** One run to merge: its summary, its encoded histograms and its measured window. */
    public record Part(Summary summary, Map<String, String> histograms, double measuredS) {
    }

    public static Summary merge(List<Part> parts) {
        if (parts.size() == 1) {
            return parts.get(0).summary();
        }
        long total = 0;
        long succeeded = 0;
        long failed = 0;
        long incomplete = 0;
        long incompleteRetrying = 0;
        long unstreamed = 0;
        long cancelled = 0;
        long cancelledEarly = 0;
        long dropped = 0;
        long input = 0;
        long output = 0;
        long reasoning = 0;
        long toolCallAnswers = 0;
        Map<String, Long> reasoningSources = new LinkedHashMap<>();
        long goodputMet = 0;
        double window = 0;
        long retries = 0;
        Map<String, Long> retriesByKind = new TreeMap<>();
        Map<String, Long> errors = new TreeMap<>();
        Map<String, String> samples = new TreeMap<>();
        Map<String, Long> sources = new LinkedHashMap<>();
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        Goodput goodput = null;
        long items = 0;
        String itemsLabel = null;
        boolean allItems = !parts.isEmpty();
        for (Part p : parts) {
            Summary s = p.summary();
            total += s.requests().total();
            succeeded += s.requests().succeeded();
            failed += s.requests().failed();
            incomplete += s.requests().incomplete();
            incompleteRetrying += s.requests().incompleteRetrying();
            unstreamed += s.requests().unstreamed();
            cancelled += s.requests().cancelled();
            cancelledEarly += s.requests().cancelledBeforeFirstToken();
            dropped += s.requests().dropped();
            input += s.tokens().input();
            output += s.tokens().output();
            if (s.answersInTokens()) {
                allItems = false;
            } else {
                items += s.tokens().items();
                itemsLabel = itemsLabel == null || itemsLabel.equals(s.itemsLabel()) ? s.itemsLabel() : "items";
            }
            reasoning += s.tokens().reasoningTokens();
            toolCallAnswers += s.tokens().toolCallAnswerCount();
            if (s.tokens().reasoningSourceCounts() != null) {
                s.tokens().reasoningSourceCounts().forEach((k, v) -> reasoningSources.merge(k, v, Long::sum));
            }
            window += p.measuredS();
            s.requests().errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
            retries += s.requests().retries();
            s.requests().retriesByKind().forEach((k, v) -> retriesByKind.merge(k, v, Long::sum));
            s.requests().errorSamples().forEach(samples::putIfAbsent);
            if (s.tokens().outputSourceCounts() != null) {
                s.tokens().outputSourceCounts().forEach((k, v) -> sources.merge(k, v, Long::sum));
            }
            if (s.goodput() != null) {
                goodputMet += s.goodput().met();
                goodput = s.goodput();
            }
            p.histograms().forEach((k, v) -> histograms.computeIfAbsent(k, x -> Histograms.create()).add(Histograms.decode(v)));
        }
        String source = leastExact(sources);
        Map<String, LatencyStats> latency = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            if (allItems && Summary.TOKEN_METRICS.contains(m.key())) {
                continue; // embeddings, rerank: no token stream, so no token metrics (absent, not 0)
            }
            Histogram h = histograms.get(m.key());
            latency.put(m.key(), h == null ? LatencyStats.EMPTY : MetricsCollector.stats(h));
        }
        Throughput throughput = window <= 0 ? new Throughput(0, 0, 0)
                : new Throughput(round(succeeded / window), round(output / window), round((input + output) / window));
        if (allItems) {
            throughput = window <= 0 ? Throughput.ofItems(0, 0, 0)
                    : Throughput.ofItems(round(succeeded / window), round(input / window), round(items / window));
        }
        Goodput mergedGoodput = goodput == null ? null : new Goodput(goodput.sloMs(), goodputMet,
                window <= 0 ? 0 : round(goodputMet / window), succeeded == 0 ? 0 : round((double) goodputMet / succeeded));
        TokenCounts tokens = allItems ? new TokenCounts(input, 0, null, Map.of()).withItems(items, itemsLabel)
                : new TokenCounts(input, output, source, sources).withReasoning(reasoning, leastExact(reasoningSources), reasoningSources)
                        .withToolCallAnswers(toolCallAnswers);
        return new Summary(new RequestCounts(total, succeeded, failed, incomplete, dropped, errors, samples, retries, retriesByKind,
                cancelled, cancelledEarly, incompleteRetrying, unstreamed), tokens, throughput, mergedGoodput, latency, List.of(),
                mergeTurns(parts, histograms));
    }

    private static String leastExact(Map<String, Long> sources) {
        String source = "usage";
        for (String s : SOURCES) {
            if (sources.getOrDefault(s, 0L) > 0) {
                source = s;
            }
        }
        return source;
    }

    /** Per-turn entries added turn by turn: counts summed, means weighted, latencies from the summed per-turn histograms. */
    private static List<TurnStats> mergeTurns(List<Part> parts, Map<String, Histogram> histograms) {
        int turns = 0;
        boolean any = false;
        for (Part p : parts) {
            if (p.summary().turns() != null) {
                any = true;
                turns = Math.max(turns, p.summary().turns().size());
            }
        }
        if (!any) {
            return null;
        }
        List<TurnStats> out = new ArrayList<>();
        for (int t = 1; t <= turns; t++) {
            long requests = 0;
            long ok = 0;
            long failed = 0;
            long cancelled = 0;
            long dropped = 0;
            double inputSum = 0;
            long inputWeight = 0;
            double outputSum = 0;
            for (Part p : parts) {
                List<TurnStats> list = p.summary().turns();
                if (list == null || list.size() < t) {
                    continue;
                }
                TurnStats s = list.get(t - 1);
                requests += s.requests();
                ok += s.succeeded();
                failed += s.failed();
                cancelled += s.cancelled();
                dropped += s.dropped();
                if (s.inputTokensMean() != null) {
                    inputSum += s.inputTokensMean() * s.succeeded();
                    inputWeight += s.succeeded();
                }
                if (s.outputTokensMean() != null) {
                    outputSum += s.outputTokensMean() * s.succeeded();
                }
            }
            Histogram ttft = histograms.get(MetricsCollector.turnKey(t, "ttft"));
            Histogram e2e = histograms.get(MetricsCollector.turnKey(t, "e2e"));
            out.add(new TurnStats(t, requests, ok, failed, cancelled, dropped, inputWeight == 0 ? null : round(inputSum / inputWeight),
                    ok == 0 ? null : round(outputSum / ok), ttft == null ? LatencyStats.EMPTY : MetricsCollector.stats(ttft),
                    e2e == null ? LatencyStats.EMPTY : MetricsCollector.stats(e2e)));
        }
        return out;
    }

    /** The histograms of several runs added together, encoded. */
    public static Map<String, String> mergeHistograms(List<Map<String, String>> encoded) {
        Map<String, Histogram> sum = new LinkedHashMap<>();
        for (Map<String, String> m : encoded) {
            m.forEach((k, v) -> sum.computeIfAbsent(k, x -> Histograms.create()).add(Histograms.decode(v)));
        }
        Map<String, String> out = new LinkedHashMap<>();
        sum.forEach((k, h) -> out.put(k, Histograms.encode(h)));
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
