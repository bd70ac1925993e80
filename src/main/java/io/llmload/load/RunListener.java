package io.llmload.load;

import io.llmload.result.TimePoint;

/** Observes a run as it goes (the live console view). Called from the engine's event loop: return quickly. */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    /** The run has begun sending; {@code targetDescription} says where. */
    default void started(String targetDescription) {
    }

    /** One second has passed; {@code point} covers it. */
    default void tick(TimePoint point, double elapsedS, double plannedS) {
    }

    /** Issuing has stopped for {@code reason}; in-flight requests are draining. */
    default void draining(String reason, int inFlight) {
    }
}
