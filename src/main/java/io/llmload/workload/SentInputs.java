package io.llmload.workload;

import io.llmload.result.InputCounts;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the request bodies handed out carried besides text: one {@link #add} per body given
 * to the driver (warmup and failed requests included), saying whether that body's user message got
 * the media parts. Tools and response_format go into every body of the template. Thread contract:
 * thread-safe; drivers add from their event loops.
 */
public final class SentInputs {
    private final MediaParts media;
    private final boolean tools;
    private final boolean responseFormat;
    private final LongAdder requests = new LongAdder();
    private final LongAdder withMedia = new LongAdder();

    SentInputs(MediaParts media, boolean tools, boolean responseFormat) {
        this.media = media;
        this.tools = tools;
        this.responseFormat = responseFormat;
    }

    /** One body was handed out; {@code carriedMedia} when its user message got the media parts. */
    public void add(boolean carriedMedia) {
        requests.increment();
        if (carriedMedia && media != null) {
            withMedia.increment();
        }
    }

    /** True when bodies can carry anything besides text (media, tools or a response format). */
    public boolean configured() {
        return media != null || tools || responseFormat;
    }

    /** The counts so far. */
    public InputCounts counts() {
        long n = requests.sum();
        long m = withMedia.sum();
        int images = media == null ? 0 : media.images();
        int clips = media == null ? 0 : media.audioClips();
        return new InputCounts(n, images > 0 ? m : 0, m * images, images > 0 ? m * media.imageBytes() : 0, clips > 0 ? m : 0, m * clips,
                clips > 0 ? m * media.audioBytes() : 0, tools ? n : 0, responseFormat ? n : 0);
    }
}
