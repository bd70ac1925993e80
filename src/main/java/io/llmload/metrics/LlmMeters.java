package io.llmload.metrics;

import io.llmload.result.Summary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The llmload meters of one run (or one variant / sweep point: one instance per
 * {@link MeterLabels}), fed once per interval from {@link IntervalSnapshot}s, never per token.
 * Counters and gauges are Micrometer meters; the latency histograms are {@link LatencyHistograms}
 * in the same registry, with the classic buckets of {@link LatencyBuckets}, so Prometheus'
 * {@code histogram_quantile} works on them. Counters equal the report's totals once the last
 * snapshot and {@link #complete} are in. Every Prometheus name is listed in the README. The meters
 * of an API that answers with vectors or scores (embeddings, rerank) leave out what it cannot
 * have, as the reports do: no output or reasoning token counters, no output tokens per second,
 * no TTFT, TTFAT, ITL or TPOT histograms (absent series, not series stuck at 0).
 *
 * <p>Thread contract: {@link #record} and {@link #complete} are called from one thread at a time
 * (they are synchronized); gauges are read by the scraping thread at any time.
 */
public final class LlmMeters {
    private final MeterRegistry registry;
    private final Tags tags;
    private final LatencyHistograms histograms;
    private final Labels labels;
    private final Counter succeeded;
    private final Counter failed;
    private final Counter incomplete;
    private final Counter cancelled;
    private final Counter dropped;
    private final Counter inputTokens;
    private final Counter outputTokens; // null for an API without a token stream
    private final Counter reasoningTokens;
    private final Map<String, Counter> errors = new HashMap<>();
    private final AtomicReference<double[]> gaugeValues = new AtomicReference<>(new double[Gauges.values().length]);
    private double lastElapsedS;

    /** The gauge values, replaced as a whole each interval. */
    private enum Gauges { IN_FLIGHT, ACHIEVED_RATE, OUTPUT_TOKEN_RATE, INPUT_TOKEN_RATE, TARGET_RATE, TARGET_CONCURRENCY, FINISHED }

    /** The meters of a run whose API streams tokens. */
    public LlmMeters(PrometheusMeterRegistry registry, MeterLabels labels) {
        this(registry, labels, true);
    }

    /** @param tokens the API streams tokens (false for embeddings and rerank) */
    public LlmMeters(PrometheusMeterRegistry registry, MeterLabels labels, boolean tokens) {
        this.registry = registry;
        this.tags = labels.tags();
        this.histograms = LatencyHistograms.of(registry);
        this.labels = Labels.of(tags.stream().map(Tag::getKey).toList(), tags.stream().map(Tag::getValue).toList());
        histograms.register(this.labels, tokens ? Metric.ALL : Metric.WITHOUT_TOKENS);
        succeeded = requests("succeeded");
        failed = requests("failed");
        incomplete = requests("incomplete");
        cancelled = requests("cancelled");
        dropped = Counter.builder("llmload.dropped.requests").baseUnit("requests")
                .description("requests the open model could not send because every slot was busy").tags(tags).register(registry);
        inputTokens = Counter.builder("llmload.input.tokens").baseUnit("tokens")
                .description("prompt tokens of succeeded measured requests (usage.prompt_tokens)").tags(tags).register(registry);
        outputTokens = !tokens ? null : Counter.builder("llmload.output.tokens").baseUnit("tokens")
                .description("output tokens of succeeded measured requests").tags(tags).register(registry);
        reasoningTokens = !tokens ? null : Counter.builder("llmload.reasoning.tokens").baseUnit("tokens")
                .description("reasoning tokens among the output tokens (usage.completion_tokens_details.reasoning_tokens, "
                        + "else the reasoning text counted)").tags(tags).register(registry);
        gauge("llmload.in.flight", "requests", "requests sent and not yet ended", Gauges.IN_FLIGHT);
        gauge("llmload.achieved.rate", "requests.per.second", "requests ended per second in the last interval, warmup included",
                Gauges.ACHIEVED_RATE);
        if (tokens) {
            gauge("llmload.output.tokens.per.second", null, "output tokens per second in the last interval",
                    Gauges.OUTPUT_TOKEN_RATE);
        }
        gauge("llmload.input.tokens.per.second", null, "prompt tokens of succeeded measured requests per second in the last interval",
                Gauges.INPUT_TOKEN_RATE);
        gauge("llmload.target.concurrency", "users", "virtual users of the closed model (0 for an open model)",
                Gauges.TARGET_CONCURRENCY);
        gauge("llmload.target.rate", "requests.per.second", "arrival rate the open model aims at (0 for the closed model)",
                Gauges.TARGET_RATE);
        gauge("llmload.run.finished", null, "1 once the run has ended and every counter holds its final value",
                Gauges.FINISHED);
    }

    /** Adds one interval: counter increments, histogram values, and the gauges' new values. */
    public synchronized void record(IntervalSnapshot s) {
        s.histograms().forEach((metric, h) -> histograms.add(labels, metric, h));
        succeeded.increment(s.succeeded());
        failed.increment(s.failed());
        dropped.increment(s.dropped());
        inputTokens.increment(s.inputTokens());
        if (outputTokens != null) {
            outputTokens.increment(s.outputTokens());
            reasoningTokens.increment(s.reasoningTokens());
        }
        s.errors().forEach((kind, n) -> errors.computeIfAbsent(kind, k -> Counter.builder("llmload.request.errors")
                .description("failed measured requests by error kind")
                .tags(tags).tag("kind", k).register(registry)).increment(n));
        double intervalS = s.elapsedS() - lastElapsedS;
        lastElapsedS = s.elapsedS();
        double[] g = gaugeValues.get().clone();
        g[Gauges.IN_FLIGHT.ordinal()] = s.inFlight();
        g[Gauges.ACHIEVED_RATE.ordinal()] = intervalS > 0 ? s.point().requests() / intervalS : 0;
        g[Gauges.OUTPUT_TOKEN_RATE.ordinal()] = intervalS > 0 ? s.point().outputTokens() / intervalS : 0;
        g[Gauges.INPUT_TOKEN_RATE.ordinal()] = intervalS > 0 ? s.inputTokens() / intervalS : 0;
        gaugeValues.set(g);
    }

    /** What the run aims at: a closed model's users or an open model's rate (the other is 0). */
    public void target(int concurrency, double ratePerS) {
        double[] g = gaugeValues.get().clone();
        g[Gauges.TARGET_CONCURRENCY.ordinal()] = concurrency;
        g[Gauges.TARGET_RATE.ordinal()] = ratePerS;
        gaugeValues.set(g);
    }

    /**
     * The run has ended and its last snapshot is recorded: counts requests that were cut off at
     * the end and those their users abandoned (neither reaches a snapshot), zeroes the live gauges
     * and marks the run finished.
     */
    public synchronized void complete(Summary summary) {
        incomplete.increment(Math.max(0, summary.requests().incomplete() - (long) incomplete.count()));
        cancelled.increment(Math.max(0, summary.requests().cancelled() - (long) cancelled.count()));
        double[] g = gaugeValues.get().clone();
        g[Gauges.IN_FLIGHT.ordinal()] = 0;
        g[Gauges.ACHIEVED_RATE.ordinal()] = 0;
        g[Gauges.OUTPUT_TOKEN_RATE.ordinal()] = 0;
        g[Gauges.INPUT_TOKEN_RATE.ordinal()] = 0;
        g[Gauges.FINISHED.ordinal()] = 1;
        gaugeValues.set(g);
    }

    private Counter requests(String outcome) {
        return Counter.builder("llmload.requests").baseUnit("requests")
                .description("measured requests by outcome (succeeded, failed, incomplete = cut off at the end, "
                        + "cancelled = abandoned by their user; the last two counted when the run ends)")
                .tags(tags).tag("outcome", outcome).register(registry);
    }

    private void gauge(String name, String unit, String description, Gauges which) {
        Gauge.Builder<AtomicReference<double[]>> b = Gauge.builder(name, gaugeValues, ref -> ref.get()[which.ordinal()])
                .description(description).tags(tags);
        if (unit != null) {
            b.baseUnit(unit);
        }
        b.register(registry);
    }
}
