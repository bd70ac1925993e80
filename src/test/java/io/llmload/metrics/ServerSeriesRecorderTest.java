package io.llmload.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.result.ServerMetrics;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which scraped series are kept, and the prefix-cache hit rate derived from two scrapes. */
class ServerSeriesRecorderTest {

    private static Exposition vllm(double running, double hits, double queries) throws IOException {
        String text = ExpositionParserTest.resource("/prometheus/vllm-metrics.txt")
                .replace("vllm:num_requests_running{engine=\"0\",model_name=\"meta-llama/Llama-3.1-8B-Instruct\"} 12.0",
                        "vllm:num_requests_running{engine=\"0\",model_name=\"meta-llama/Llama-3.1-8B-Instruct\"} " + running)
                .replace("} 39000.0", "} " + hits)
                .replace("} 52000.0", "} " + queries);
        return ExpositionParser.parse(text);
    }

    @Test
    void defaultsKeepQueueAndCacheSeriesAndSkipDeprecatedNamesWhenTheReplacementIsThere() throws IOException {
        ServerSeriesRecorder r = new ServerSeriesRecorder(List.of());
        r.add(0.5, vllm(1, 1000, 2000));
        r.add(1.5, vllm(7, 1600, 2800));
        ServerMetrics m = r.result("http://x/metrics", 1, 2, 0, null);
        assertThat(m.series()).extracting(ServerMetrics.Series::name).containsExactly("vllm:num_requests_running",
                "vllm:num_requests_waiting", "vllm:kv_cache_usage_perc", "vllm:prefix_cache_queries_total", "vllm:prefix_cache_hits_total");
        ServerMetrics.Series running = m.series().get(0);
        assertThat(running.type()).isEqualTo("gauge");
        assertThat(running.labels()).containsEntry("engine", "0");
        assertThat(running.points()).containsExactly(new double[] {0.5, 1}, new double[] {1.5, 7});
        // (1600 - 1000) / (2800 - 2000): over the run, not since the server started
        assertThat(m.prefixCacheHitRate()).isEqualTo(0.75);
    }

    @Test
    void includeSelectsByFamilyOrSampleNameAndHistogramsByCountAndSum() throws IOException {
        ServerSeriesRecorder r = new ServerSeriesRecorder(List.of("vllm:request_success", "vllm:time_to_first_token_seconds",
                "process_virtual_memory_bytes", "vllm:gpu_prefix_cache_queries_total", "no_such_metric"));
        r.add(1, vllm(1, 1, 2));
        assertThat(r.result("u", 1, 1, 0, null).series()).extracting(s -> s.name() + s.labels().getOrDefault("finished_reason", ""))
                .containsExactly("process_virtual_memory_bytes", "vllm:gpu_prefix_cache_queries_total",
                        "vllm:request_success_totalstop", "vllm:request_success_totallength", "vllm:request_success_totalabort",
                        "vllm:time_to_first_token_seconds_sum", "vllm:time_to_first_token_seconds_count");
    }

    @Test
    void noHitRateWithoutQueriesOrAfterACounterReset() throws IOException {
        ServerSeriesRecorder same = new ServerSeriesRecorder(List.of());
        same.add(0, vllm(0, 10, 20));
        same.add(1, vllm(0, 10, 20));
        assertThat(same.prefixCacheHitRate()).isNull();
        ServerSeriesRecorder reset = new ServerSeriesRecorder(List.of());
        reset.add(0, vllm(0, 900, 1000));
        reset.add(1, vllm(0, 5, 10));
        assertThat(reset.prefixCacheHitRate()).isNull();
        ServerSeriesRecorder absent = new ServerSeriesRecorder(List.of());
        absent.add(0, ExpositionParser.parse("sglang:num_queue_reqs 3\n"));
        assertThat(absent.prefixCacheHitRate()).isNull();
        assertThat(absent.result("u", 1, 1, 0, null).series()).extracting(ServerMetrics.Series::name).containsExactly("sglang:num_queue_reqs");
    }

    @Test
    void keepsABoundedNumberOfSeries() {
        StringBuilder text = new StringBuilder("# TYPE many gauge\n");
        for (int i = 0; i < ServerSeriesRecorder.MAX_SERIES + 10; i++) {
            text.append("many{i=\"").append(i).append("\"} ").append(i).append('\n');
        }
        ServerSeriesRecorder r = new ServerSeriesRecorder(List.of("many"));
        r.add(0, ExpositionParser.parse(text.toString()));
        ServerMetrics m = r.result("u", 1, 1, 0, null);
        assertThat(m.series()).hasSize(ServerSeriesRecorder.MAX_SERIES);
        assertThat(m.omittedSeries()).isEqualTo(10);
    }
}
