package io.llmload.client;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * When a failed attempt is tried again, and after how long. Off by default ({@link #NONE}).
 * The wait before retry n (1-based) is the server's {@code Retry-After} when the failed response
 * carried one, else {@code backoff * 2^(n-1)}; either is capped at {@code maxBackoff}. There is
 * no jitter, so a run's retry timing is reproducible.
 *
 * @param on the error kinds that are retried, e.g. {@code http_429}, {@code reset}
 */
public record RetryPolicy(int max, Duration backoff, Duration maxBackoff, List<String> on) {

    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, List.of());

    public boolean retries(String kind, int retriesSoFar) {
        return retriesSoFar < max && on.contains(kind);
    }

    /** Milliseconds to wait before retry number {@code retry} (1-based). */
    public long delayMillis(int retry, String retryAfterHeader, long nowEpochMillis) {
        long capMs = maxBackoff.toMillis();
        long serverMs = retryAfterMillis(retryAfterHeader, nowEpochMillis);
        long ms = serverMs >= 0 ? serverMs : backoff.toMillis() << Math.min(30, retry - 1);
        return Math.max(0, Math.min(capMs, ms));
    }

    /** A Retry-After value (delta-seconds, or an HTTP date) in milliseconds from now; -1 when absent or unreadable. */
    static long retryAfterMillis(String header, long nowEpochMillis) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        String v = header.trim();
        try {
            double seconds = Double.parseDouble(v);
            return seconds < 0 || Double.isNaN(seconds) ? -1 : (long) Math.min(Long.MAX_VALUE / 2, Math.ceil(seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                return Math.max(0, at - nowEpochMillis);
            } catch (RuntimeException notADate) {
                return -1;
            }
        }
    }
}
