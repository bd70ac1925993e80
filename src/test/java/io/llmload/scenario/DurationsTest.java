package io.llmload.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"250ms,250000000", "5s,5000000000", "1m,60000000000", "1m30s,90000000000", "2h,7200000000000",
        "1.5s,1500000000", "10,10000000000", "0.5,500000000", "750us,750000", "0s,0"})
    void parses(String text, long nanos) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "5 s", "s", "5x", "-1s", "1m 30s", "ms5"})
    void rejects(String text) {
        assertThat(Durations.parse(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"150ms", "5s", "1m30s", "2h", "1.5ms", "1h1m1s"})
    void formatsBackToTheSameText(String text) {
        assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999s", "99999999999999999999", "99999999999h99999999999h", "2562048h", "9223372036s"})
    void durationsTooLongForNanosecondsAreNeitherClampedNorWrapped(String text) {
        Duration d = Durations.parse(text);
        assertThat(d).isGreaterThan(Duration.ofDays(100 * 365)).isGreaterThan(Durations.MAX);
    }

    @ParameterizedTest
    @CsvSource({"720h,true", "720h1s,false", "30,true", "2592000,true", "2592000.5,false", "43200m,true"})
    void thirtyDaysIsTheLongestAScenarioMayGive(String text, boolean allowed) {
        assertThat(Durations.parse(text).compareTo(Durations.MAX) <= 0).isEqualTo(allowed);
    }
}
