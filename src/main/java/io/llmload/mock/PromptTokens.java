package io.llmload.mock;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Counts a request's prompt tokens for the mock's {@code usage.prompt_tokens}: the cl100k_base
 * token count of every message's text content, summed (no per-message template overhead), plus
 * {@link MediaTokens} for each image or audio part.
 */
final class PromptTokens {
    private static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    private PromptTokens() {
    }

    /** Loads the encoding (a second or more the first time); returns a token count so the work is not optimised away. */
    static int warm() {
        return CL100K.countTokens("warm up");
    }

    static int count(JsonArray messages) {
        int total = 0;
        for (int i = 0; i < messages.size(); i++) {
            Object m = messages.getValue(i);
            if (m instanceof JsonObject msg) {
                Object content = msg.getValue("content");
                if (content instanceof String text) {
                    total += CL100K.countTokens(text);
                } else if (content instanceof JsonArray parts) {
                    for (int k = 0; k < parts.size(); k++) {
                        if (parts.getValue(k) instanceof JsonObject part) {
                            total += part.getValue("text") instanceof String t ? CL100K.countTokens(t) : MediaTokens.of(part);
                        }
                    }
                }
            }
        }
        return total;
    }

    /** The prompt's token ids, every message's text content in order; {@code length} equals {@link #count}. */
    static int[] ids(JsonArray messages) {
        IntArrayList out = new IntArrayList();
        for (int i = 0; i < messages.size(); i++) {
            if (messages.getValue(i) instanceof JsonObject msg) {
                Object content = msg.getValue("content");
                if (content instanceof String text) {
                    append(out, CL100K.encode(text));
                } else if (content instanceof JsonArray parts) {
                    for (int k = 0; k < parts.size(); k++) {
                        if (parts.getValue(k) instanceof JsonObject part) {
                            if (part.getValue("text") instanceof String t) {
                                append(out, CL100K.encode(t));
                            } else {
                                mediaIds(out, part);
                            }
                        }
                    }
                }
            }
        }
        return out.toArray();
    }

    /**
     * Stand-in token ids for a media part, as many as {@link MediaTokens#of} counts: a function of the
     * part's JSON, so the same image repeated is the same prefix to the mock's prefix cache.
     */
    private static void mediaIds(IntArrayList out, JsonObject part) {
        int n = MediaTokens.of(part);
        int seed = part.encode().hashCode();
        out.ensureCapacity(out.size() + n);
        for (int i = 0; i < n; i++) {
            out.add(Math.floorMod(seed * 31 + i, 100_000));
        }
    }

    private static void append(IntArrayList out, IntArrayList more) {
        out.ensureCapacity(out.size() + more.size());
        for (int i = 0; i < more.size(); i++) {
            out.add(more.get(i));
        }
    }
}
