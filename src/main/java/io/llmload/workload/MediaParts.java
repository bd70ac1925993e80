package io.llmload.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.client.Api;
import io.llmload.scenario.AudioInputs;
import io.llmload.scenario.ImageInputs;
import io.llmload.scenario.Location;
import io.llmload.scenario.Problem;
import io.llmload.scenario.RequestSpec;
import io.llmload.scenario.ScenarioException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The media parts ({@code request.images}, {@code request.audio}) every user message carries, in the
 * target API's shape, built once before the run: synthetic images and clips are generated here and
 * the same bytes go with every request. Shapes:
 * <ul>
 *   <li>chat: {@code {type: text, text}}, {@code {type: image_url, image_url: {url}}},
 *       {@code {type: input_audio, input_audio: {data, format}}} (OpenAI chat completions reference,
 *       ChatCompletionContentPart*Param; openai-python v1.52 {@code chat_completion_content_part_input_audio_param.py}).</li>
 *   <li>responses: {@code {type: input_text, text}}, {@code {type: input_image, image_url, detail: auto}}
 *       (OpenAI API reference, Responses input content, ResponseInputImage).</li>
 *   <li>messages: {@code {type: text, text}}, {@code {type: image, source: {type: base64, media_type, data}}}
 *       or {@code source: {type: url, url}} (docs.anthropic.com/en/docs/build-with-claude/vision).</li>
 * </ul>
 * Thread contract: immutable.
 */
public final class MediaParts {
    /**
     * Stands in for the media in a message's parts list while the body is encoded; replaced by
     * {@link #json()}. A JSON string: inside any other string its quotes would be escaped, so the
     * quoted form is found only where it was put.
     */
    static final String PLACEHOLDER = "@@llmload-media@@";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 0x1A6E5L;

    private final Api api;
    private final byte[] json;
    private final byte[] userTextHead;
    private final byte[] userTextTail;
    private final int images;
    private final long imageBytes;
    private final int audioClips;
    private final long audioBytes;

