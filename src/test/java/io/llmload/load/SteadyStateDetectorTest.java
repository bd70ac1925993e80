package io.llmload.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.scenario.SteadyStateSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SteadyStateDetectorTest {
    private final SteadyStateSpec spec = new SteadyStateSpec(Duration.ofSeconds(4), 0.1, Duration.ofSeconds(60));

    @Test
    void settlesOnceTheWindowIsFlat() {
        SteadyStateDetector d = new SteadyStateDetector(spec);
        // A JVM warming up: slow and uneven first, then steady.
        double[][] seconds = {{3, 900}, {8, 400}, {14, 210}, {19, 160}, {20, 152}, {21, 150}, {20, 151}, {20, 149}};
        int settledAt = -1;
        for (int i = 0; i < seconds.length && settledAt < 0; i++) {
            if (d.offer(seconds[i][0], seconds[i][1])) {
                settledAt = i;
            }
        }
        assertThat(settledAt).isEqualTo(6);
    }

    @Test
    void neverSettlesWhileItDrifts() {
        SteadyStateDetector d = new SteadyStateDetector(spec);
        // Throughput climbing 20% a second (a server still filling its batch): never steady.
        for (int i = 0; i < 30; i++) {
            assertThat(d.offer(10 * Math.pow(1.2, i), 150)).isFalse();
        }
    }

    @Test
    void secondsWithoutRequestsAreNotSteady() {
        SteadyStateDetector d = new SteadyStateDetector(spec);
        for (int i = 0; i < 10; i++) {
            assertThat(d.offer(0, 0)).isFalse();
        }
        assertThat(d.rule()).contains("0.10").contains("4 s");
    }
}
