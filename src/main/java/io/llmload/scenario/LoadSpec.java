package io.llmload.scenario;

import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;

import java.time.Duration;

/**
 * When to send. Closed model: {@code concurrency} virtual users, each sending its next request
 * when the previous one ends. The run stops at {@code duration} or after {@code requests}
 * measured requests, whichever comes first; {@code warmup} comes before and is not measured.
 */
public record LoadSpec(int concurrency, Duration warmup, Duration duration, Long requests, Duration drain) {

    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);

    public static final Shape.Obj SHAPE = obj(
            optional("concurrency", integer(1), 1L, "number of concurrent virtual users (closed model)"),
            optional("warmup", Shape.duration(), "0s", "time before measuring starts; its requests are not counted"),
            optional("duration", Shape.duration(), null, "measured time (60s when neither duration nor requests is set)"),
            optional("requests", integer(1), null, "stop after this many measured requests"),
            optional("drain", Shape.duration(), "30s", "at the end, how long in-flight requests may finish before they are cut off"));

    static LoadSpec from(ObjView v) {
        Duration duration = v.duration("duration");
        Long requests = v.integerOrNull("requests");
        if (duration == null && requests == null) {
            duration = DEFAULT_DURATION;
        }
        return new LoadSpec(Math.toIntExact(v.integer("concurrency")), v.duration("warmup"), duration, requests,
                v.duration("drain"));
    }
}
