package io.llmload.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClockSyncTest {

    @Test
    void theShortestRoundTripGivesTheOffset() {
        // The agent's clock is 2,500 µs ahead. A ping delayed on its way out (first) or queued at the
        // agent (third) skews the naive estimate; the 200 µs round trip is nearly exact.
        List<ClockSync.Sample> samples = List.of(
                new ClockSync.Sample(1_000_000, 1_000_000 + 2_500 + 3_000, 1_004_000),
                new ClockSync.Sample(2_000_000, 2_000_000 + 2_500 + 100, 2_000_200),
                new ClockSync.Sample(3_000_000, 3_000_000 + 2_500 + 50, 3_005_000));
        ClockSync.Estimate e = ClockSync.estimate(samples);
        assertThat(e.offsetMicros()).isEqualTo(2_500);
        assertThat(e.rttMicros()).isEqualTo(200);
        assertThat(e.offsetMs()).isEqualTo(2.5);
    }

    @Test
    void aClockBehindGivesANegativeOffset() {
        ClockSync.Estimate e = ClockSync.estimate(List.of(new ClockSync.Sample(10_000, 10_000 - 7_000 + 40, 10_080)));
        assertThat(e.offsetMicros()).isEqualTo(-7_000);
    }

    @Test
    void wallMicrosFollowsTheSystemClock() {
        long before = System.currentTimeMillis() * 1000;
        long now = ClockSync.wallMicros();
        assertThat(now).isBetween(before - 1000, System.currentTimeMillis() * 1000 + 1000);
    }
}
