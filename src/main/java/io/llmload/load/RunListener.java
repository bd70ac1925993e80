package io.llmload.load;

import io.llmload.metrics.IntervalSnapshot;

/** Observes a run as it goes (the live console view). Called from the engine's event loop: return quickly. */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    /** The run has begun sending; {@code targetDescription} says where. */
    default void started(String targetDescription) {
    }

    /** About a second has passed; {@code interval} covers it. {@code plannedS} is the planned run length, 0 if unknown. */
    default void tick(IntervalSnapshot interval, double plannedS) {
    }

    /** Issuing has stopped for {@code reason}; in-flight requests are draining. */
    default void draining(String reason, int inFlight) {
    }

    /**
     * The run is over; {@code last} is the final, partial interval (since the last tick), so that
     * the ticks and this add up to everything measured (a distributed agent streams them all).
     */
    default void ended(IntervalSnapshot last) {
    }
}
