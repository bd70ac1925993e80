package io.llmload.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.metrics.Histograms;
import io.llmload.metrics.IntervalSnapshot;
import io.llmload.metrics.Metric;
import io.llmload.report.Ansi;
import io.llmload.report.LiveProgress;
import io.llmload.report.Records;
import io.llmload.result.TimePoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LiveListenerTest {

    @Test
    void runEventsReachTheLiveViewAsSnapshots() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LiveListener listener = new LiveListener(new LiveProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new LiveProgress.Options(false, Ansi.OFF, 80, 0, 0)));
        listener.started("http://127.0.0.1:1/v1");
        listener.tick(interval(1, 7), 20);
        listener.draining("duration", 3);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).containsExactly("running against http://127.0.0.1:1/v1", lines[1],
                "stopped issuing (duration); waiting for 3 in-flight request(s)");
        // the planned length and the interval's counts made it through the snapshot
        assertThat(lines[1]).startsWith("[  5% 1s/20s] 7.00 req/s");
    }

    private static IntervalSnapshot interval(double elapsedS, long succeeded) {
        Map<Metric, Histogram> hist = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            hist.put(m, Histograms.create());
        }
        TimePoint p = Records.build(TimePoint.class, Map.of("t", elapsedS, "requests", succeeded, "succeeded", succeeded,
                "inFlight", 3));
        return new IntervalSnapshot(p, elapsedS, hist, succeeded, 0, Map.of(), 0, 0, 0, 3, Double.NaN);
    }
}
