package io.llmload.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5),
            List.of("http_429", "reset"));
    private static final long NOW = 1_700_000_000_000L;

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "1, null, 200", "2, null, 400", "3, null, 800", "6, null, 5000",   // exponential, capped
        "1, 2, 2000", "3, 0, 0", "1, 1.5, 1500", "1, 60, 5000",            // Retry-After seconds win, capped
        "2, soon, 400", "2, -3, 400"})                                      // unreadable: back to exponential
    void delays(int retry, String retryAfter, long expectedMs) {
        assertThat(POLICY.delayMillis(retry, retryAfter, NOW)).isEqualTo(expectedMs);
    }

    @Test
    void retryAfterAsAnHttpDate() {
        String in3s = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(NOW + 3000).atOffset(ZoneOffset.UTC));
        assertThat(POLICY.delayMillis(1, in3s, NOW)).isEqualTo(3000);
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(NOW - 3000).atOffset(ZoneOffset.UTC));
        assertThat(POLICY.delayMillis(1, past, NOW)).isZero();
    }

    @Test
    void retriesOnlyListedKindsAndOnlyMaxTimes() {
        assertThat(POLICY.retries("http_429", 0)).isTrue();
        assertThat(POLICY.retries("http_429", 2)).isTrue();
        assertThat(POLICY.retries("http_429", 3)).isFalse();
        assertThat(POLICY.retries("http_500", 0)).isFalse();
        assertThat(RetryPolicy.NONE.retries("reset", 0)).isFalse();
    }
}
