package io.llmload.client;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** How an {@link Exchange} recognises content types and the {@code [DONE]} event, and quotes server text in messages. */
final class ExchangeText {
    static final int ERROR_BODY_LIMIT = 2048;
    static final int SAMPLE_LIMIT = 300;

    private ExchangeText() {
    }

    static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    static boolean isEventStream(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    /** Whether an event's data is {@code [DONE]}, allowing spaces around it. */
    static boolean isDone(byte[] data, int length) {
        int start = 0;
        int end = length;
        while (start < end && data[start] == ' ') {
            start++;
        }
        while (end > start && (data[end - 1] == ' ' || data[end - 1] == '\n')) {
            end--;
        }
        return end - start == 6 && data[start] == '[' && data[start + 1] == 'D' && data[start + 2] == 'O'
                && data[start + 3] == 'N' && data[start + 4] == 'E' && data[start + 5] == ']';
    }

    /** At most {@link #SAMPLE_LIMIT} bytes as one line of text, "..." when cut. */
    static String sample(byte[] data, int offset, int length) {
        String text = new String(data, offset, Math.min(length, SAMPLE_LIMIT), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return length > SAMPLE_LIMIT ? text + "..." : text;
    }

    /** A collected body sample as one trimmed line of at most {@link #SAMPLE_LIMIT} characters. */
    static String text(Buffer body) {
        String text = body == null ? "" : body.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        return text.length() > SAMPLE_LIMIT ? text.substring(0, SAMPLE_LIMIT) + "..." : text;
    }

    static String millis(long nanos) {
        return nanos / 1_000_000 + " ms";
    }
}
