package io.llmload.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ttft.p99 < 800ms          | ttft         | p99  | LT | 800",
        "itl.p50 <= 25ms           | itl          | p50  | LE | 25",
        "e2e.max < 30s             | e2e          | max  | LT | 30000",
        "tpot.mean<40              | tpot         | mean | LT | 40",
        "schedule_lag.p999 < 5ms   | schedule_lag | p999 | LT | 5",
        "TTFT.P95 > 1.5s           | ttft         | p95  | GT | 1500",
        "error_rate < 1%           | error_rate   |      | LT | 0.01",
        "error_rate <= 0.05        | error_rate   |      | LE | 0.05",
        "output_tokens_per_s > 500 | output_tokens_per_s |  | GT | 500",
        "requests_per_s >= 10/s    | requests_per_s |    | GE | 10",
        "dropped == 0              | dropped      |      | EQ | 0",
        "failed != 3               | failed       |      | NE | 3",
        "  ttft.min>=0.5ms         | ttft         | min  | GE | 0.5"})
    void parses(String expr, String metric, String stat, Threshold.Op op, double value) throws ThresholdSyntaxException {
        Threshold t = ThresholdParser.parse(expr);
        assertThat(t.metric()).isEqualTo(metric);
        assertThat(t.stat()).isEqualTo(stat == null || stat.isBlank() ? null : stat);
        assertThat(t.op()).isEqualTo(op);
        assertThat(t.value()).isCloseTo(value, org.assertj.core.data.Offset.offset(1e-9));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "ttf.p99 < 800ms           | 1  | unknown metric 'ttf' (did you mean 'ttft'?)",
        "ttft.p98 < 800ms          | 6  | unknown statistic 'p98'",
        "ttft < 800ms              | 5  | 'ttft' needs a statistic",
        "error_rate.p99 < 1%       | 11 | 'error_rate' takes no statistic",
        "ttft.p99 800ms            | 10 | expected an operator",
        "ttft.p99 < fast           | 12 | expected a number",
        "ttft.p99 < 800kg          | 15 | unit 'kg' does not fit a latency",
        "error_rate < 1ms          | 15 | error_rate takes %",
        "dropped == 0%             | 13 | dropped is a count and takes no unit",
        "dropped == 0.5            | 12 | dropped is a count: give a whole number",
        "error_rate < -1%          | 14 | a negative limit can never be measured",
        "''                        | 1  | expected a metric"})
    void reportsTheColumn(String expr, int column, String message) {
        assertThatThrownBy(() -> ThresholdParser.parse(expr))
                .isInstanceOfSatisfying(ThresholdSyntaxException.class, e -> {
                    assertThat(e.column()).as("column").isEqualTo(column);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @org.junit.jupiter.api.Test
    void everyMetricWithEveryStatisticAndEveryCounterParses() throws ThresholdSyntaxException {
        for (String metric : ThresholdParser.LATENCIES) {
            for (String stat : ThresholdParser.STATS) {
                Threshold t = ThresholdParser.parse(metric + "." + stat + " <= 1.5s");
                assertThat(t.name()).isEqualTo(metric + "." + stat);
                assertThat(t.value()).isEqualTo(1500);
            }
        }
        for (String rate : ThresholdParser.RATES) {
            assertThat(ThresholdParser.parse(rate + " >= 2.5/s").value()).isEqualTo(2.5);
        }
        for (String counter : ThresholdParser.COUNTERS) {
            assertThat(ThresholdParser.parse(counter + " == 3").value()).isEqualTo(3);
        }
        assertThat(ThresholdParser.parse("error_rate < 0.5%").value()).isEqualTo(0.005);
        assertThat(ThresholdParser.parse("ttft.p99 < 250us").value()).isEqualTo(0.25);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"LT|1|2|true", "LT|2|2|false", "LE|2|2|true", "GT|3|2|true", "GE|2|2|true",
        "EQ|0|0|true", "NE|0|0|false"})
    void operators(Threshold.Op op, double measured, double limit, boolean expected) {
        assertThat(op.test(measured, limit)).isEqualTo(expected);
    }
}
