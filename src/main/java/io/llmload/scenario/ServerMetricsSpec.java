package io.llmload.scenario;

import static io.llmload.scenario.Shape.duration;
import static io.llmload.scenario.Shape.listOf;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.str;

import java.time.Duration;
import java.util.List;

/**
 * Scraping the target's own Prometheus endpoint during the run ({@code server_metrics:}), so the
 * report shows the server's queue and cache beside the client's latencies. Off unless the key
 * is present.
 *
 * @param url     the endpoint, or null for the target's origin + {@code /metrics} (vLLM, SGLang, TGI and the mock serve it there)
 * @param include metric names to keep; empty means the known names of vLLM, SGLang, TGI and the mock
 */
public record ServerMetricsSpec(boolean enabled, String url, Duration every, List<String> include) {

    public static final Shape.Obj SHAPE = obj(
            optional("url", str(), null, "the server's Prometheus endpoint (default: the target's origin + /metrics)"),
            optional("every", duration(), "1s", "time between scrapes"),
            optional("include", listOf(str()), List.of(), "metric names to keep, e.g. vllm:num_requests_waiting (default: well-known queue and cache metrics)"));

    @SuppressWarnings("unchecked")
    static ServerMetricsSpec from(ObjView parent, String key) {
        ObjView v = parent.obj(key);
        List<String> include = ((List<Object>) v.plain("include")).stream().map(String::valueOf).toList();
        return new ServerMetricsSpec(parent.has(key), v.str("url"), v.duration("every"), include);
    }

    public static ServerMetricsSpec off() {
        return new ServerMetricsSpec(false, null, Duration.ofSeconds(1), List.of());
    }
}
