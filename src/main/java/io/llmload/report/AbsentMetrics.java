package io.llmload.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Leaves out of the JSON report what an API that answers with vectors or scores (embeddings,
 * rerank) cannot have: output tokens and their source, output tokens per second, and in the time
 * series the per-second output tokens and TTFT/ITL percentiles. The result model keeps those as
 * 0 for the Java readers that add summaries up; a 0 in the report would read as measured, so the
 * report says nothing where nothing was measured. A summary is such a summary when its
 * {@code tokens} has {@code items}.
 */
final class AbsentMetrics {
    private static final List<String> TOKEN_FIELDS = List.of("output", "output_source", "output_source_counts");
    private static final List<String> SERIES_FIELDS = List.of("output_tokens", "ttft_p50_ms", "ttft_p99_ms", "itl_p50_ms", "itl_p99_ms");

    private AbsentMetrics() {
    }

    /** Strips, in place, the token fields of every vector summary in the report tree (top level, points, variants, trials). */
    static void strip(JsonNode report) {
        walk(report);
        if (vectors(report.path("summary")) && report.path("timeseries").isArray()) {
            for (JsonNode point : report.get("timeseries")) {
                if (point instanceof ObjectNode o) {
                    o.remove(SERIES_FIELDS);
                }
            }
        }
    }

    private static void walk(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (vectors(o)) {
                ((ObjectNode) o.get("tokens")).remove(TOKEN_FIELDS);
                if (o.get("throughput") instanceof ObjectNode t) {
                    t.remove("output_tokens_per_s");
                }
            }
            o.elements().forEachRemaining(AbsentMetrics::walk);
        } else if (node != null && node.isArray()) {
            node.elements().forEachRemaining(AbsentMetrics::walk);
        }
    }

    /** Whether this is a summary of answers that carry vectors or scores. */
    private static boolean vectors(JsonNode summary) {
        return summary.path("tokens").isObject() && summary.path("tokens").has("items") && summary.has("latency_ms");
    }
}
