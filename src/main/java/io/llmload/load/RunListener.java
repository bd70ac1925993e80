package io.llmload.load;

import io.llmload.metrics.IntervalSnapshot;
import io.llmload.result.Summary;
import java.util.function.IntFunction;

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

    /**
     * Right after {@link #tick} while requests are still being issued: may the run go on?
     * {@code soFar} gives the measured results so far of lane {@code l} (in plan order; -1 for the
     * whole run), computed only when asked. Returning true stops issuing now with stop reason
     * {@link RunEngine#THRESHOLD_STOP} (an abort_on_fail threshold that can no longer pass).
     */
    default boolean stopNow(IntFunction<Summary> soFar) {
        return false;
    }

    /** Issuing has stopped for {@code reason}; in-flight requests are draining. */
    default void draining(String reason, int inFlight) {
    }
}