    private MediaParts(Api api, List<Map<String, Object>> parts, int images, long imageBytes, int audioClips, long audioBytes) {
        this.api = api;
        try {
            byte[] array = JSON.writeValueAsBytes(parts);
            this.json = java.util.Arrays.copyOfRange(array, 1, array.length - 1); // without the brackets
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String type = api == Api.RESPONSES ? "input_text" : "text";
        this.userTextHead = ("[{\"role\":\"user\",\"content\":[{\"type\":\"" + type + "\",\"text\":\"").getBytes(StandardCharsets.US_ASCII);
        byte[] close = "\"},".getBytes(StandardCharsets.US_ASCII);
        this.userTextTail = new byte[close.length + json.length + 3];
        System.arraycopy(close, 0, userTextTail, 0, close.length);
        System.arraycopy(json, 0, userTextTail, close.length, json.length);
        System.arraycopy("]}]".getBytes(StandardCharsets.US_ASCII), 0, userTextTail, close.length + json.length, 3);
        this.images = images;
        this.imageBytes = imageBytes;
        this.audioClips = audioClips;
        this.audioBytes = audioBytes;
    }

    /** The parts of a request's settings, or null when it carries no media. Reads audio files: call it while planning. */
    public static MediaParts of(RequestSpec request, Api api) throws ScenarioException {
        ImageInputs img = request.images();
        AudioInputs aud = request.audio();
        if (img == null && aud == null) {
            return null;
        }
        List<Map<String, Object>> parts = new ArrayList<>();
        int images = 0;
        long imageBytes = 0;
        if (img != null) {
            if (img.given()) {
                for (String url : img.urls()) {
                    parts.add(imagePart(api, url));
                    imageBytes += inlineBytes(url);
                    images++;
                }
            } else {
                // generated once: every request, and every image of a request, carries these same bytes
                byte[] png = SyntheticPng.of(img.width(), img.height(), SEED);
                String url = "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
                for (int i = 0; i < img.count(); i++) {
                    parts.add(imagePart(api, url));
                    imageBytes += png.length;
                    images++;
                }
            }
        }
        int clips = 0;
        long audioBytes = 0;
        if (aud != null) {
            if (aud.given()) {
                for (Path file : aud.files()) {
                    byte[] bytes = read(file);
                    String format = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mp3") ? "mp3" : "wav";
                    parts.add(audioPart(bytes, format));
                    audioBytes += bytes.length;
                    clips++;
                }
            } else {
                byte[] wav = SyntheticWav.of(aud.seconds(), SEED);
                for (int i = 0; i < aud.count(); i++) {
                    parts.add(audioPart(wav, "wav"));
                    audioBytes += wav.length;
                    clips++;
                }
            }
        }
        return new MediaParts(api, parts, images, imageBytes, clips, audioBytes);
    }

    private static Map<String, Object> imagePart(Api api, String url) {
        Map<String, Object> part = new LinkedHashMap<>();
        switch (api) {
            case RESPONSES -> {
                part.put("type", "input_image");
                part.put("image_url", url);
                part.put("detail", "auto");
            }
            case MESSAGES -> {
                part.put("type", "image");
                Map<String, Object> source = new LinkedHashMap<>();
                if (url.startsWith("data:")) {
                    int comma = url.indexOf(',');
                    String head = url.substring(5, comma); // image/png;base64, checked by the scenario's rules
                    source.put("type", "base64");
                    source.put("media_type", head.substring(0, head.indexOf(';')));
                    source.put("data", url.substring(comma + 1));
                } else {
                    source.put("type", "url");
                    source.put("url", url);
                }
                part.put("source", source);
            }
            default -> {
                part.put("type", "image_url");
                part.put("image_url", Map.of("url", url));
            }
        }
        return part;
    }

    private static Map<String, Object> audioPart(byte[] bytes, String format) {
        Map<String, Object> audio = new LinkedHashMap<>();
        audio.put("data", Base64.getEncoder().encodeToString(bytes));
        audio.put("format", format);
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("type", "input_audio");
        part.put("input_audio", audio);
        return part;
    }

    /** Bytes an inline (data:) image carries once decoded; 0 for a URL the server fetches itself. */
    private static long inlineBytes(String url) {
        if (!url.startsWith("data:")) {
            return 0;
        }
        int comma = url.indexOf(',');
        int chars = url.length() - comma - 1;
        int pad = url.endsWith("==") ? 2 : url.endsWith("=") ? 1 : 0;
        return Math.max(0, (long) chars / 4 * 3 - pad);
    }

    private static byte[] read(Path file) throws ScenarioException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ScenarioException(new Problem(new Location(file.toString(), 0, 0), "request.audio.files",
                    "cannot read " + file + ": " + e.getMessage()));
        }
    }

    /** The text part of a message's content in this API's shape. */
    Map<String, Object> textPart(String text) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("type", api == Api.RESPONSES ? "input_text" : "text");
        part.put("text", text);
        return part;
    }

    /**
     * The messages list of one user message up to its text part's opening quote, and what follows the
     * text: the part's close, the media parts and the list's close (what {@link BodyTemplate} splices around a prompt).
     */
    byte[] userTextHead() {
        return userTextHead;
    }

    byte[] userTextTail() {
        return userTextTail;
    }

    /** The encoded parts, comma-separated, without brackets. */
    byte[] json() {
        return json;
    }

    /** Images per request. */
    public int images() {
        return images;
    }

    /** Bytes of the images carried inline, per request (decoded; URLs the server fetches count 0). */
    public long imageBytes() {
        return imageBytes;
    }

    /** Audio clips per request. */
    public int audioClips() {
        return audioClips;
    }

    /** Bytes of the audio clips, per request (decoded). */
    public long audioBytes() {
        return audioBytes;
    }
}
