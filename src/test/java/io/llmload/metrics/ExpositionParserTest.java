package io.llmload.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exposition parser against an oracle (the Prometheus Java client's own text writer, through
 * Micrometer), against vLLM's output shape, and against malformed input it must reject.
 */
class ExpositionParserTest {

    @Test
    void readsBackExactlyWhatThePrometheusWriterWrote() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Map<String, Double> gauges = new LinkedHashMap<>();
        gauges.put("nan", Double.NaN);
        gauges.put("inf", Double.POSITIVE_INFINITY);
        gauges.put("minus_inf", Double.NEGATIVE_INFINITY);
        gauges.put("tiny", 1.0e-9);
        gauges.put("huge", 1.5e300);
        gauges.put("negative", -42.125);
        gauges.put("third", 1.0 / 3);
        String hostile = "quote \" backslash \\ newline \n tab \t unicode é ✓ {braces} =,";
        gauges.forEach((k, v) -> Gauge.builder("oracle.gauge", () -> v).tag("case", k).tag("text", hostile).register(registry));
        Counter.builder("oracle.events").tag("kind", "a").register(registry).increment(7);
        Counter.builder("oracle.events").tag("kind", "b").register(registry).increment(0.5);
        Timer t = Timer.builder("oracle.latency").serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(100)).register(registry);
        t.record(5, TimeUnit.MILLISECONDS);
        t.record(50, TimeUnit.MILLISECONDS);
        t.record(500, TimeUnit.MILLISECONDS);

        Exposition e = ExpositionParser.parse(registry.scrape());

        Exposition.Family gauge = e.family("oracle_gauge");
        assertThat(gauge.type()).isEqualTo("gauge");
        assertThat(gauge.samples()).hasSize(gauges.size());
        for (Exposition.Sample s : gauge.samples()) {
            assertThat(s.labels().get("text")).isEqualTo(hostile);
            assertThat(Double.compare(s.value(), gauges.get(s.labels().get("case")))).as(s.labels().get("case")).isZero();
        }
        Exposition.Family events = e.family("oracle_events_total");
        assertThat(events.type()).isEqualTo("counter");
        assertThat(events.samples()).extracting(s -> s.labels().get("kind") + "=" + s.value()).containsExactly("a=7.0", "b=0.5");
        Exposition.Family latency = e.family("oracle_latency_seconds");
        assertThat(latency.type()).isEqualTo("histogram");
        assertThat(latency.samples()).filteredOn(s -> s.name().endsWith("_bucket"))
                .extracting(s -> s.labels().get("le") + ":" + s.value()).containsExactly("0.01:1.0", "0.1:2.0", "+Inf:3.0");
        assertThat(latency.samples()).filteredOn(s -> s.name().equals("oracle_latency_seconds_count")).singleElement()
                .extracting(Exposition.Sample::value).isEqualTo(3.0);
        assertThat(latency.samples()).filteredOn(s -> s.name().equals("oracle_latency_seconds_sum")).singleElement()
                .extracting(Exposition.Sample::value).isEqualTo(0.555);
    }

    @Test
    void readsVllmsMetricsIncludingCreatedGaugesAndHistograms() throws IOException {
        Exposition e = ExpositionParser.parse(resource("/prometheus/vllm-metrics.txt"));
        assertThat(e.family("vllm:num_requests_running").samples()).singleElement().satisfies(s -> {
            assertThat(s.value()).isEqualTo(12.0);
            assertThat(s.labels()).containsEntry("model_name", "meta-llama/Llama-3.1-8B-Instruct").containsEntry("engine", "0");
        });
        assertThat(e.family("vllm:prefix_cache_hits_total").type()).isEqualTo("counter");
        assertThat(e.family("vllm:prefix_cache_hits_created").type()).isEqualTo("gauge");
        assertThat(e.family("vllm:time_to_first_token_seconds").samples()).hasSize(6);
        assertThat(e.family("vllm:request_success_total").samples()).hasSize(3);
        assertThat(e.family("process_virtual_memory_bytes").samples().get(0).value()).isEqualTo(4.52698112e10);
        assertThat(e.family("vllm:gpu_cache_usage_perc").help()).startsWith("GPU KV-cache usage.");
    }

    @Test
    void acceptsUntypedSamplesTimestampsCommentsAndOpenMetricsExtras() {
        Exposition e = ExpositionParser.parse("""
                # a free comment
                plain 1
                with_ts{a="b"} 2.5 1700000000000

                # TYPE c counter
                # UNIT c seconds
                c_total 3
                c_created 1.7e9
                spaced { a = "x" , b="y", } 4
                # EOF
                """);
        assertThat(e.family("plain").type()).isEqualTo("untyped");
        assertThat(e.family("with_ts").samples().get(0).value()).isEqualTo(2.5);
        assertThat(e.family("c").samples()).extracting(Exposition.Sample::name).containsExactly("c_total", "c_created");
        assertThat(e.family("spaced").samples().get(0).labels()).containsEntry("a", "x").containsEntry("b", "y");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("1metric 1\n", 1, 1, "expected a metric name"),
                Arguments.of("m{a=\"b} 1\n", 1, 10, "unterminated label value for 'a'"),
                Arguments.of("m{a=\"\\x\"} 1\n", 1, 6, "invalid escape '\\x'"),
                Arguments.of("m{a=\"1\",a=\"2\"} 1\n", 1, 14, "duplicate label 'a'"),
                Arguments.of("m{1a=\"1\"} 1\n", 1, 3, "expected a label name"),
                Arguments.of("m{a=\"1\" b=\"2\"} 1\n", 1, 9, "expected ',' or '}' after a label"),
                Arguments.of("ok 1\nm one\n", 2, 6, "expected a number as the sample value, got 'one'"),
                Arguments.of("m 0x1p3\n", 1, 8, "expected a number"),
                Arguments.of("m 1 12ab\n", 1, 9, "expected a timestamp"),
                Arguments.of("m\n", 1, 2, "expected a space and a value"),
                Arguments.of("# TYPE m gauge\n# TYPE m counter\n", 2, 17, "second TYPE line for metric 'm'"),
                Arguments.of("# TYPE m sometimes\n", 1, 19, "unknown metric type 'sometimes'"),
                Arguments.of("m 1\n# TYPE m gauge\n", 2, 15, "TYPE line for metric 'm' after its samples"),
                Arguments.of("# TYPE h histogram\nh_bucket{x=\"1\"} 1\n", 2, 18, "histogram bucket 'h_bucket' without an 'le' label"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsMalformedInputWithItsLineAndColumn(String text, int line, int column, String message) {
        assertThatThrownBy(() -> ExpositionParser.parse(text))
                .isInstanceOf(ExpositionException.class)
                .hasMessageContaining(message)
                .satisfies(ex -> {
                    ExpositionException e = (ExpositionException) ex;
                    assertThat(List.of(e.line(), e.column())).as(e.getMessage()).containsExactly(line, column);
                });
    }

    static String resource(String path) throws IOException {
        try (InputStream in = ExpositionParserTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
