package io.llmload.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegressionRuleTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ttft.p99=10%            | ttft.p99            | 10     | true  | false",
        "itl.p50 = 2.5%          | itl.p50             | 2.5    | true  | false",
        "e2e.mean=20ms           | e2e.mean            | 20     | false | false",
        "tpot.p999=1s            | tpot.p999           | 1000   | false | false",
        "schedule_lag.p90=5%     | schedule_lag.p90    | 5      | true  | false",
        "TTFT.P95=10%            | ttft.p95            | 10     | true  | false",
        "output_tokens_per_s=5%  | output_tokens_per_s | 5      | true  | true",
        "requests_per_s=0%       | requests_per_s      | 0      | true  | true",
        "error_rate=1pp          | error_rate          | 0.01   | false | false",
        "error_rate=50%          | error_rate          | 50     | true  | false"})
    void parses(String text, String name, double allowance, boolean relative, boolean higherIsBetter) throws ThresholdSyntaxException {
        RegressionRule r = RegressionRule.parseAll(text).get(0);
        assertThat(r.name()).isEqualTo(name);
        assertThat(r.allowance()).isCloseTo(allowance, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.relative()).isEqualTo(relative);
        assertThat(r.higherIsBetter()).isEqualTo(higherIsBetter);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "ttft.p98=10%                  | 6  | unknown statistic 'p98'",
        "ttft.max=10%                  | 6  | an extreme value (ttft.max) has no noise band",
        "ttft=10%                      | 1  | 'ttft' needs a statistic",
        "ttfb.p99=10%                  | 1  | unknown metric 'ttfb.p99'",
        "total_tokens_per_s=5%         | 1  | total_tokens_per_s has no per-second series",
        "dropped=5%                    | 1  | dropped is a count that grows with the run's length",
        "ttft.p99                      | 9  | expected '=' and an allowance",
        "ttft.p99=fast                 | 10 | expected an allowance such as 10%",
        "ttft.p99=10                   | 10 | the allowance needs a unit",
        "output_tokens_per_s=5ms       | 21 | output_tokens_per_s takes a relative allowance",
        "ttft.p99=1pp                  | 10 | pp (percentage points) is for error_rate",
        "\"ttft.p99=10%,itl.p50=x\"    | 22 | expected an allowance",
        "\"ttft.p99=10%,,itl.p50=5%\"  | 14 | expected METRIC=ALLOWANCE",
        "\"ttft.p99=10%,ttft.p99=5%\"  | 14 | ttft.p99 is given twice"})
    void reportsTheColumn(String text, int column, String message) {
        assertThatThrownBy(() -> RegressionRule.parseAll(text))
                .isInstanceOfSatisfying(ThresholdSyntaxException.class, e -> {
                    assertThat(e.getMessage()).contains(message);
                    assertThat(e.column()).as("column of " + text).isEqualTo(column);
                });
    }

    @Test
    void theDefaultsParseAndNameOnlyMetricsWithANoiseBand() throws ThresholdSyntaxException {
        List<RegressionRule> rules = RegressionRule.parseAll(RegressionRule.DEFAULTS);
        assertThat(rules).extracting(RegressionRule::name).containsExactly("ttft.p50", "ttft.p99", "itl.p50", "itl.p99", "e2e.p50",
                "e2e.p99", "output_tokens_per_s", "requests_per_s", "error_rate");
    }

    @Test
    void everyLatencyAndStatisticWithABandParses() throws ThresholdSyntaxException {
        for (String metric : ThresholdParser.LATENCIES) {
            for (String stat : RegressionRule.STATS) {
                assertThat(RegressionRule.parseAll(metric + "." + stat + "=10%").get(0).name()).isEqualTo(metric + "." + stat);
            }
        }
    }
}
