package io.llmload.scenario;

import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;

/**
 * When an abandoning user gives up: after {@code tokens} content chunks have arrived (about one
 * token each; streaming only), or {@code time} after the request's start (nanoseconds). Exactly
 * one is set; each is drawn per abandoned request.
 */
public record CancelAfter(DistSpec tokens, DistSpec time) {

    public static final Shape.Obj SHAPE = obj(
            optional("tokens", DistSpec.countShape(), null, "give up once this many content chunks (about one token each) have arrived"),
            optional("time", DistSpec.durationShape(), null, "give up this long after the request's start, answered or not"));

    static CancelAfter from(ObjView v) {
        return new CancelAfter(v.has("tokens") ? DistSpec.from(v, "tokens", false) : null,
                v.has("time") ? DistSpec.from(v, "time", true) : null);
    }
}
