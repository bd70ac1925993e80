package io.llmload.metrics;

import io.llmload.result.ServerMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps the selected series of successive scrapes of a server's metrics, and derives the prefix
 * cache hit rate over the run from vLLM's hit and query counters. A pure accumulator: give it
 * parsed expositions with their time, read the {@link ServerMetrics} at the end.
 *
 * <p>Selection: a name in {@code include} matches a sample of that exact name, or every sample
 * of a counter, gauge or untyped family of that name (so {@code vllm:prefix_cache_hits} selects
 * {@code vllm:prefix_cache_hits_total}); for a histogram or summary family it selects its
 * {@code _count} and {@code _sum}. With no include list, {@link #DEFAULT_INCLUDE} is used and
 * deprecated vLLM names are skipped when their replacements are present.
 *
 * <p>Thread contract: not thread-safe; one owner (the scraper's context) at a time.
 */
public final class ServerSeriesRecorder {
    /** Queue, batch and cache metrics of vLLM, SGLang and TGI, and the mock's own. */
    public static final List<String> DEFAULT_INCLUDE = List.of(
            "vllm:num_requests_running", "vllm:num_requests_waiting", "vllm:num_requests_swapped",
            "vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc", "vllm:num_preemptions",
            "vllm:prefix_cache_queries", "vllm:prefix_cache_hits", "vllm:gpu_prefix_cache_queries",
            "vllm:gpu_prefix_cache_hits", "vllm:gpu_prefix_cache_hit_rate",
            "sglang:num_running_reqs", "sglang:num_queue_reqs", "sglang:token_usage", "sglang:cache_hit_rate",
            "sglang:gen_throughput",
            "tgi_queue_size", "tgi_batch_current_size", "tgi_batch_current_max_tokens");
    /** Deprecated vLLM name -> its replacement; with the default list only the replacement is kept. */
    private static final Map<String, String> DEPRECATED = Map.of(
            "vllm:gpu_cache_usage_perc", "vllm:kv_cache_usage_perc",
            "vllm:gpu_prefix_cache_queries", "vllm:prefix_cache_queries",
            "vllm:gpu_prefix_cache_hits", "vllm:prefix_cache_hits");
    /** Bounds the report's size however many label sets a server exports. */
    public static final int MAX_SERIES = 64;

    private final List<String> include;
    private final boolean defaults;
    private final Map<String, Builder> series = new LinkedHashMap<>();
    private int omitted;
    private double[] firstPrefix;
    private double[] lastPrefix;

    public ServerSeriesRecorder(List<String> include) {
        this.defaults = include == null || include.isEmpty();
        this.include = defaults ? DEFAULT_INCLUDE : List.copyOf(include);
    }

    /** Adds one scrape taken {@code tSeconds} after the run started. */
    public void add(double tSeconds, Exposition exposition) {
        Set<String> families = new java.util.HashSet<>();
        exposition.families().forEach(f -> families.add(f.name()));
        for (Exposition.Family f : exposition.families()) {
            for (Exposition.Sample s : f.samples()) {
                if (selected(f, s, families)) {
                    put(f, s, tSeconds);
                }
            }
        }
        double[] prefix = prefixCounters(exposition);
        if (prefix != null) {
            if (firstPrefix == null) {
                firstPrefix = prefix;
            }
            lastPrefix = prefix;
        }
    }

    private boolean selected(Exposition.Family f, Exposition.Sample s, Set<String> present) {
        String family = baseName(f);
        if (defaults && DEPRECATED.containsKey(family)
                && (present.contains(DEPRECATED.get(family)) || present.contains(DEPRECATED.get(family) + "_total"))) {
            return false;
        }
        if (include.contains(s.name())) {
            return true;
        }
        if (!include.contains(family) && !include.contains(f.name())) {
            return false;
        }
        String type = f.type();
        if (type.equals("histogram") || type.equals("summary") || type.equals("gaugehistogram")) {
            return s.name().equals(f.name() + "_count") || s.name().equals(f.name() + "_sum");
        }
        return !s.name().endsWith("_created");
    }

    /**
     * A counter family's name without {@code _total}: Python's and Java's Prometheus clients
     * declare counters as {@code x_total} in the text format, OpenMetrics as {@code x}.
     */
    static String baseName(Exposition.Family f) {
        return f.type().equals("counter") && f.name().endsWith("_total") ? f.name().substring(0, f.name().length() - 6) : f.name();
    }

    private void put(Exposition.Family f, Exposition.Sample s, double t) {
        String key = s.name() + new TreeMap<>(s.labels());
        Builder b = series.get(key);
        if (b == null) {
            if (series.size() >= MAX_SERIES) {
                omitted++;
                return;
            }
            b = new Builder(s.name(), f.type(), s.labels());
            series.put(key, b);
        }
        b.points.add(new double[] {t, s.value()});
    }

    /** {hits, queries} summed over label sets, preferring vLLM's current names; null when absent. */
    static double[] prefixCounters(Exposition e) {
        for (String prefix : List.of("vllm:prefix_cache_", "vllm:gpu_prefix_cache_")) {
            Exposition.Family hits = counter(e, prefix + "hits");
            Exposition.Family queries = counter(e, prefix + "queries");
            if (hits != null && queries != null && !hits.samples().isEmpty()) {
                return new double[] {sum(hits), sum(queries)};
            }
        }
        return null;
    }

    private static Exposition.Family counter(Exposition e, String name) {
        Exposition.Family f = e.family(name + "_total");
        return f != null ? f : e.family(name);
    }

    private static double sum(Exposition.Family f) {
        return f.samples().stream().filter(s -> !s.name().endsWith("_created")).mapToDouble(Exposition.Sample::value).sum();
    }

    /** Hits over queries between the first and the last scrape, or null if unknown. */
    public Double prefixCacheHitRate() {
        if (firstPrefix == null || lastPrefix == null) {
            return null;
        }
        double hits = lastPrefix[0] - firstPrefix[0];
        double queries = lastPrefix[1] - firstPrefix[1];
        if (queries <= 0 || hits < 0 || hits > queries) {
            return null; // nothing queried, or the counters were reset (a server restart)
        }
        return Math.round(hits / queries * 1e6) / 1e6;
    }

    public ServerMetrics result(String url, double everyS, long scrapes, long failed, String lastError) {
        List<ServerMetrics.Series> out = new ArrayList<>();
        series.values().forEach(b -> out.add(new ServerMetrics.Series(b.name, b.type, b.labels, List.copyOf(b.points))));
        return new ServerMetrics(url, everyS, scrapes, failed, lastError, prefixCacheHitRate(), omitted, out);
    }

    private static final class Builder {
        final String name;
        final String type;
        final Map<String, String> labels;
        final List<double[]> points = new ArrayList<>();

        Builder(String name, String type, Map<String, String> labels) {
            this.name = name;
            this.type = type;
            this.labels = new TreeMap<>(labels);
        }
    }
}
