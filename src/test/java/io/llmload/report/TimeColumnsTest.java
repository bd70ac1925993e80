package io.llmload.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.result.TimePoint;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeColumnsTest {
    private static TimePoint point(double t, boolean warmup, long requests, long succeeded, long tokens, double ttftP50) {
        return Records.build(TimePoint.class, Map.of("t", t, "warmup", warmup, "requests", requests, "succeeded", succeeded,
                "errors", requests - succeeded, "outputTokens", tokens, "inFlight", 4, "ttftP50Ms", ttftP50, "ttftP99Ms", ttftP50));
    }

    @Test
    void ratesPerIntervalAndGapsWhereNothingWasMeasured() {
        TimeColumns c = TimeColumns.of(List.of(
                point(1.0, true, 3, 3, 0, 0),          // warmup: no latency yet
                point(2.0, false, 10, 8, 640, 150),
                point(4.0, false, 10, 10, 640, 155),   // a late tick: two seconds long
                point(4.0, false, 0, 0, 0, 0),          // the same instant again: nothing new
                point(4.25, false, 16, 16, 1024, 160))); // the drain's last quarter second
        assertThat(c.t()).containsExactly(1.0, 2.0, 4.0, 4.25);
        assertThat(c.requestsPerS()).containsExactly(3.0, 10.0, 5.0, 16.0);
        assertThat(c.errorsPerS()).containsExactly(0.0, 2.0, 0.0, 0.0);
        assertThat(c.outputTokensPerS()).containsExactly(0.0, 640.0, 320.0, 1024.0);
        assertThat(c.ttftP50()).containsExactlyElementsOf(Arrays.asList(null, 150.0, 155.0, 160.0));
        assertThat(c.inFlight()).containsOnly(4.0);
        assertThat(TimeColumns.droppedPerS(ReportJson.MAPPER.valueToTree(List.of(point(1.0, false, 1, 1, 0, 1))))).isEmpty();
    }

    @Test
    void dropsPerSecondWhenTheReportRecordsThem() throws Exception {
        var tree = ReportJson.MAPPER.readTree("[{\"t\": 1.0, \"dropped\": 0}, {\"t\": 2.0, \"dropped\": 7}, {\"t\": 2.0}, {\"t\": 2.5, \"dropped\": 3}]");
        assertThat(TimeColumns.droppedPerS(tree)).containsExactly(0.0, 7.0, 3.0);
    }
}
