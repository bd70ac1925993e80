package io.llmload.metrics;

/**
 * The latency metrics kept as histograms, in the order reports list them: the model's latencies,
 * then the request phases before the answer ({@link io.llmload.result.Summary#PHASE_METRICS}).
 * {@code ttfat} (time to first answer token) follows {@code ttft}: it is the same unless the
 * model reasoned first.
 */
public enum Metric {
    TTFT("ttft"), TTFAT("ttfat"), ITL("itl"), TPOT("tpot"), E2E("e2e"), SCHEDULE_LAG("schedule_lag"),
    POOL_WAIT("pool_wait"), CONNECT("connect"), HEADERS("headers");

    private final String key;

    Metric(String key) {
        this.key = key;
    }

    /** The name used in reports and thresholds. */
    public String key() {
        return key;
    }
}
