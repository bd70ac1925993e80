package io.llmload.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.metrics.Histograms;
import io.llmload.metrics.IntervalSnapshot;
import io.llmload.metrics.Metric;
import io.llmload.result.TimePoint;
import io.vertx.core.buffer.Buffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class IntervalMessageCodecTest {
    private final IntervalMessageCodec codec = new IntervalMessageCodec();

    /** One busy second of one agent: {@code requests} requests of 128 tokens, latencies spread like a real server's. */
    static IntervalSnapshot busySecond(int requests, long seed) {
        Random random = new Random(seed);
        Map<Metric, Histogram> h = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            h.put(m, Histograms.create());
        }
        for (int i = 0; i < requests; i++) {
            long ttftMicros = 150_000 + (long) (random.nextGaussian() * 20_000);
            h.get(Metric.TTFT).recordValue(Math.max(1, ttftMicros));
            h.get(Metric.E2E).recordValue(Math.max(1, ttftMicros + 127 * 10_000 + random.nextInt(50_000)));
            h.get(Metric.TPOT).recordValue(9_000 + random.nextInt(2_000));
            h.get(Metric.SCHEDULE_LAG).recordValue(random.nextInt(500));
            for (int t = 0; t < 127; t++) {
                h.get(Metric.ITL).recordValue(Math.max(1, 10_000 + (long) (random.nextGaussian() * 1_500)));
            }
        }
        TimePoint point = new TimePoint(3.0, false, 0, 64, requests, requests, 0, 0, requests * 128L, 64, 0, 0, 0, 0, 0, 0);
        return new IntervalSnapshot(point, 3.0, h, requests, 0, Map.of(), requests * 500L, requests * 128L, 0, 64, 0);
    }

    @Test
    void aMessageSurvivesTheWireWithItsHistogramsExact() {
        IntervalSnapshot s = busySecond(200, 1);
        IntervalMessage m = IntervalMessage.of("t1", "agent-a", 3, false, s);
        Buffer wire = Buffer.buffer();
        wire.appendString("xyz"); // the event bus writes its own header first
        codec.encodeToWire(wire, m);
        IntervalMessage back = codec.decodeFromWire(3, wire);
        assertThat(back).isEqualTo(m);
        Map<Metric, Histogram> decoded = back.decodeHistograms();
        for (Metric metric : Metric.values()) {
            assertThat(decoded.get(metric)).as(metric.key()).isEqualTo(s.histograms().get(metric));
        }
        assertThat(codec.transform(m)).isSameAs(m);
    }

    @Test
    void aBusySecondIsAFewKilobytes() {
        int quiet = IntervalMessageCodec.encode(IntervalMessage.of("t1", "agent-a", 3, false, busySecond(5, 2))).length();
        int busy = IntervalMessageCodec.encode(IntervalMessage.of("t1", "agent-a", 3, false, busySecond(2_000, 3))).length();
        System.out.printf("interval message: %d bytes for 5 requests, %d bytes for 2,000 requests (254,000 ITL values)%n", quiet, busy);
        assertThat(quiet).isLessThan(2_000);
        assertThat(busy).isLessThan(8_000);
    }

    @Test
    void emptyMetricsAreLeftOut() {
        IntervalSnapshot s = busySecond(0, 4);
        IntervalMessage m = IntervalMessage.of("t1", "a", 1, true, s);
        assertThat(m.histograms()).isEmpty();
        assertThat(m.decodeHistograms().get(Metric.TTFT).getTotalCount()).isZero();
        assertThat(IntervalMessage.fromJson(m.toJson())).isEqualTo(m);
    }
}
