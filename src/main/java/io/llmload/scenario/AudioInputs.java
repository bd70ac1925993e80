package io.llmload.scenario;

import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.listOf;
import static io.llmload.scenario.Shape.number;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.str;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code request.audio}: the audio clips every request's user message carries. Either {@code files}
 * (WAV or MP3 files, relative to the scenario file, each sent with every request), or {@code count}
 * synthetic WAV clips of {@code seconds} (16 kHz, 16-bit mono noise), generated once and reused.
 */
public record AudioInputs(int count, double seconds, List<Path> files) {
    /** Longest synthetic clip: ten minutes is about 25 MB of base64 per clip. */
    public static final double MAX_SECONDS = 600;

    public static final Shape.Obj SHAPE = obj(
            optional("count", integer(1, 16), 1, "synthetic clips per request (without files)"),
            optional("seconds", number(0.1, MAX_SECONDS), 5, "length of each synthetic clip (16 kHz 16-bit mono WAV)"),
            optional("files", listOf(str()), List.of(), "instead of synthetic clips: .wav or .mp3 files (relative to the scenario file), all sent with every request"));

    public boolean given() {
        return !files.isEmpty();
    }

    /** Clips per request. */
    public int perRequest() {
        return given() ? files.size() : count;
    }

    @SuppressWarnings("unchecked")
    static AudioInputs from(ObjView v) {
        if (v == null) {
            return null;
        }
        List<Path> files = new ArrayList<>();
        List<Node> items = v.list("files");
        List<Object> names = (List<Object>) v.plain("files");
        for (int i = 0; i < names.size(); i++) {
            files.add(DatasetSpec.resolve(String.valueOf(names.get(i)), items.isEmpty() ? v.location("files") : items.get(i).location()));
        }
        return new AudioInputs(Math.toIntExact(v.integer("count")), v.number("seconds"), List.copyOf(files));
    }
}
