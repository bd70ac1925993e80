package io.llmload.workload;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.client.Api;
import io.llmload.client.ApiRequestBody;
import io.llmload.client.ChatRequestBody;
import io.llmload.scenario.RequestSpec;
import io.llmload.scenario.ScenarioException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a request body that every workload shares (model, stream, params, the output-length
 * fields, tools and response format); a workload supplies the messages and, when it has its own, the
 * request's max_tokens. The body takes the shape of the target's {@link Api} ({@link ApiRequestBody});
 * {@code documents} are what a rerank request scores. {@code media} (null when none) are the image and
 * audio parts added to the last user message of every body whose content is text (a message whose
 * content is already a list of parts goes as it is); {@code sent} counts what the bodies handed out
 * carried. Thread contract: immutable but for {@code sent}, which is thread-safe.
 */
public record BodyTemplate(String model, boolean stream, Integer maxTokens, boolean minTokens, boolean ignoreEos,
                           Map<String, Object> params, Api api, List<String> documents, MediaParts media, SentInputs sent) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A chat completions template. */
    public BodyTemplate(String model, boolean stream, Integer maxTokens, boolean minTokens, boolean ignoreEos,
                        Map<String, Object> params) {
        this(model, stream, maxTokens, minTokens, ignoreEos, params, Api.CHAT, List.of());
    }

    /** A template without media, tools or response format. */
    public BodyTemplate(String model, boolean stream, Integer maxTokens, boolean minTokens, boolean ignoreEos,
                        Map<String, Object> params, Api api, List<String> documents) {
        this(model, stream, maxTokens, minTokens, ignoreEos, params, api, documents, null, new SentInputs(null, false, false));
    }

    /** Generates the synthetic media and reads the given audio files: call it while planning. */
    public static BodyTemplate of(String model, RequestSpec request, Api api, List<String> documents) throws ScenarioException {
        // embeddings and rerank never stream: their answers are one JSON body
        MediaParts media = MediaParts.of(request, api);
        Map<String, Object> params = new LinkedHashMap<>(inputFields(request, api));
        params.putAll(request.params()); // validation refused the same key in both places; params last as everywhere
        return new BodyTemplate(model, request.stream() && api.streamsTokens(), request.maxTokens(), request.minTokens(),
                request.ignoreEos(), params, api, documents, media,
                new SentInputs(media, !request.tools().isEmpty(), request.responseFormat() != null));
    }

    /**
     * {@code request.tools}, {@code tool_choice} and {@code response_format} under the field the API names
     * them by: the same names on chat and messages; the Responses API takes structured output as
     * {@code text.format} (OpenAI API reference, "Create a model response", text.format). Copied as-is.
     */
    private static Map<String, Object> inputFields(RequestSpec request, Api api) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!request.tools().isEmpty()) {
            out.put("tools", request.tools());
        }
        if (request.toolChoice() != null) {
            out.put("tool_choice", request.toolChoice());
        }
        if (request.responseFormat() != null) {
            if (api == Api.RESPONSES) {
                out.put("text", Map.of("format", request.responseFormat()));
            } else {
                out.put("response_format", request.responseFormat());
            }
        }
        return out;
    }

    /** The encoded body, media included; {@code maxTokens} null means {@code request.max_tokens}. Counts nothing. */
    public Buffer encode(List<?> messages, Integer ownMaxTokens) {
        Buffer frame = encodeFrame(messages, ownMaxTokens);
        int at = mediaAt(frame);
        return at < 0 ? frame : withMedia(frame, at);
    }

    /** {@link #encode}, counted in {@link #sent} as one body handed out: for bodies built per request. */
    public Buffer encodeSent(List<?> messages, Integer ownMaxTokens) {
        Buffer frame = encodeFrame(messages, ownMaxTokens);
        int at = mediaAt(frame);
        sent.add(at >= 0);
        return at < 0 ? frame : withMedia(frame, at);
    }

    /**
     * The body with a stand-in where the media go (see {@link #mediaAt}, {@link #withMedia}): what a
     * source that keeps many bodies keeps, so the media's bytes are held once, not once per body.
     */
    public Buffer encodeFrame(List<?> messages, Integer ownMaxTokens) {
        Integer max = ownMaxTokens != null ? ownMaxTokens : maxTokens;
        return ChatRequestBody.encode(ApiRequestBody.fields(api, model, withPlaceholder(messages), max, minTokens, ignoreEos, stream,
                params, documents));
    }

    /** Where the media stand-in is in a body from {@link #encodeFrame}, or -1 when the body carries none. */
    public int mediaAt(Buffer frame) {
        return media == null ? -1 : indexOf(frame.getBytes(), PLACEHOLDER_JSON);
    }

    /** The body with the media in place of the stand-in at {@code at}. */
    public Buffer withMedia(Buffer frame, int at) {
        byte[] parts = media.json();
        int tail = at + PLACEHOLDER_JSON.length;
        return Buffer.buffer(frame.length() + parts.length).appendBuffer(frame, 0, at).appendBytes(parts)
                .appendBuffer(frame, tail, frame.length() - tail);
    }

    /**
     * The messages with the last user message's text content turned into a text part and the media
     * stand-in; the same list when there are no media or that message's content is not text.
     */
    private List<?> withPlaceholder(List<?> messages) {
        if (media == null) {
            return messages;
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof Map<?, ?> m && "user".equals(m.get("role"))) {
                if (!(m.get("content") instanceof String text)) {
                    return messages;
                }
                Map<Object, Object> user = new LinkedHashMap<>(m);
                user.put("content", List.of(media.textPart(text), MediaParts.PLACEHOLDER));
                List<Object> out = new ArrayList<>(messages);
                out.set(i, user);
                return out;
            }
        }
        return messages;
    }

    /**
     * The body of one user message whose text is {@code text[0..length)}, which must need no JSON
     * escaping (synthetic prompts are letters, spaces and punctuation). The small rest of the body is
     * encoded as usual with a stand-in for the messages, and the text is copied into its place:
     * a long prompt is copied twice instead of being turned into a String and escaped. With media,
     * the message's content is the text part followed by the media parts, copied in the same way.
     * Counted in {@link #sent}.
     */
    public Buffer encodeUserText(byte[] text, int length, Integer ownMaxTokens) {
        if (api != Api.CHAT && api != Api.RESPONSES) {
            return encodeSent(List.of(Map.of("role", "user", "content", new String(text, 0, length, StandardCharsets.UTF_8))), ownMaxTokens);
        }
        sent.add(media != null);
        if (media == null) {
            return splice(USER_HEAD, text, length, USER_TAIL, ownMaxTokens);
        }
        return splice(media.userTextHead(), text, length, media.userTextTail(), ownMaxTokens);
    }

    /**
     * The body whose {@code messages} are the JSON objects {@code json[0..length)}, comma-separated
     * and already encoded (a conversation's history): copied into place, never parsed again. With
     * media, the new turn {@code json[turnStart..length)} is read to give its last user message the
     * media parts (earlier turns go as text). Counted in {@link #sent}.
     */
    public Buffer encodeMessages(byte[] json, int length, int turnStart, Integer ownMaxTokens) {
        if (api != Api.CHAT && api != Api.RESPONSES) {
            // the Messages API takes its system text apart: decode the history once and build the body
            try {
                List<?> messages = JSON.readValue(("[" + new String(json, 0, length, StandardCharsets.UTF_8) + "]"), List.class);
                return encodeSent(messages, ownMaxTokens);
            } catch (IOException e) {
                throw new IllegalStateException("history is not JSON: " + e.getMessage(), e);
            }
        }
        if (media != null) {
            byte[] turn = userTurnWithMedia(json, length, turnStart);
            if (turn != null) {
                sent.add(true);
                return splice(OPEN, turn, turn.length, CLOSE, ownMaxTokens);
            }
        }
        sent.add(false);
        return splice(OPEN, json, length, CLOSE, ownMaxTokens);
    }

    /** As above with the whole history read as the new turn (a conversation's opening). */
    public Buffer encodeMessages(byte[] json, int length, Integer ownMaxTokens) {
        return encodeMessages(json, length, 0, ownMaxTokens);
    }

    /**
     * The history with its last message, when it is a user message of text within the new turn,
     * rewritten with the media parts; null when there is no such message.
     */
    private byte[] userTurnWithMedia(byte[] json, int length, int turnStart) {
        byte[] segment = new byte[length - turnStart + 2];
        segment[0] = '[';
        System.arraycopy(json, turnStart, segment, 1, length - turnStart);
        segment[segment.length - 1] = ']';
        try (JsonParser p = JSON.getFactory().createParser(segment)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            long lastStart = -1;
            Map<?, ?> last = null;
            while (p.nextToken() == JsonToken.START_OBJECT) {
                lastStart = p.currentTokenLocation().getByteOffset();
                last = JSON.readValue(p, Map.class);
            }
            if (last == null || !"user".equals(last.get("role")) || !(last.get("content") instanceof String)) {
                return null;
            }
            int objectStart = turnStart + (int) lastStart - 1; // the segment starts with '['
            byte[] frame = JSON.writeValueAsBytes(withPlaceholder(List.of(last)).get(0));
            Buffer message = Buffer.buffer(frame);
            int at = indexOf(frame, PLACEHOLDER_JSON);
            byte[] withMedia = withMedia(message, at).getBytes();
            byte[] out = new byte[objectStart + withMedia.length];
            System.arraycopy(json, 0, out, 0, objectStart);
            System.arraycopy(withMedia, 0, out, objectStart, withMedia.length);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("history is not JSON: " + e.getMessage(), e);
        }
    }

    private Buffer splice(byte[] head, byte[] middle, int length, byte[] tail, Integer ownMaxTokens) {
        Integer max = ownMaxTokens != null ? ownMaxTokens : maxTokens;
        byte[] frame = ChatRequestBody.encode(ApiRequestBody.fields(api, model, STAND_IN, max, minTokens, ignoreEos, stream, params,
                documents)).getBytes();
        int at = indexOf(frame, STAND_IN_JSON);
        if (at < 0) {
            // params replaced "messages" itself: nothing to splice into, the user's value wins as usual
            return Buffer.buffer(frame);
        }
        int tailStart = at + STAND_IN_JSON.length;
        return Buffer.buffer(frame.length + length + head.length + tail.length)
                .appendBytes(frame, 0, at).appendBytes(head).appendBytes(middle, 0, length).appendBytes(tail)
                .appendBytes(frame, tailStart, frame.length - tailStart);
    }

    private static final List<String> STAND_IN = List.of("@@llmload-user-text@@");
    private static final byte[] STAND_IN_JSON = "[\"@@llmload-user-text@@\"]".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PLACEHOLDER_JSON = ("\"" + MediaParts.PLACEHOLDER + "\"").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USER_HEAD = "[{\"role\":\"user\",\"content\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USER_TAIL = "\"}]".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OPEN = {'['};
    private static final byte[] CLOSE = {']'};

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
