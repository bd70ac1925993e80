package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The target's own Prometheus metrics, scraped during the run ({@code server_metrics} in the
 * scenario), on the same clock as {@code timeseries}: {@code t} is seconds since the run started.
 *
 * @param prefixCacheHitRate hits / queries over the run from vLLM's prefix-cache counters
 *                           (null when the server does not export them or nothing was queried)
 * @param omittedSeries      series dropped because the report keeps at most a bounded number
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerMetrics(String url, double everyS, long scrapes, long failedScrapes, String lastError,
                            Double prefixCacheHitRate, int omittedSeries, List<Series> series) {

    /**
     * One scraped series. {@code points} are {@code [t, value]} pairs; a counter's values are
     * as scraped (cumulative), so the rate between two points is their difference over time.
     */
    public record Series(String name, String type, Map<String, String> labels, List<double[]> points) {
    }
}
