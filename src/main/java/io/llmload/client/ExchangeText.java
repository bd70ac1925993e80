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

    /**
     * Why an answer with Content-Encoding {@code encoding} cannot be read, or null when it can (no
     * encoding, {@code identity}). Netty decodes gzip and deflate and drops the header only when the
     * request asked for compression ({@code acceptEncoding} not null), so an encoding still present
     * here was either not asked for or could not be decoded.
     */
    static String unreadableEncoding(String encoding, String acceptEncoding) {
        if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
            return null;
        }
        String e = encoding.trim();
        boolean decodable = e.equalsIgnoreCase("gzip") || e.equalsIgnoreCase("x-gzip") || e.equalsIgnoreCase("deflate");
        if (acceptEncoding == null) {
            return "the server compressed its answer (Content-Encoding: " + e + ") although the request did not ask for it "
                    + "(no Accept-Encoding)" + (decodable ? "; add Accept-Encoding: " + e + " to target.headers to have it decoded" : "");
        }
        if (!lists(acceptEncoding, e)) {
            return "the server compressed its answer with Content-Encoding: " + e + ", which the request did not ask for "
                    + "(Accept-Encoding: " + acceptEncoding + ")";
        }
        return "the server's Content-Encoding: " + e + " cannot be decoded (llmload decodes gzip and deflate); "
                + "list only those in Accept-Encoding";
    }

    /** Whether an Accept-Encoding value names {@code encoding} (or {@code *}) with a non-zero weight. */
    private static boolean lists(String acceptEncoding, String encoding) {
        for (String part : acceptEncoding.split(",")) {
            String[] token = part.trim().split(";");
            String name = token[0].trim();
            boolean refused = token.length > 1 && token[1].trim().replace(" ", "").matches("q=0(\\.0*)?");
            if (!refused && (name.equalsIgnoreCase(encoding) || name.equals("*"))) {
                return true;
            }
        }
        return false;
    }

    static String millis(long nanos) {
        return nanos / 1_000_000 + " ms";
    }
}
