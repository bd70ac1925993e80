package io.llmload.mock;

import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * The prompt tokens the mock counts for one image or audio content part, in any API's shape (chat
 * {@code image_url}/{@code input_audio}, Responses {@code input_image}, Anthropic {@code image}).
 * A mock's convention, not any model's: an inline PNG counts {@code ceil(width * height / 750)}
 * tokens from its IHDR size (Anthropic's documented estimate for images, docs.anthropic.com
 * "Vision", "Calculate image costs"); any other image (a URL, JPEG) counts a fixed {@value #OTHER_IMAGE_TOKENS}
 * (OpenAI's base cost of an image at low detail); a WAV clip counts {@value #AUDIO_TOKENS_PER_S} tokens per
 * second of its length (from the header), an MP3 its bytes at 128 kbit/s. Zero for a text part.
 */
final class MediaTokens {
    static final int OTHER_IMAGE_TOKENS = 85;
    static final int AUDIO_TOKENS_PER_S = 10;
    /** Base64 characters decoded to read a header: 48 bytes, enough for PNG's IHDR and WAV's fmt chunk. */
    private static final int HEADER_CHARS = 64;

    private MediaTokens() {
    }

    static int of(JsonObject part) {
        Object type = part.getValue("type");
        if ("image_url".equals(type)) {
            return part.getValue("image_url") instanceof JsonObject u && u.getValue("url") instanceof String url ? image(url) : OTHER_IMAGE_TOKENS;
        }
        if ("input_image".equals(type)) {
            return part.getValue("image_url") instanceof String url ? image(url) : OTHER_IMAGE_TOKENS;
        }
        if ("image".equals(type)) {
            JsonObject source = part.getJsonObject("source", new JsonObject());
            return "base64".equals(source.getValue("type")) && source.getValue("data") instanceof String data
                    ? png(data) : OTHER_IMAGE_TOKENS;
        }
        if ("input_audio".equals(type) && part.getValue("input_audio") instanceof JsonObject audio
                && audio.getValue("data") instanceof String data) {
            return audio(data, String.valueOf(audio.getValue("format")));
        }
        return 0;
    }

    private static int image(String url) {
        if (url.startsWith("data:image/png;base64,")) {
            return png(url.substring("data:image/png;base64,".length()));
        }
        return OTHER_IMAGE_TOKENS;
    }

    private static int png(String base64) {
        byte[] h = header(base64);
        if (h == null || h.length < 24 || h[1] != 'P' || h[2] != 'N' || h[3] != 'G' || h[12] != 'I' || h[13] != 'H') {
            return OTHER_IMAGE_TOKENS;
        }
        long width = beInt(h, 16);
        long height = beInt(h, 20);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (width * height + 749) / 750));
    }

    private static int audio(String base64, String format) {
        long bytes = (long) base64.length() / 4 * 3;
        double seconds;
        byte[] h = header(base64);
        if ("wav".equals(format) && h != null && h.length >= 44 && h[0] == 'R' && h[8] == 'W') {
            long byteRate = leInt(h, 28);
            seconds = byteRate <= 0 ? 0 : Math.max(0, bytes - 44) / (double) byteRate;
        } else {
            seconds = bytes / 16_000.0; // 128 kbit/s
        }
        return (int) Math.max(1, Math.ceil(seconds * AUDIO_TOKENS_PER_S));
    }

    private static byte[] header(String base64) {
        try {
            return Base64.getDecoder().decode(base64.substring(0, Math.min(HEADER_CHARS, base64.length() / 4 * 4)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long beInt(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static long leInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | ((long) (b[at + 3] & 0xFF) << 24);
    }
}
