package io.llmload.scenario;

import static io.llmload.scenario.Shape.duration;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;

import java.time.Duration;

/** Per-request time limits; each one, when hit, fails the request with its own error kind. */
public record Timeouts(Duration connect, Duration firstToken, Duration idle, Duration total) {

    public static final Shape.Obj SHAPE = obj(
            optional("connect", duration(), "5s", "time to open the TCP/TLS connection"),
            optional("first_token", duration(), "60s", "time from start to the first content token"),
            optional("idle", duration(), "30s", "longest silence between two chunks of a streamed response"),
            optional("total", duration(), "300s", "time for the whole response"));

    static Timeouts from(ObjView v) {
        return new Timeouts(v.duration("connect"), v.duration("first_token"), v.duration("idle"), v.duration("total"));
    }
}
