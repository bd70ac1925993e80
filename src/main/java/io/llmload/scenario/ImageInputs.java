package io.llmload.scenario;

import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.listOf;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.str;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code request.images}: the images every request's user message carries. Either {@code urls}
 * (each request carries every one of them: http(s) URLs or {@code data:} URLs, as given), or
 * {@code count} synthetic PNG images of {@code width} x {@code height} pixels, generated once at
 * start and reused byte for byte.
 */
public record ImageInputs(int count, int width, int height, List<String> urls) {
    /** Largest synthetic side: a 4096 x 4096 noise PNG is already about 50 MB of base64. */
    public static final int MAX_SIDE = 4096;

    public static final Shape.Obj SHAPE = obj(
            optional("count", integer(1, 64), 1, "synthetic images per request (without urls)"),
            optional("width", integer(1, MAX_SIDE), 512, "synthetic image width in pixels"),
            optional("height", integer(1, MAX_SIDE), 512, "synthetic image height in pixels"),
            optional("urls", listOf(str()), List.of(),
                    "instead of synthetic images: image URLs or data: URLs, all sent with every request"));

    /** True when the images are the user's URLs rather than synthetic ones. */
    public boolean given() {
        return !urls.isEmpty();
    }

    /** Images per request. */
    public int perRequest() {
        return given() ? urls.size() : count;
    }

    @SuppressWarnings("unchecked")
    static ImageInputs from(ObjView v) {
        if (v == null) {
            return null;
        }
        List<String> urls = new ArrayList<>();
        for (Object u : (List<Object>) v.plain("urls")) {
            urls.add(String.valueOf(u));
        }
        return new ImageInputs(Math.toIntExact(v.integer("count")), Math.toIntExact(v.integer("width")),
                Math.toIntExact(v.integer("height")), List.copyOf(urls));
    }
}
