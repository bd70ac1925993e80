package io.llmload.metrics;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The latency metrics kept as histograms, in the order reports list them: the model's latencies,
 * then the request phases before the answer ({@link io.llmload.result.Summary#PHASE_METRICS}).
 * {@code ttfat} (time to first answer token) follows {@code ttft}: it is the same unless the
 * model reasoned first.
 */
public enum Metric {
    TTFT("ttft"), TTFAT("ttfat"), ITL("itl"), TPOT("tpot"), E2E("e2e"), SCHEDULE_LAG("schedule_lag"),
    POOL_WAIT("pool_wait"), CONNECT("connect"), HEADERS("headers");

    /** Every metric. */
    public static final Set<Metric> ALL = Collections.unmodifiableSet(EnumSet.allOf(Metric.class));
    /** What an API without a token stream (embeddings, rerank) has: no first token, no gaps between tokens. */
    public static final Set<Metric> WITHOUT_TOKENS = Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(TTFT, TTFAT, ITL, TPOT)));

    private final String key;

    Metric(String key) {
        this.key = key;
    }

    /** The name used in reports and thresholds. */
    public String key() {
        return key;
    }
}
