package io.llmload.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.result.LatencyStats;
import io.llmload.result.RequestCounts;
import io.llmload.result.Summary;
import io.llmload.result.Throughput;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AbortRuleTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "error_rate < 1%            | ",
        "error_rate <= 0.05         | ",
        "error_rate > 1%            | only an upper limit on error_rate",
        "dropped == 0               | ",
        "failed < 10                | ",
        "requests <= 1000           | ",
        "succeeded == 5             | ",
        "dropped > 0                | dropped only grows",
        "failed != 3                | failed only grows",
        "ttft.max < 2s              | ",
        "e2e.max <= 30s             | ",
        "itl.min > 0.1ms            | ",
        "ttft.min >= 1ms            | ",
        "ttft.max > 1ms             | a maximum only grows",
        "ttft.min < 5ms             | a minimum only falls",
        "ttft.p99 < 800ms           | a percentile can still move either way",
        "itl.p50 < 25ms             | a percentile can still move either way",
        "tpot.mean < 40ms           | a mean can still move either way",
        "output_tokens_per_s > 500  | a rate per second can still change",
        "requests_per_s >= 10       | a rate per second can still change",
        "incomplete == 0            | only known when the run ends"})
    void whichThresholdsCanStopARun(String expr, String why) throws ThresholdSyntaxException {
        String reason = AbortRule.unsupported(ThresholdParser.parse(expr).aborting(null));
        if (why == null) {
            assertThat(reason).isNull();
        } else {
            assertThat(reason).contains(why).contains("abort_on_fail works with");
        }
    }

    /** A summary so far: {@code ok} succeeded, {@code failed} failed, {@code dropped}, and ttft min/max in ms. */
    private static Summary soFar(long ok, long failed, long dropped, double ttftMin, double ttftMax) {
        LatencyStats ttft = ok == 0 ? LatencyStats.EMPTY : new LatencyStats(ok, ttftMin, 0, 0, 0, 0, 0, 0, ttftMax);
        return new Summary(new RequestCounts(ok + failed, ok, failed, 0, dropped, Map.of(), Map.of()), null, new Throughput(0, 0, 0), null,
                Map.of("ttft", ttft), java.util.List.of());
    }

    @ParameterizedTest(name = "{0} with min_requests {1} after {2} ok, {3} failed, {4} dropped, ttft {5}..{6} ms: {7}")
    @CsvSource(delimiter = '|', value = {
        // error_rate is judged on the requests so far, once min_requests have ended
        "error_rate < 10%  |     | 50 | 49 | 0 | 1 | 1   | ",
        "error_rate < 10%  |     | 60 | 50 | 0 | 1 | 1   | 0.4545454545",
        "error_rate < 10%  | 20  | 10 | 10 | 0 | 1 | 1   | 0.5",
        "error_rate < 10%  | 20  | 10 |  9 | 0 | 1 | 1   | ",
        "error_rate < 10%  | 20  | 91 |  9 | 0 | 1 | 1   | ",
        "error_rate < 10%  | 20  | 90 | 10 | 0 | 1 | 1   | 0.1",
        "error_rate <= 10% | 0   | 90 | 10 | 0 | 1 | 1   | ",
        // counters only grow: once over an upper limit they stay over
        "dropped == 0      |     | 5  | 0  | 1 | 1 | 1   | 1",
        "dropped == 0      |     | 5  | 0  | 0 | 1 | 1   | ",
        "failed < 3        |     | 5  | 3  | 0 | 1 | 1   | 3",
        "failed <= 3       |     | 5  | 3  | 0 | 1 | 1   | ",
        "failed == 3       |     | 5  | 2  | 0 | 1 | 1   | ",
        "requests <= 10    |     | 9  | 2  | 0 | 1 | 1   | 11",
        // a maximum only grows, a minimum only falls
        "ttft.max < 500ms  |     | 5  | 0  | 0 | 1 | 500 | 500",
        "ttft.max <= 500ms |     | 5  | 0  | 0 | 1 | 500 | ",
        "ttft.max == 500ms |     | 5  | 0  | 0 | 1 | 400 | ",
        "ttft.max == 500ms |     | 5  | 0  | 0 | 1 | 600 | 600",
        "ttft.min > 2ms    |     | 5  | 0  | 0 | 2 | 9   | 2",
        "ttft.min >= 2ms   |     | 5  | 0  | 0 | 2 | 9   | ",
        "ttft.min == 2ms   |     | 5  | 0  | 0 | 3 | 9   | ",
        "ttft.max < 1ms    |     | 0  | 5  | 0 | 0 | 0   | ",
        "ttft.max < 1ms    | 10  | 5  | 0  | 0 | 1 | 9   | "})
    void decidesOnlyWhatCanNoLongerPass(String expr, Long minRequests, long ok, long failed, long dropped, double min, double max,
                                        Double expected) throws ThresholdSyntaxException {
        Threshold t = ThresholdParser.parse(expr).aborting(minRequests);
        Double decided = AbortRule.failing(t, soFar(ok, failed, dropped, min, max));
        if (expected == null) {
            assertThat(decided).isNull();
        } else {
            assertThat(decided).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"error_rate < 1% | | 100", "error_rate < 1% | 7 | 7", "dropped == 0 | | 0", "ttft.max < 1s | 3 | 3"})
    void minRequestsDefaultsToAHundredForErrorRatesAndNothingElsewhere(String expr, Long given, long expected)
            throws ThresholdSyntaxException {
        assertThat(ThresholdParser.parse(expr).aborting(given).minRequests()).isEqualTo(expected);
    }
}
